using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.WorkFromHome;
using Daftar.WorkFromHome;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.WorkFromHome;

/// <summary>Issue #32: draft rosters for every office of the state in one background run, with progress, by an administrator.</summary>
public class RosterRunTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static async Task<RosterRunView> FinishedAsync(HttpClient client, Uri location)
    {
        for (var i = 0; i < 600; i++)
        {
            var run = (await client.GetFromJsonAsync<RosterRunView>(location, Json))!;
            Assert.InRange(run.Done, 0, run.Offices);
            if (run.Finished) return run;
            await Task.Delay(100);
        }
        throw new TimeoutException("The roster run did not finish in a minute.");
    }

    [Fact]
    public async Task AStateWideRun_MakesADraftForEveryOfficeWithAnOrder_NamesWhyTheOthersHaveNone_AndRunningAgainReplacesTheDrafts()
    {
        var admin = await app.ApiClientAsync(Demo.Admin);
        var monday = RosterPlanner.WeekOf(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(5.5))).AddDays(35);
        var offices = await app.WithDbAsync(db => db.Offices.CountAsync());
        var withOrder = await app.WithDbAsync(db => db.OfficeOrders.Select(o => o.OfficeId).Distinct().ToListAsync());
        Assert.NotEmpty(withOrder);

        var started = await admin.PostAsJsonAsync("/api/work-from-home/roster-runs", new RosterRunCommand(monday, monday.AddDays(5), null));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var first = await FinishedAsync(admin, started.Headers.Location!);
        Assert.Null(first.Failure);
        Assert.Equal((offices, offices, withOrder.Count, offices - withOrder.Count), (first.Offices, first.Done, first.Made, first.Skipped));
        Assert.Equal(100, first.Percent);
        Assert.All(first.Skips, s => Assert.Contains(s.Code, new[] { "no_order", "no_staff" }));
        Assert.Contains(first.Skips, s => s.Code == "no_order");
        async Task<List<int>> DraftsAsync() => await app.WithDbAsync(db => db.Rosters.Where(r => r.From == monday && r.To == monday.AddDays(5) && r.Status == RosterStatus.Draft)
            .Select(r => r.OfficeId).OrderBy(o => o).ToListAsync());
        Assert.Equal(withOrder.Order(), await DraftsAsync());
        // Each draft is the planner's: the office's essential post is in on every working day.
        var collector = await app.EmployeeIdAsync(Demo.Collector);
        Assert.Equal(6, await app.WithDbAsync(db => db.RosterEntries.CountAsync(e => e.EmployeeId == collector && e.Day >= monday && e.Day <= monday.AddDays(5))));

        var again = await admin.PostAsJsonAsync("/api/work-from-home/roster-runs", new RosterRunCommand(monday, monday.AddDays(5), null));
        Assert.Equal(withOrder.Count, (await FinishedAsync(admin, again.Headers.Location!)).Made);
        Assert.Equal(withOrder.Order(), await DraftsAsync());

        // A run is its starter's: another officer neither sees it nor starts one; a past period is refused and starts nothing.
        var officer = await app.ApiClientAsync(Demo.Collector);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync(started.Headers.Location)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync("/api/work-from-home/roster-runs", new RosterRunCommand(null, null, null))).StatusCode);
        var past = await admin.PostAsJsonAsync("/api/work-from-home/roster-runs", new RosterRunCommand(monday.AddDays(-70), monday.AddDays(-65), null));
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Equal("past_period", JsonDocument.Parse(await past.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task TheRosterPage_LetsTheAdministratorStartARun_AndShowsItsProgressUntilDone()
    {
        var admin = await app.SignInAsync(Demo.Admin);
        var monday = RosterPlanner.WeekOf(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(5.5))).AddDays(42);
        var started = await DaftarFactory.PostFormAsync(admin, "/WorkFromHome/Roster",
            new() { ["From"] = monday.ToString("yyyy-MM-dd"), ["To"] = monday.AddDays(5).ToString("yyyy-MM-dd") }, "Run");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var location = started.Headers.Location!.OriginalString;
        var run = System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://x"), location).Query)["run"];
        Assert.NotNull((await DaftarFactory.PageAsync(admin, location)).QuerySelector("#roster-run progress"));
        AngleSharp.Dom.IElement? status = null;
        for (var i = 0; i < 600 && (status is null || status.GetAttribute("hx-trigger") is not null); i++)
        {
            if (i > 0) await Task.Delay(100);
            status = (await DaftarFactory.PageAsync(admin, $"/WorkFromHome/Roster?handler=RunStatus&run={run}")).QuerySelector("#roster-run");
        }
        Assert.Null(status!.GetAttribute("hx-trigger"));
        Assert.Equal("100", status.QuerySelector("progress")!.GetAttribute("value"));
        Assert.NotEmpty(status.QuerySelectorAll("#roster-run-skips li"));
        // Nobody else reads the run's progress, and an officer who is not an administrator has no button to start one.
        var collector = await app.SignInAsync(Demo.Collector);
        Assert.Equal(HttpStatusCode.NotFound, (await collector.GetAsync($"/WorkFromHome/Roster?handler=RunStatus&run={run}")).StatusCode);
        Assert.Null((await DaftarFactory.PageAsync(collector, "/WorkFromHome/Roster")).QuerySelector("#run-form"));
    }
}
