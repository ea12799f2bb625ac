using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.WorkFromHome;
using Daftar.WorkFromHome;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.WorkFromHome;

/// <summary>Issue #32 item 4: the office head says which sections need someone in every working day, and the rosters keep it.</summary>
public class SectionPresenceTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private async Task<int> OfficeAsync() => await app.WithDbAsync(db => db.Offices.Where(o => o.Code == "DIST-JPR").Select(o => o.Id).SingleAsync());

    [Fact]
    public async Task TheOfficeHead_SetsASectionsMinimum_OutOfRangeIsRefusedAndChangesNothing_AndTheNextRosterKeepsIt()
    {
        var collector = await app.ApiClientAsync(Demo.Collector);
        var office = await OfficeAsync();
        var sections = (await collector.GetFromJsonAsync<List<SectionPresenceView>>($"/api/work-from-home/offices/{office}/sections", Json))!;
        Assert.Equal(1, sections.Single(s => s.Code == "LR").MinimumInOffice);   // the demo's land records counter
        var gen = sections.Single(s => s.Code == "GEN");
        Assert.True(gen.Posts >= 3, "the general branch has the ADM, a UDC and an LDC");

        foreach (var wrong in new[] { -1, gen.Posts + 1 })
        {
            var refused = await collector.PutAsJsonAsync($"/api/work-from-home/sections/{gen.SectionId}/presence", new SectionPresenceCommand(wrong));
            var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("invalid_minimum", problem.GetProperty("code").GetString());
            Assert.True(problem.GetProperty("errors").TryGetProperty("minimumInOffice", out _));
        }
        Assert.Equal(gen.MinimumInOffice, await app.WithDbAsync(db => db.SectionPresence.Where(p => p.SectionId == gen.SectionId).Select(p => p.MinimumInOffice).SingleOrDefaultAsync()));

        // Everyone of the section, every working day: each day either has them all in, or the roster says the section is short that day.
        var saved = await collector.PutAsJsonAsync($"/api/work-from-home/sections/{gen.SectionId}/presence", new SectionPresenceCommand(gen.Posts));
        Assert.Equal(gen.Posts, (await saved.Content.ReadFromJsonAsync<SectionPresenceView>(Json))!.MinimumInOffice);
        var monday = RosterPlanner.WeekOf(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(5.5))).AddDays(28);
        var made = await collector.PostAsJsonAsync("/api/work-from-home/rosters", new GenerateRosterCommand(office, monday, monday.AddDays(5)));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var id = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var roster = (await collector.GetFromJsonAsync<RosterView>($"/api/work-from-home/rosters/{id}", Json))!;
        var people = roster.People.Where(p => p.SectionCode == "GEN").ToList();
        Assert.NotEmpty(people);
        foreach (var day in roster.Days.Select(d => d.Day))
        {
            var inOffice = people.Count(p => p.Days.Contains(day));
            var short_ = roster.Problems.Where(p => p.Code == RosterProblems.SectionShort && p.Day == day && p.Section == "GEN").Sum(p => p.By);
            Assert.True(inOffice + short_ >= Math.Min(gen.Posts, people.Count), $"{day}: {inOffice} of the section in, short by {short_}");
        }
        Assert.True(people.Sum(p => p.Days.Count) > roster.Days.Count, "more than one of the section comes in on some day");

        // Someone of another office sees nothing of this one's sections.
        var outsider = await app.ApiClientAsync(Demo.SectionOfficer);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PutAsJsonAsync($"/api/work-from-home/sections/{gen.SectionId}/presence", new SectionPresenceCommand(1))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/work-from-home/offices/{office}/sections")).StatusCode);
    }

    [Fact]
    public async Task TheRosterPage_ShowsTheSections_AndItsFormRefusesAnImpossibleMinimumInWords()
    {
        var collector = await app.SignInAsync(Demo.Collector);
        var office = await OfficeAsync();
        var page = await DaftarFactory.PageAsync(collector, $"/WorkFromHome/Roster?office={office}");
        var first = page.QuerySelector("#section-presence tbody tr")!;
        var section = int.Parse(first.GetAttribute("data-section")!, System.Globalization.CultureInfo.InvariantCulture);
        var posts = int.Parse(first.QuerySelectorAll("td")[1].TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var before = await app.WithDbAsync(db => db.SectionPresence.Where(p => p.SectionId == section).Select(p => (int?)p.MinimumInOffice).SingleOrDefaultAsync());

        var refused = await DaftarFactory.PostFormAsync(collector, $"/WorkFromHome/Roster?office={office}", new() { ["minimum"] = (posts + 5).ToString(System.Globalization.CultureInfo.InvariantCulture) }, "Presence");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("A section&#x27;s minimum in the office is from 0 to the number of its posts.", await refused.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.WithDbAsync(db => db.SectionPresence.Where(p => p.SectionId == section).Select(p => (int?)p.MinimumInOffice).SingleOrDefaultAsync()));

        var wanted = before == 1 || posts == 0 ? 0 : 1;
        var saved = await DaftarFactory.PostFormAsync(collector, $"/WorkFromHome/Roster?office={office}", new() { ["minimum"] = wanted.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "Presence");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(wanted, await app.WithDbAsync(db => db.SectionPresence.Where(p => p.SectionId == section).Select(p => p.MinimumInOffice).SingleAsync()));
        var after = await DaftarFactory.PageAsync(collector, $"/WorkFromHome/Roster?office={office}");
        Assert.Equal(wanted.ToString(System.Globalization.CultureInfo.InvariantCulture), after.QuerySelector($"#minimum-{section}")!.GetAttribute("value"));
    }
}
