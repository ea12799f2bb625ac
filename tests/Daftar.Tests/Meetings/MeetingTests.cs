using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Daftar.Meetings;
using Daftar.People;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.Meetings;
using Daftar.Web.Features.Signing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Daftar.Tests.Meetings;

/// <summary>
/// Meetings through the API on both databases: participants by rule (previewed, resolved to posts), recurrence with
/// single occurrences cancelled and moved, iCalendar invitations by e-mail that a calendar library reads back, the
/// personal feed, who may see and manage, join tokens only for the invited, action items to closure, signed minutes
/// and the review dashboard.
/// </summary>
public class MeetingTests(MailFactory app) : IClassFixture<MailFactory>
{
    private const string Igp = "RJ100053", Sp = "RJ100054", ShoChaksu = "RJ100057", Adm = "RJ100038";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly TimeZoneInfo Ist = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Ist));

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    private static async Task<string> CodeOfAsync(HttpResponseMessage response)
    {
        Assert.False(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString()!;
    }

    private async Task<int> OfficeAsync(string code) => await app.WithDbAsync(db => db.Offices.Where(o => o.Code == code).Select(o => o.Id).SingleAsync());
    private async Task<int> DesignationAsync(string code) => await app.WithDbAsync(db => db.Designations.Where(o => o.Code == code).Select(o => o.Id).SingleAsync());

    [Fact]
    public async Task Rules_ResolveToPostsOfTheOrganisation_AndArePreviewedBeforeAnythingIsSent()
    {
        var igp = await app.ApiClientAsync(Igp);
        var range = await OfficeAsync("RANGE-JPR");
        var district = await OfficeAsync("DIST-JPR");
        var shos = await ReadAsync<RulePreview>(await igp.PostAsJsonAsync("/api/meetings/rules/preview", new RuleInput(OfficeType.PoliceStation, range)));
        Assert.Equal(["SHO-CHAKSU", "SHO-CHOMU", "SHO-GOVINDGARH", "SHO-KOTKHAWDA"], shos.Posts.Select(p => p.Code).Order());
        var circle = await ReadAsync<RulePreview>(await igp.PostAsJsonAsync("/api/meetings/rules/preview", new RuleInput(null, await OfficeAsync("CIR-CHAKSU"), await DesignationAsync("SHO"))));
        Assert.Equal(["SHO-CHAKSU", "SHO-KOTKHAWDA"], circle.Posts.Select(p => p.Code).Order());
        // "Every BDO and gram vikas adhikari of Jaipur district": two rules; the vacant post is still invited (its additional charge holder comes).
        var bdos = await ReadAsync<RulePreview>(await igp.PostAsJsonAsync("/api/meetings/rules/preview", new RuleInput(null, district, await DesignationAsync("BDO"))));
        var gvas = await ReadAsync<RulePreview>(await igp.PostAsJsonAsync("/api/meetings/rules/preview", new RuleInput(null, district, await DesignationAsync("GVA"))));
        Assert.Equal(2, bdos.Count);
        Assert.Equal(4, gvas.Count);
        Assert.Contains(gvas.Posts, p => p.Code == "GVA-SHIVDASPURA" && p.Holders.Single().Code == "RJ100051");
        Assert.Equal("empty_rule", await CodeOfAsync(await igp.PostAsJsonAsync("/api/meetings/rules/preview", new RuleInput())));
    }

    [Fact]
    public async Task RecurringReview_OccurrencesCancelledAndMoved_CalendarsGetRruleExdateAndRecurrenceId()
    {
        var igp = await app.ApiClientAsync(Igp);
        var chair = await app.PostIdAsync("IGP-JPR");
        var first = Today.AddDays(1);
        var cmd = new MeetingCommand("दैनिक अपराध समीक्षा — Jaipur Range", MeetingPurpose.Review, "Law and order review", chair, first, "10:30", 45,
            Recurrence.EveryOtherDay, Until: first.AddDays(6), Agenda: [new("लंबित प्रकरण"), new("Night patrolling")],
            Rules: [new(OfficeType.PoliceStation, await OfficeAsync("RANGE-JPR"))], PostIds: [await app.PostIdAsync("SP-JPR-RURAL")],
            Guests: [new("Dr. Meera Iyer", "meera.iyer@example.org")]);

        // Bad input: every field named at once, nothing saved.
        var bad = await igp.PostAsJsonAsync("/api/meetings", cmd with { Title = "", StartTime = "25:99", Until = null, Recurrence = Recurrence.Weekly, Days = WeekDays.None });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        foreach (var field in new[] { "title", "startTime", "until", "days" }) Assert.True(errors.TryGetProperty(field, out _), field);
        Assert.Equal("invalid_link", await CodeOfAsync(await igp.PostAsJsonAsync("/api/meetings", cmd with { Video = VideoKind.External, ExternalUrl = "javascript:alert(1)" })));

        var id = (await ReadAsync<JsonElement>(await igp.PostAsJsonAsync("/api/meetings", cmd))).GetProperty("id").GetInt32();
        var meeting = await ReadAsync<MeetingView>(await igp.GetAsync($"/api/meetings/{id}"));
        Assert.Equal([first, first.AddDays(2), first.AddDays(4), first.AddDays(6)], meeting.Occurrences.Select(o => o.Day));
        Assert.All(meeting.Occurrences, o => Assert.Equal(new TimeOnly(10, 30), TimeOnly.FromDateTime(o.StartsAt.DateTime)));
        Assert.Equal(TimeSpan.FromHours(5.5), meeting.Occurrences[0].StartsAt.Offset);
        Assert.Equal(6, meeting.Invitees.Count); // 4 SHOs by rule, the SP by name, one guest
        Assert.Equal(4, meeting.Rules.Single().Posts);
        Assert.True(meeting.CanManage);

        // The agenda item's owner and paper: a PDF is accepted and served to invitees; anything else is refused.
        var paperBytes = TestPdf.Pages(2, "Crime figures");
        var paper = new ByteArrayContent(paperBytes);
        paper.Headers.ContentType = new("application/pdf");
        Assert.Equal(HttpStatusCode.NoContent, (await igp.PutAsync($"/api/meetings/{id}/agenda/1",
            new MultipartFormDataContent { { paper, "file", "crime-figures.pdf" }, { new StringContent((await app.PostIdAsync("SP-JPR-RURAL")).ToString()), "ownerPostId" } })).StatusCode);
        var exe = new ByteArrayContent([0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04]);
        Assert.Equal(HttpStatusCode.BadRequest, (await igp.PutAsync($"/api/meetings/{id}/agenda/1", new MultipartFormDataContent { { exe, "file", "run.exe" } })).StatusCode);
        var bomb = await igp.PutAsync($"/api/meetings/{id}/agenda/1", new MultipartFormDataContent { { new ByteArrayContent(TestImages.Png(30_000, 30_000)), "file", "map.png" } });
        Assert.Equal(HttpStatusCode.BadRequest, bomb.StatusCode);
        Assert.Contains("30000 × 30000 pixels", await bomb.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await igp.PutAsync($"/api/meetings/{id}/agenda/9", new MultipartFormDataContent { { new StringContent("1"), "ownerPostId" } })).StatusCode);
        meeting = await ReadAsync<MeetingView>(await igp.GetAsync($"/api/meetings/{id}"));
        Assert.Equal(("crime-figures.pdf", "SP-JPR-RURAL"), (meeting.Agenda[0].DocumentName, await app.WithDbAsync(db => db.Posts.Where(p => p.Id == meeting.Agenda[0].OwnerPostId).Select(p => p.Code).SingleAsync())));

        // An SHO sees it but does not manage it; an officer of another department does not see it at all.
        var sho = await app.ApiClientAsync(ShoChaksu);
        Assert.False((await ReadAsync<MeetingView>(await sho.GetAsync($"/api/meetings/{id}"))).CanManage);
        var served = await sho.GetAsync($"/api/meetings/{id}/agenda/1/document");
        Assert.Equal("application/pdf", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(paperBytes, await served.Content.ReadAsByteArrayAsync());
        Assert.Contains((await ReadAsync<List<MyOccurrence>>(await sho.GetAsync("/api/meetings"))), o => o.MeetingId == id);
        Assert.Equal("not_meeting_manager", await CodeOfAsync(await sho.PostAsync($"/api/occurrences/{meeting.Occurrences[1].Id}/cancel", null)));
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync($"/api/meetings/{id}")).StatusCode);
        // Joining a meeting one may not see is answered as joining one that does not exist.
        var notSeen = await clerk.PostAsync($"/api/occurrences/{meeting.Occurrences[0].Id}/join", null);
        var missing = await clerk.PostAsync("/api/occurrences/999999/join", null);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (notSeen.StatusCode, missing.StatusCode));
        var (a, b) = (await missing.Content.ReadFromJsonAsync<JsonElement>(), await notSeen.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal((a.GetProperty("title").GetString(), a.GetProperty("detail").GetString()), (b.GetProperty("title").GetString(), b.GetProperty("detail").GetString()));

        // One occurrence cancelled, another moved to the afternoon; the series keeps its rule.
        Assert.Equal(HttpStatusCode.NoContent, (await igp.PostAsync($"/api/occurrences/{meeting.Occurrences[1].Id}/cancel", null)).StatusCode);
        Assert.Equal("occurrence_cancelled", await CodeOfAsync(await igp.PostAsync($"/api/occurrences/{meeting.Occurrences[1].Id}/cancel", null)));
        Assert.Equal(HttpStatusCode.NoContent, (await igp.PostAsJsonAsync($"/api/occurrences/{meeting.Occurrences[2].Id}/move", new MoveOccurrenceCommand(first.AddDays(5), "15:00", 60))).StatusCode);
        meeting = await ReadAsync<MeetingView>(await igp.GetAsync($"/api/meetings/{id}"));
        Assert.Equal(OccurrenceStatus.Cancelled, meeting.Occurrences.Single(o => o.Number == 2).Status);
        var moved = meeting.Occurrences.Single(o => o.Number == 3);
        Assert.True(moved.IsMoved);
        Assert.Equal(first.AddDays(5), moved.Day);

        // The calendar file: one series with RRULE and two EXDATEs (cancelled, moved) and the moved one under its RECURRENCE-ID.
        var ics = await (await igp.GetAsync($"/api/meetings/{id}/ics")).Content.ReadAsStringAsync();
        var calendar = Ical.Net.Calendar.Load(ics)!;
        var series = calendar.Events.Single(e => e.RecurrenceIdentifier is null);
        Assert.Equal(meeting.Uid, series.Uid);
        Assert.Contains("FREQ=DAILY;INTERVAL=2", ics);
        Assert.Equal(2, series.ExceptionDates.GetAllDates().Count());
        var movedEvent = calendar.Events.Single(e => e.RecurrenceIdentifier is not null);
        Assert.Equal(15, movedEvent.DtStart!.Hour);
        Assert.Equal("Asia/Kolkata", series.DtStart!.TzId);
        var days = calendar.GetOccurrences<Ical.Net.CalendarComponents.CalendarEvent>(new Ical.Net.DataTypes.CalDateTime(first.AddDays(-1).ToDateTime(TimeOnly.MinValue), "Asia/Kolkata", true))
            .TakeWhile(o => o.Period.StartTime.Date <= first.AddDays(8)).Select(o => o.Period.StartTime.Date).ToList();
        Assert.Equal([first, first.AddDays(5), first.AddDays(6)], days);

        // Invitations went out by e-mail with the iCalendar part (METHOD:REQUEST) to the SHOs and the guest.
        var guestMail = (await app.MailAsync(m => (m.Subject ?? "").Contains("Invitation: ") && m.To.Mailboxes.Any(a => a.Address == "meera.iyer@example.org"), 1))[0];
        var part = guestMail.BodyParts.OfType<TextPart>().Single(p => p.ContentType.MediaSubtype == "calendar");
        Assert.Equal("REQUEST", part.ContentType.Parameters["method"]);
        var invited = Ical.Net.Calendar.Load(part.Text)!;
        Assert.Equal("REQUEST", invited.Method);
        Assert.Contains(invited.Events.Single(e => e.RecurrenceIdentifier is null).Attendees, a => a.Value!.ToString().Contains("meera.iyer@example.org"));
        Assert.Contains("/meetings/guest/", guestMail.TextBody);

        // The personal feed: a secret URL any calendar can poll without signing in.
        var feedUrl = (await ReadAsync<JsonElement>(await sho.PostAsync("/api/me/calendar-feed", null))).GetProperty("url").GetString()!;
        var anonymous = app.CreateClient();
        var feed = await anonymous.GetStringAsync(new Uri(feedUrl).PathAndQuery);
        Assert.Contains(meeting.Uid, feed);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/calendar/not-a-real-feed-secret.ics")).StatusCode);

        // Cancelling the series sends METHOD:CANCEL.
        Assert.Equal(HttpStatusCode.NoContent, (await igp.PostAsync($"/api/meetings/{id}/cancel", null)).StatusCode);
        var cancel = await app.MailAsync(m => (m.Subject ?? "").Contains("Cancelled: ") && m.To.Mailboxes.Any(a => a.Address == "meera.iyer@example.org"), 1);
        Assert.Equal("CANCEL", Ical.Net.Calendar.Load(cancel[0].BodyParts.OfType<TextPart>().Single(p => p.ContentType.MediaSubtype == "calendar").Text)!.Method);
    }

    [Fact]
    public async Task Join_WithoutAVideoServer_SaysSo_AndTheUninvitedGetNoToken()
    {
        var igp = await app.ApiClientAsync(Igp);
        var now = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Ist);
        var id = (await ReadAsync<JsonElement>(await igp.PostAsJsonAsync("/api/meetings", new MeetingCommand("Now", MeetingPurpose.General, null,
            await app.PostIdAsync("IGP-JPR"), DateOnly.FromDateTime(now), now.AddMinutes(5).ToString("HH:mm"), 30, PostIds: [await app.PostIdAsync("SHO-CHOMU")], Notify: false))))
            .GetProperty("id").GetInt32();
        var occurrence = (await ReadAsync<MeetingView>(await igp.GetAsync($"/api/meetings/{id}"))).Occurrences.Single().Id;
        Assert.Equal("video_unavailable", await CodeOfAsync(await (await app.ApiClientAsync("RJ100059")).PostAsync($"/api/occurrences/{occurrence}/join", null)));
        var uninvited = await (await app.ApiClientAsync(ShoChaksu)).PostAsync($"/api/occurrences/{occurrence}/join", null);
        Assert.Equal(HttpStatusCode.NotFound, uninvited.StatusCode);
        Assert.DoesNotContain("janusToken", await uninvited.Content.ReadAsStringAsync());

        // A meeting on the department's own Jitsi: the invited get its link, nothing of Janus.
        var external = (await ReadAsync<JsonElement>(await igp.PostAsJsonAsync("/api/meetings", new MeetingCommand("On Jitsi", MeetingPurpose.General, null,
            await app.PostIdAsync("IGP-JPR"), DateOnly.FromDateTime(now), now.AddMinutes(5).ToString("HH:mm"), 30, Video: VideoKind.External,
            ExternalUrl: "https://meet.rajasthan.example/range-review", PostIds: [await app.PostIdAsync("SHO-CHOMU")], Notify: false)))).GetProperty("id").GetInt32();
        var externalOccurrence = (await ReadAsync<MeetingView>(await igp.GetAsync($"/api/meetings/{external}"))).Occurrences.Single().Id;
        var link = await ReadAsync<JoinInfo>(await (await app.ApiClientAsync("RJ100059")).PostAsync($"/api/occurrences/{externalOccurrence}/join", null));
        Assert.Equal(("https://meet.rajasthan.example/range-review", "", 0L), (link.ExternalUrl, link.JanusToken, link.Room));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ApiClientAsync(ShoChaksu)).PostAsync($"/api/occurrences/{externalOccurrence}/join", null)).StatusCode);
    }

    [Fact]
    public async Task ActionItems_AssignedToPosts_FollowedToClosure_LinkedToFiles_AndCountedOnTheDashboard()
    {
        var collector = await app.ApiClientAsync(Demo.Collector);
        var adm = await app.PostIdAsync("ADM-JPR");
        var bdo = await app.PostIdAsync("BDO-SANGANER");
        var id = (await ReadAsync<JsonElement>(await collector.PostAsJsonAsync("/api/meetings", new MeetingCommand("जिला स्तरीय समीक्षा बैठक", MeetingPurpose.Review, null,
            await app.PostIdAsync("COLL-JPR"), Today.AddDays(-3), "11:00", 60, Recurrence.Daily, Until: Today.AddDays(3), PostIds: [adm, bdo], Notify: false))))
            .GetProperty("id").GetInt32();
        var meeting = await ReadAsync<MeetingView>(await collector.GetAsync($"/api/meetings/{id}"));
        Assert.Equal(7, meeting.Occurrences.Count);
        Assert.Equal("occurrence_held", await CodeOfAsync(await collector.PostAsync($"/api/occurrences/{meeting.Occurrences[0].Id}/cancel", null)));

        var held = meeting.Occurrences[0].Id;
        var overdueId = (await ReadAsync<JsonElement>(await collector.PostAsJsonAsync($"/api/meetings/{id}/actions", new ActionItemCommand("नरेगा भुगतान की लंबितता समाप्त करें", bdo, Today, held))))
            .GetProperty("id").GetInt32();
        // A due date before today is refused; the item falls overdue as days pass.
        await app.WithDbAsync(db => db.ActionItems.Where(a => a.Id == overdueId).ExecuteUpdateAsync(s => s.SetProperty(a => a.DueOn, Today.AddDays(-1))));
        var admItem = (await ReadAsync<JsonElement>(await collector.PostAsJsonAsync($"/api/meetings/{id}/actions", new ActionItemCommand("Survey of encroachments", adm, Today.AddDays(10)))))
            .GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.BadRequest, (await collector.PostAsJsonAsync($"/api/meetings/{id}/actions", new ActionItemCommand("", null, null))).StatusCode);

        // The BDO sees it as overdue and reports progress; someone else's post cannot; only the chair drops.
        var bdoClient = await app.ApiClientAsync("RJ100047");
        var mine = await ReadAsync<List<ActionItemView>>(await bdoClient.GetAsync("/api/actions?overdue=true"));
        Assert.Equal(overdueId, mine.Single().Id);
        Assert.Equal(HttpStatusCode.NoContent, (await bdoClient.PostAsJsonAsync($"/api/actions/{overdueId}/updates", new ActionUpdateCommand(ActionStatus.InProgress, "आधे भुगतान हो गए"))).StatusCode);
        Assert.Equal("cannot_drop", await CodeOfAsync(await bdoClient.PostAsJsonAsync($"/api/actions/{overdueId}/updates", new ActionUpdateCommand(ActionStatus.Dropped, null))));
        Assert.Equal("not_assignee", await CodeOfAsync(await bdoClient.PostAsJsonAsync($"/api/actions/{admItem}/updates", new ActionUpdateCommand(ActionStatus.Done, null))));

        // The ADM opens a new e-file for the work from the action item; it is linked and held by the ADM's post.
        var admClient = await app.ApiClientAsync(Adm);
        var head = await app.WithDbAsync(db => db.FileHeads.Where(h => h.Department.Code == "REV").Select(h => h.Number).FirstAsync());
        var fileId = (await ReadAsync<JsonElement>(await admClient.PostAsJsonAsync($"/api/actions/{admItem}/file", new CreateFileCommand(null, head, null)))).GetProperty("id").GetInt32();
        var item = (await ReadAsync<List<ActionItemView>>(await collector.GetAsync($"/api/meetings/{id}/actions"))).Single(a => a.Id == admItem);
        Assert.Equal(fileId, item.FileId);
        Assert.Equal("action_has_file", await CodeOfAsync(await admClient.PostAsJsonAsync($"/api/actions/{admItem}/file", new CreateFileCommand(null, head, null))));
        Assert.Equal(HttpStatusCode.NoContent, (await admClient.PostAsJsonAsync($"/api/actions/{admItem}/updates", new ActionUpdateCommand(ActionStatus.Done, "Survey complete"))).StatusCode);
        Assert.Equal("action_closed", await CodeOfAsync(await admClient.PostAsJsonAsync($"/api/actions/{admItem}/updates", new ActionUpdateCommand(ActionStatus.InProgress, null))));

        // The dashboard for the district's blocks: the Sanganer block was invited to three held meetings and has one overdue item.
        var board = await ReadAsync<Dashboard>(await collector.GetAsync($"/api/dashboards/reviews?officeId={await OfficeAsync("DIST-JPR")}&level=Block&from={Today.AddDays(-7):yyyy-MM-dd}&to={Today:yyyy-MM-dd}"));
        var sanganer = board.Rows.Single(r => r.OfficeEn == "Panchayat Samiti, Sanganer");
        Assert.InRange(sanganer.Invitations, 3, 4);
        Assert.Equal(0, sanganer.Attended);
        Assert.Equal((1, 1), (sanganer.OpenActions, sanganer.OverdueActions));
        Assert.Equal(0, board.Rows.Single(r => r.OfficeEn == "Panchayat Samiti, Chaksu").Invitations);
        // An SHO cannot read the district's dashboard.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ApiClientAsync(ShoChaksu)).GetAsync($"/api/dashboards/reviews?officeId={await OfficeAsync("DIST-JPR")}")).StatusCode);

        // Minutes: drafted by the organiser, signed by the chair first, then by the ADM; both signatures verify.
        Assert.Equal(HttpStatusCode.OK, (await collector.PutAsJsonAsync($"/api/occurrences/{held}/minutes", new MinutesCommand("1. नरेगा भुगतान पर चर्चा हुई।\n2. Encroachment survey ordered."))).StatusCode);
        Assert.Equal("chair_signs_first", await CodeOfAsync(await admClient.PostAsJsonAsync($"/api/occurrences/{held}/minutes/sign", new SignMinutesCommand("736291"))));
        Assert.Equal(HttpStatusCode.Created, (await collector.PostAsJsonAsync("/api/signing/enrol", new EnrolCommand("736291", "736291"))).StatusCode);
        var signed = await ReadAsync<MinutesView>(await collector.PostAsJsonAsync($"/api/occurrences/{held}/minutes/sign", new SignMinutesCommand("736291")));
        Assert.Equal((MinutesStatus.Signed, 1), (signed.Status, signed.Signatures));
        Assert.Equal("minutes_signed", await CodeOfAsync(await collector.PutAsJsonAsync($"/api/occurrences/{held}/minutes", new MinutesCommand("changed"))));
        Assert.Equal(HttpStatusCode.Created, (await admClient.PostAsJsonAsync("/api/signing/enrol", new EnrolCommand("736291", "736291"))).StatusCode);
        Assert.Equal(2, (await ReadAsync<MinutesView>(await admClient.PostAsJsonAsync($"/api/occurrences/{held}/minutes/sign", new SignMinutesCommand("736291")))).Signatures);
        Assert.Equal("minutes_signed_by_you", await CodeOfAsync(await admClient.PostAsJsonAsync($"/api/occurrences/{held}/minutes/sign", new SignMinutesCommand("736291"))));
        var pdf = await (await collector.GetAsync($"/api/occurrences/{held}/minutes/pdf")).Content.ReadAsByteArrayAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var trust = await scope.ServiceProvider.GetRequiredService<Pki>().TrustAsync(CancellationToken.None);
        var checks = Daftar.Signing.PdfVerifier.Verify(pdf, trust);
        Assert.Equal(2, checks.Count);
        Assert.All(checks, c => Assert.True(c.Valid, c.Problem));
        Assert.Contains("नरेगा भुगतान", Tools.PdfToText(pdf));
    }
}
