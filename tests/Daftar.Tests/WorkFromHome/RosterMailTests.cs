using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.WorkFromHome;
using Daftar.WorkFromHome;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Daftar.Tests.WorkFromHome;

/// <summary>Issue #32 item 4: publishing a roster tells each employee on it by e-mail, with their office days as iCalendar events.</summary>
public class RosterMailTests(MailFactory app) : IClassFixture<MailFactory>
{
    [Fact]
    public async Task PublishingARoster_MailsEachEmployeeTheirOfficeDays_WithACalendarPart()
    {
        var collector = await app.ApiClientAsync(Demo.Collector);
        var office = await app.WithDbAsync(db => db.Offices.Where(o => o.Code == "DIST-JPR").Select(o => o.Id).SingleAsync());
        var monday = RosterPlanner.WeekOf(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(5.5))).AddDays(7);
        var created = await collector.PostAsJsonAsync("/api/work-from-home/rosters", new GenerateRosterCommand(office, monday, monday.AddDays(5)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NoContent, (await collector.PostAsync($"/api/work-from-home/rosters/{id}/publish", null)).StatusCode);

        var email = await app.WithDbAsync(db => db.Employees.Where(e => e.Code == Demo.Collector).Select(e => e.Email).SingleAsync());
        List<MimeMessage> found = [];
        for (var i = 0; i < 100 && found.Count == 0; i++)
        {
            await Task.Delay(100);
            found = Directory.GetFiles(Path.Combine(app.Maildir, "new")).Select(f => MimeMessage.Load(f))
                .Where(m => (m.Subject ?? "").StartsWith("Daftar: your office days", StringComparison.Ordinal) && m.To.Mailboxes.Any(b => b.Address == email)).ToList();
        }
        var message = Assert.Single(found);
        var calendar = message.BodyParts.OfType<TextPart>().Single(p => p.ContentType.MimeType == "text/calendar").Text;
        // The Collector is the office's essential post: every working day of the week is in his calendar.
        Assert.Equal(6, calendar.Split("BEGIN:VEVENT").Length - 1);
        Assert.Contains($"DTSTART;VALUE=DATE:{monday:yyyyMMdd}", calendar);
        Assert.All(Ical.Net.Calendar.Load(calendar)!.Events, e => Assert.Equal(("TRANSPARENT", true), (e.Transparency, e.IsAllDay)));
        Assert.Contains("कार्यालय में आपके दिन", message.TextBody);

        // The same days, as the work-from-home page's download for the coming weeks.
        var download = await (await app.SignInAsync(Demo.Collector)).GetStringAsync("/WorkFromHome?handler=Calendar");
        var downloaded = Ical.Net.Calendar.Load(download)!.Events.Select(e => DateOnly.FromDateTime(e.DtStart!.Value)).ToHashSet();
        Assert.Subset(downloaded, Enumerable.Range(0, 6).Select(monday.AddDays).ToHashSet());
    }

    [Fact]
    public async Task APublishedRoster_PutsTheOfficeDaysInThePersonsCalendarFeed_InTheirLanguage_AndADraftDoesNot()
    {
        var collector = await app.ApiClientAsync(Demo.Collector);
        var office = await app.WithDbAsync(db => db.Offices.Where(o => o.Code == "DIST-JPR").Select(o => o.Id).SingleAsync());
        var monday = RosterPlanner.WeekOf(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(5.5))).AddDays(21);
        var created = await collector.PostAsJsonAsync("/api/work-from-home/rosters", new GenerateRosterCommand(office, monday, monday.AddDays(5)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await app.WithDbAsync(db => db.Users.Where(u => u.UserName == Demo.Collector).ExecuteUpdateAsync(u => u.SetProperty(a => a.PreferredCulture, "hi")));

        var feedUrl = (await (await collector.PostAsync("/api/me/calendar-feed", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        var anonymous = app.CreateClient();
        Events(await anonymous.GetStringAsync(new Uri(feedUrl).PathAndQuery), monday, out var draftDays);
        Assert.Empty(draftDays);

        Assert.Equal(HttpStatusCode.NoContent, (await collector.PostAsync($"/api/work-from-home/rosters/{id}/publish", null)).StatusCode);
        var feed = await anonymous.GetStringAsync(new Uri(feedUrl).PathAndQuery);
        var calendar = Events(feed, monday, out var days);
        // The Collector is the office's essential post: each of the six working days, all day, not blocking the diary.
        Assert.Equal(Enumerable.Range(0, 6).Select(monday.AddDays).ToList(), days);
        var first = calendar.Events.First(e => e.Uid!.StartsWith($"roster-{id}-", StringComparison.Ordinal));
        Assert.True(first.IsAllDay);
        Assert.Equal("TRANSPARENT", first.Transparency);
        Assert.Equal("कार्यालय में उपस्थिति (रोस्टर)", first.Summary);
        Assert.Contains("जिला", first.Location);
        await app.WithDbAsync(db => db.Users.Where(u => u.UserName == Demo.Collector).ExecuteUpdateAsync(u => u.SetProperty(a => a.PreferredCulture, "en")));
        Assert.Contains("SUMMARY:In the office (roster)", await anonymous.GetStringAsync(new Uri(feedUrl).PathAndQuery));

        static Ical.Net.Calendar Events(string ics, DateOnly monday, out List<DateOnly> days)
        {
            var calendar = Ical.Net.Calendar.Load(ics)!;
            days = calendar.Events.Where(e => e.Uid!.StartsWith("roster-", StringComparison.Ordinal))
                .Select(e => DateOnly.FromDateTime(e.DtStart!.Value)).Where(d => d >= monday && d < monday.AddDays(7)).Order().ToList();
            return calendar;
        }
    }
}
