using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.Meetings;

/// <summary>
/// Meetings through the pages: the form refuses bad input and keeps what was typed; a rule is previewed; a weekly
/// review is scheduled; an occurrence is moved and another cancelled; an action item is assigned, reported on by the
/// SHO and shown on the dashboard; minutes are drafted; the join page and the calendar are there for the invitee.
/// </summary>
public class MeetingPageTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    private static readonly TimeZoneInfo Ist = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

    [Fact]
    public async Task WeeklyReview_ScheduledMovedFollowedUp_ThroughThePages()
    {
        var igp = await app.SignInAsync("RJ100053");
        var ids = await app.WithDbAsync(async db => new
        {
            Range = await db.Offices.Where(o => o.Code == "RANGE-JPR").Select(o => o.Id).SingleAsync(),
            Chair = await db.Posts.Where(p => p.Code == "IGP-JPR").Select(p => p.Id).SingleAsync(),
            Sho = await db.Posts.Where(p => p.Code == "SHO-CHAKSU").Select(p => p.Id).SingleAsync(),
        });
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Ist));

        var form = await DaftarFactory.PageAsync(igp, "/Meetings/New");
        Assert.NotNull(form.QuerySelector("#meeting-form"));
        Assert.Equal(3, form.QuerySelectorAll(".rule-row").Length);

        // A rule previewed before anything is sent: the four SHOs of the range.
        var preview = await DaftarFactory.PostFormAsync(igp, "/Meetings/New", new() { ["Rules[0].OfficeType"] = "PoliceStation", ["Rules[0].UnderOfficeId"] = ids.Range.ToString() },
            handler: null);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode); // the main form, posted without a title: shown again with errors
        var again = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await preview.Content.ReadAsStringAsync());
        Assert.Contains("Title is required.", again.Body!.TextContent);
        Assert.Equal(ids.Range.ToString(), again.QuerySelector("#Rules_0_UnderOfficeId option[selected]")?.GetAttribute("value"));
        var token = again.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var previewRequest = new HttpRequestMessage(HttpMethod.Post, "/Meetings/New?handler=Preview&index=0")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Rules[0].OfficeType"] = "PoliceStation",
                ["Rules[0].UnderOfficeId"] = ids.Range.ToString(),
                ["__RequestVerificationToken"] = token,
            }),
        };
        var partial = await (await igp.SendAsync(previewRequest)).Content.ReadAsStringAsync();
        Assert.Contains("<strong class=\"preview-count\">4</strong>", partial);

        // Scheduled weekly on Monday and Thursday for two weeks, the SHOs by rule.
        var saved = await DaftarFactory.PostFormAsync(igp, "/Meetings/New", new()
        {
            ["Title"] = "साप्ताहिक अपराध समीक्षा",
            ["Purpose"] = "Review",
            ["ChairPostId"] = ids.Chair.ToString(),
            ["FirstDay"] = today.AddDays(1).ToString("yyyy-MM-dd"),
            ["StartTime"] = "11:00",
            ["DurationMinutes"] = "60",
            ["Recurrence"] = "Weekly",
            ["Days[0]"] = "Monday",
            ["Days[1]"] = "Thursday",
            ["Until"] = today.AddDays(14).ToString("yyyy-MM-dd"),
            ["Video"] = "Janus",
            ["Agenda"] = "लंबित प्रकरण\nमहिला अपराध",
            ["Rules[0].OfficeType"] = "PoliceStation",
            ["Rules[0].UnderOfficeId"] = ids.Range.ToString(),
            ["Guests"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var url = saved.Headers.Location!.OriginalString;
        var view = await DaftarFactory.PageAsync(igp, url);
        var rows = view.QuerySelectorAll("#occurrences tbody tr");
        Assert.InRange(rows.Length, 4, 5);
        Assert.All(rows, r => Assert.Matches("(Mon|Thu)", r.TextContent));
        Assert.Equal(2, view.QuerySelectorAll("#agenda li").Length);
        Assert.Equal(4, view.QuerySelectorAll("#invitees li").Length);

        // Move the first occurrence by an hour; then cancel it after all (the invitees are told both times).
        var meetingId = int.Parse(url.Split('/').Last());
        var occurrences = await app.WithDbAsync(db => db.MeetingOccurrences.Where(o => o.MeetingId == meetingId).OrderBy(o => o.Number).Select(o => new { o.Id, o.Day }).ToListAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await DaftarFactory.PostFormAsync(igp, url,
            new() { ["MoveDay"] = occurrences[0].Day.ToString("yyyy-MM-dd"), ["MoveTime"] = "12:00", ["MoveMinutes"] = "45" }, handler: "Move")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await DaftarFactory.PostFormAsync(igp, url, new(), handler: "CancelOccurrence")).StatusCode);
        view = await DaftarFactory.PageAsync(igp, url);
        Assert.Contains("12:00", view.QuerySelectorAll("#occurrences tbody tr")[0].TextContent);
        Assert.Contains("Cancelled", view.QuerySelector("#occurrences")!.TextContent);

        // An action item for the SHO of Chaksu; a missing due date is told, not saved.
        var missing = await DaftarFactory.PostFormAsync(igp, url, new() { ["ActionText"] = "Night patrolling report", ["AssigneePostId"] = ids.Sho.ToString() }, handler: "Action");
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        var pastDue = await DaftarFactory.PostFormAsync(igp, url,
            new() { ["ActionText"] = "Night patrolling report", ["AssigneePostId"] = ids.Sho.ToString(), ["DueOn"] = today.AddDays(-1).ToString("yyyy-MM-dd") }, handler: "Action");
        Assert.Equal(HttpStatusCode.OK, pastDue.StatusCode);
        Assert.Contains("cannot be before today", await pastDue.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await DaftarFactory.PostFormAsync(igp, url,
            new() { ["ActionText"] = "Night patrolling report", ["AssigneePostId"] = ids.Sho.ToString(), ["DueOn"] = today.ToString("yyyy-MM-dd") }, handler: "Action")).StatusCode);
        // A day later it is overdue.
        await app.WithDbAsync(db => db.ActionItems.Where(a => a.MeetingId == meetingId).ExecuteUpdateAsync(s => s.SetProperty(a => a.DueOn, today.AddDays(-1))));

        // The SHO: the meeting on the Meetings page with a join button page, the action item overdue, reported on.
        var sho = await app.SignInAsync("RJ100057");
        var mine = await DaftarFactory.PageAsync(sho, "/Meetings");
        Assert.Contains("साप्ताहिक अपराध समीक्षा", mine.QuerySelector("#meetings")!.TextContent);
        var join = await DaftarFactory.PageAsync(sho, $"/Meetings/Join/{occurrences[0].Id}");
        Assert.Equal($"/Meetings/Join/{occurrences[0].Id}", join.QuerySelector("#meeting")!.GetAttribute("data-base"));
        Assert.NotNull(join.QuerySelector("script[src='/lib/janus/janus.min.js']"));
        var actions = await DaftarFactory.PageAsync(sho, "/Meetings/Actions?overdue=true");
        Assert.Single(actions.QuerySelectorAll("article"));
        var actionId = await app.WithDbAsync(db => db.ActionItems.Where(a => a.MeetingId == meetingId).Select(a => a.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await DaftarFactory.PostFormAsync(sho, "/Meetings/Actions", new() { ["Status"] = "Done", ["Text"] = "Report sent" }, handler: "Update")).StatusCode);
        Assert.Equal(Daftar.Meetings.ActionStatus.Done, await app.WithDbAsync(db => db.ActionItems.Where(a => a.Id == actionId).Select(a => a.Status).SingleAsync()));

        // A meeting starting now is on the SHO's home page, with its join button.
        var now = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Ist);
        var todays = await (await app.ApiClientAsync("RJ100053")).PostAsJsonAsync("/api/meetings", new
        {
            title = "आज की समीक्षा",
            purpose = 1,
            chairPostId = ids.Chair,
            firstDay = DateOnly.FromDateTime(now),
            startTime = now.ToString("HH:mm"),
            durationMinutes = 30,
            postIds = new[] { ids.Sho },
            notify = false
        });
        Assert.Equal(HttpStatusCode.Created, todays.StatusCode);
        var home = await DaftarFactory.PageAsync(sho, "/");
        Assert.Contains("आज की समीक्षा", home.QuerySelector("#meetings-today")!.TextContent);
        Assert.NotNull(home.QuerySelector("#meetings-today a[href^='/Meetings/Join/']"));

        // The SHO cannot change the meeting.
        var refused = await sho.GetAsync($"/Meetings/New?id={meetingId}");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/AccessDenied", refused.Headers.Location!.OriginalString);

        // The dashboard of the range's police stations.
        var board = await DaftarFactory.PageAsync(igp, $"/Meetings/Dashboard?OfficeId={ids.Range}&Level=PoliceStation");
        Assert.Equal(4, board.QuerySelectorAll("#dashboard tbody tr").Length);

        // Minutes on a held occurrence (yesterday's meeting): drafted through the page.
        var api = await app.ApiClientAsync("RJ100053");
        var past = await api.PostAsJsonAsync("/api/meetings", new
        {
            title = "कल की समीक्षा",
            purpose = 1,
            chairPostId = ids.Chair,
            firstDay = today.AddDays(-1),
            startTime = "10:00",
            durationMinutes = 30,
            postIds = new[] { ids.Sho },
            notify = false
        });
        var pastId = (await past.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var held = await app.WithDbAsync(db => db.MeetingOccurrences.Where(o => o.MeetingId == pastId).Select(o => o.Id).SingleAsync());
        var occurrencePage = $"/Meetings/Occurrence/{held}";
        Assert.Equal(HttpStatusCode.OK, (await DaftarFactory.PostFormAsync(igp, occurrencePage, new() { ["Body"] = "" }, handler: "Save")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await DaftarFactory.PostFormAsync(igp, occurrencePage, new() { ["Body"] = "सभी थानाधिकारी उपस्थित रहे।" }, handler: "Save")).StatusCode);
        var minutes = await DaftarFactory.PageAsync(igp, occurrencePage);
        Assert.Contains("सभी थानाधिकारी उपस्थित रहे।", minutes.QuerySelector("#Body")!.TextContent);
        Assert.Contains("absent", minutes.QuerySelector("#attendance")!.TextContent);
        var csv = await (await igp.GetAsync($"{occurrencePage}?handler=Export")).Content.ReadAsStringAsync();
        Assert.Contains("absent", csv);
        // The SHO sees the minutes but cannot edit them.
        Assert.Null((await DaftarFactory.PageAsync(sho, occurrencePage)).QuerySelector("#Body"));
    }
}
