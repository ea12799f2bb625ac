using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Daftar.Files;
using Daftar.Meetings;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.Meetings;
using Daftar.Web.Features.Signing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Daftar.Tests.Meetings;

/// <summary>
/// What a District Collector and village officers found when they held a review (issue #33): attendance one row per
/// person with the chair apart, linked files that open for the assignee, minutes and remarks that keep their lines, an
/// ended meeting said to be ended, API edges that name the field, invitations in each person's language that hand out
/// nobody's address, reminders for guests, and pages with no inline style.
/// </summary>
public class ChairFindingsTests(MailFactory app) : IClassFixture<MailFactory>
{
    private const string Adm = "RJ100038", Bdo = "RJ100047";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly TimeZoneInfo Ist = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Ist));

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<(int Meeting, int Occurrence)> ReviewAsync(HttpClient chair, DateOnly day, string start, params string[] invited)
    {
        var posts = new List<int>();
        foreach (var code in invited) posts.Add(await app.PostIdAsync(code));
        var id = (await ReadAsync<JsonElement>(await chair.PostAsJsonAsync("/api/meetings", new MeetingCommand("जिला समीक्षा " + Guid.NewGuid().ToString("N")[..6],
            MeetingPurpose.Review, "Points:\n1. NREGA\n2. Pensions", await app.PostIdAsync("COLL-JPR"), day, start, 60, PostIds: posts, Notify: false), Json))).GetProperty("id").GetInt32();
        return (id, await app.WithDbAsync(db => db.MeetingOccurrences.Where(o => o.MeetingId == id).Select(o => o.Id).SingleAsync()));
    }

    [Fact]
    public async Task Attendance_IsOneRowPerPerson_WithTheChairApart_AndPageApiAndCsvAgree()
    {
        var collector = await app.ApiClientAsync(Demo.Collector);
        var (meetingId, occurrenceId) = await ReviewAsync(collector, Today.AddDays(-1), "11:00", "ADM-JPR", "BDO-SANGANER");
        var (admPost, chairPost) = (await app.PostIdAsync("ADM-JPR"), await app.PostIdAsync("COLL-JPR"));
        var (admEmployee, chairEmployee) = (await app.EmployeeIdAsync(Adm), await app.EmployeeIdAsync(Demo.Collector));
        await app.WithDbAsync(async db =>
        {
            // The chair stays throughout; the ADM leaves after ten minutes and comes back for twenty; the BDO never comes.
            var occurrence = await db.MeetingOccurrences.SingleAsync(o => o.Id == occurrenceId);
            var start = occurrence.StartsAtUtc;
            var invitee = await db.Invitees.SingleAsync(i => i.MeetingId == meetingId && i.PostId == admPost);
            var chair = new JoinGrant(occurrence, null, chairPost, chairEmployee, 1001, "Prakash Rajpurohit — Collector", true, start);
            var adm = new JoinGrant(occurrence, invitee.Id, admPost, admEmployee, 1002, "Sushil Kumar Bishnoi — ADM", true, start);
            db.JoinGrants.AddRange(chair, adm);
            foreach (var (grant, from, to) in new[] { (chair, 0, 60), (adm, 0, 10), (adm, 20, 40) })
            {
                var stay = new Attendance(grant, start.AddMinutes(from));
                stay.Seen(start.AddMinutes(to));
                stay.Left();
                db.Attendance.Add(stay);
            }
            await db.SaveChangesAsync();
        });

        var attendance = await ReadAsync<OccurrenceAttendance>(await collector.GetAsync($"/api/occurrences/{occurrenceId}/attendance"));
        Assert.Equal((2, 1, true), (attendance.Invited, attendance.Attended, attendance.ChairPresent));
        Assert.Equal(2, attendance.Rows.Count);
        var admRow = attendance.Rows.Single(r => r.PostId == admPost);
        Assert.Equal((2, 30, false), (admRow.Stays, admRow.Minutes, admRow.Chair));
        Assert.True(attendance.Rows.Single(r => r.PostId == chairPost).Chair);
        Assert.Equal("BDO-SANGANER", await app.WithDbAsync(db => db.Posts.Where(p => p.Id == attendance.Absent.Single().PostId).Select(p => p.Code).SingleAsync()));

        var csv = (await collector.GetStringAsync($"/api/occurrences/{occurrenceId}/attendance/export")).Trim().Split('\n');
        Assert.Equal(4, csv.Length);   // the header, the chair, the ADM once, the absent BDO
        Assert.Single(csv, l => l.Contains("Sushil Kumar Bishnoi"));

        var meeting = await ReadAsync<MeetingView>(await collector.GetAsync($"/api/meetings/{meetingId}"));
        Assert.Equal(1, meeting.Occurrences.Single().Attended);
        var page = await DaftarFactory.PageAsync(await app.SignInAsync(Demo.Collector), $"/Meetings/Occurrence/{occurrenceId}");
        Assert.Contains("1 of 2", page.QuerySelector("#attended-count")!.TextContent);
        Assert.NotNull(page.QuerySelector("#chair-present"));
        Assert.Equal(3, page.QuerySelectorAll("#attendance tbody tr").Length);
    }

    [Fact]
    public async Task AFileLinkedToAnActionItem_OpensForTheAssignee_OrTheChairIsToldWhyNot()
    {
        var adm = await app.ApiClientAsync(Adm);
        var collector = await app.ApiClientAsync(Demo.Collector);
        var bdoClient = await app.ApiClientAsync(Bdo);
        var (meetingId, _) = await ReviewAsync(collector, Today, "16:00", "BDO-SANGANER");
        var head = await app.WithDbAsync(db => db.FileHeads.Where(h => h.Department.Code == "REV").Select(h => h.Number).FirstAsync());
        var (collectorPost, admPost, bdoPost) = (await app.PostIdAsync("COLL-JPR"), await app.PostIdAsync("ADM-JPR"), await app.PostIdAsync("BDO-SANGANER"));
        async Task<int> FileForTheCollectorAsync(Grading grading, bool backToAdm = false)
        {
            var id = (await ReadAsync<JsonElement>(await adm.PostAsJsonAsync("/api/files", new CreateFileCommand("MGNREGA payments of Sanganer", head, null, Grading: grading), Json))).GetProperty("id").GetInt32();
            Assert.Equal(HttpStatusCode.NoContent, (await adm.PostAsJsonAsync($"/api/files/{id}/send", new SendFileCommand(collectorPost, "For the review"), Json)).StatusCode);
            if (backToAdm) Assert.Equal(HttpStatusCode.NoContent, (await collector.PostAsJsonAsync($"/api/files/{id}/send", new SendFileCommand(admPost, "Returned"), Json)).StatusCode);
            return id;
        }

        // A normal file the chair holds: linking shares it with the BDO's post, and the BDO opens it.
        var fileId = await FileForTheCollectorAsync(Grading.Normal);
        Assert.Equal(HttpStatusCode.NotFound, (await bdoClient.GetAsync($"/api/files/{fileId}")).StatusCode);
        var actionId = (await ReadAsync<JsonElement>(await collector.PostAsJsonAsync($"/api/meetings/{meetingId}/actions",
            new ActionItemCommand("नरेगा भुगतान की लंबितता समाप्त करें", bdoPost, Today.AddDays(7), FileId: fileId), Json))).GetProperty("id").GetInt32();
        var opened = await ReadAsync<FileView>(await bdoClient.GetAsync($"/api/files/{fileId}"));
        Assert.Contains(opened.SharedWith, s => s.Post.Id == bdoPost && s.Remarks!.Contains("नरेगा"));
        var mine = await ReadAsync<List<ActionItemView>>(await bdoClient.GetAsync("/api/actions"));
        Assert.Equal(fileId, mine.Single(a => a.Id == actionId).FileId);

        // A confidential file cannot be shared: the chair is told so, and nothing is linked or shared.
        var secret = await FileForTheCollectorAsync(Grading.Confidential);
        Assert.Equal("linked_file_graded", (await ProblemAsync(await collector.PostAsJsonAsync($"/api/meetings/{meetingId}/actions",
            new ActionItemCommand("Inquiry report", bdoPost, Today.AddDays(7), FileId: secret), Json), HttpStatusCode.BadRequest)).GetProperty("code").GetString());
        Assert.Equal(1, await app.WithDbAsync(db => db.ActionItems.CountAsync(a => a.MeetingId == meetingId)));

        // A file the chair saw but no longer holds: only its holder may share it.
        var returned = await FileForTheCollectorAsync(Grading.Normal, backToAdm: true);
        Assert.Equal("linked_file_not_held", (await ProblemAsync(await collector.PostAsJsonAsync($"/api/actions/{actionId}/link", new LinkActionFileCommand(returned), Json),
            HttpStatusCode.BadRequest)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await bdoClient.GetAsync($"/api/files/{returned}")).StatusCode);
    }

    [Fact]
    public async Task MinutesDescriptionsAndRemarks_KeepTheirLines_IntoTheSignedPdf()
    {
        var collector = await app.ApiClientAsync(Demo.Collector);
        var (meetingId, occurrenceId) = await ReviewAsync(collector, Today.AddDays(-1), "11:00", "BDO-SANGANER");
        Assert.Equal("Points:\n1. NREGA\n2. Pensions", (await ReadAsync<MeetingView>(await collector.GetAsync($"/api/meetings/{meetingId}"))).Description);

        const string body = "निर्णय:\r\n\r\n\r\n1. नरेगा भुगतान तीन दिन में पूर्ण हों।   \n2. पेंशन सत्यापन की रिपोर्ट भेजी जाए।";
        var saved = await ReadAsync<MinutesView>(await collector.PutAsJsonAsync($"/api/occurrences/{occurrenceId}/minutes", new MinutesCommand(body), Json));
        Assert.Equal("निर्णय:\n\n1. नरेगा भुगतान तीन दिन में पूर्ण हों।\n2. पेंशन सत्यापन की रिपोर्ट भेजी जाए।", saved.Body);

        var actionId = (await ReadAsync<JsonElement>(await collector.PostAsJsonAsync($"/api/meetings/{meetingId}/actions",
            new ActionItemCommand("Pension verification", await app.PostIdAsync("BDO-SANGANER"), Today), Json))).GetProperty("id").GetInt32();
        var bdo = await app.ApiClientAsync(Bdo);
        Assert.Equal(HttpStatusCode.NoContent, (await bdo.PostAsJsonAsync($"/api/actions/{actionId}/updates", new ActionUpdateCommand(ActionStatus.InProgress, "Done:\n- Sanganer\n- Muhana"), Json)).StatusCode);
        Assert.Equal("Done:\n- Sanganer\n- Muhana", await app.WithDbAsync(db => db.ActionUpdates.Where(u => u.ActionItemId == actionId).Select(u => u.Text).SingleAsync()));

        Assert.Equal(HttpStatusCode.Created, (await collector.PostAsJsonAsync("/api/signing/enrol", new Daftar.Web.Features.Signing.EnrolCommand("736291", "736291"), Json)).StatusCode);
        Assert.Equal(MinutesStatus.Signed, (await ReadAsync<MinutesView>(await collector.PostAsJsonAsync($"/api/occurrences/{occurrenceId}/minutes/sign", new SignMinutesCommand("736291"), Json))).Status);
        var text = Tools.PdfToText(await (await collector.GetAsync($"/api/occurrences/{occurrenceId}/minutes/pdf")).Content.ReadAsByteArrayAsync());
        var lines = text.Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains(lines, l => l.StartsWith("1.") && l.Contains("नरेगा") && !l.Contains("पेंशन"));
        Assert.Contains(lines, l => l.StartsWith("2.") && l.Contains("पेंशन"));
    }

    [Fact]
    public async Task AMeetingTheChairEnded_IsSaidToHaveEnded_NotToOpenLater()
    {
        var collector = await app.ApiClientAsync(Demo.Collector);
        var now = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Ist);
        var (_, occurrenceId) = await ReviewAsync(collector, DateOnly.FromDateTime(now), now.AddMinutes(-5).ToString("HH:mm"), "BDO-SANGANER");
        await app.WithDbAsync(async db =>
        {
            (await db.MeetingOccurrences.SingleAsync(o => o.Id == occurrenceId)).RoomClosed(DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        var refused = await ProblemAsync(await (await app.ApiClientAsync(Bdo)).PostAsync($"/api/occurrences/{occurrenceId}/join", null), HttpStatusCode.Conflict);
        Assert.Equal("meeting_ended", refused.GetProperty("code").GetString());
        Assert.Contains("has ended", refused.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ApiEdges_NameTheField_RefuseUnknownProperties_AndDueDatesInThePast()
    {
        var collector = await app.ApiClientAsync(Demo.Collector);
        static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");
        Assert.True((await ReadAsync<RulePreview>(await collector.PostAsync("/api/meetings/rules/preview", Body("""{"officeType":"GramPanchayat"}""")))).Count > 0);
        var wrong = await ProblemAsync(await collector.PostAsync("/api/meetings/rules/preview", Body("""{"officeType":"Panchayat"}""")), HttpStatusCode.BadRequest);
        Assert.Equal("invalid_value", wrong.GetProperty("code").GetString());
        Assert.True(wrong.GetProperty("errors").GetProperty("officeType")[0].GetString()!.Contains("GramPanchayat"), wrong.ToString());
        var notJson = await ProblemAsync(await collector.PostAsync("/api/meetings/rules/preview", Body("{officeType:")), HttpStatusCode.BadRequest);
        Assert.Equal("unreadable_body", notJson.GetProperty("code").GetString());
        var notNumber = await ProblemAsync(await collector.GetAsync("/api/dashboards/reviews?officeId=abc"), HttpStatusCode.BadRequest);
        Assert.True(notNumber.GetProperty("errors").TryGetProperty("officeId", out _), notNumber.ToString());

        var (meetingId, _) = await ReviewAsync(collector, Today, "17:00", "BDO-SANGANER");
        var bdoPost = await app.PostIdAsync("BDO-SANGANER");
        var past = await ProblemAsync(await collector.PostAsJsonAsync($"/api/meetings/{meetingId}/actions", new ActionItemCommand("Late", bdoPost, Today.AddDays(-1)), Json), HttpStatusCode.BadRequest);
        Assert.Equal("due_in_past", past.GetProperty("code").GetString());
        var actionId = (await ReadAsync<JsonElement>(await collector.PostAsJsonAsync($"/api/meetings/{meetingId}/actions", new ActionItemCommand("Survey", bdoPost, Today), Json))).GetProperty("id").GetInt32();

        var bdo = await app.ApiClientAsync(Bdo);
        Assert.Equal(HttpStatusCode.NoContent, (await bdo.PostAsync($"/api/actions/{actionId}/updates", Body("""{"status":"InProgress","remark":"half done"}"""))).StatusCode);
        Assert.Equal("half done", await app.WithDbAsync(db => db.ActionUpdates.Where(u => u.ActionItemId == actionId).Select(u => u.Text).SingleAsync()));
        var unknown = await ProblemAsync(await bdo.PostAsync($"/api/actions/{actionId}/updates", Body("""{"status":"Done","text":"all done"}""")), HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("text", out _), unknown.ToString());
        Assert.Equal(1, await app.WithDbAsync(db => db.ActionUpdates.CountAsync(u => u.ActionItemId == actionId)));
    }

    [Fact]
    public async Task Invitations_SpeakEachPersonsLanguage_ListOnlyTheRecipient_AndGuestsAreReminded()
    {
        // The SHO of Chomu reads Daftar in Hindi; the guest has no account and gets both languages.
        await app.WithDbAsync(async db =>
        {
            var employee = await db.Employees.SingleAsync(e => e.Code == "RJ100059");
            var account = await db.Users.SingleAsync(u => u.EmployeeId == employee.Id);
            account.PreferredCulture = "hi";
            await db.SaveChangesAsync();
        });
        var igp = await app.ApiClientAsync("RJ100053");
        var soon = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow.AddMinutes(10), Ist);
        var title = "रेंज समीक्षा " + Guid.NewGuid().ToString("N")[..6];
        var created = await igp.PostAsJsonAsync("/api/meetings", new MeetingCommand(title, MeetingPurpose.Review, null, await app.PostIdAsync("IGP-JPR"),
            DateOnly.FromDateTime(soon), soon.ToString("HH:mm"), 30, PostIds: [await app.PostIdAsync("SHO-CHOMU"), await app.PostIdAsync("SP-JPR-RURAL")],
            Guests: [new("Dr. Meera Iyer", "meera.iyer.33@example.org")]), Json);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        var sho = (await app.MailAsync(m => m.Subject == "आमंत्रण: " + title && To(m, "narendra.singh.chauhan@rajasthan.example"), 1))[0];
        Assert.Contains("बजे", sho.TextBody);
        Assert.Equal(["narendra.singh.chauhan@rajasthan.example"], Attendees(sho));
        // (The meetings' clock may already have sent the reminder: look for the invitation by its subject.)
        var guest = (await app.MailAsync(m => (m.Subject ?? "").EndsWith("Invitation: " + title) && To(m, "meera.iyer.33@example.org"), 1))[0];
        Assert.Equal("आमंत्रण / Invitation: " + title, guest.Subject);
        Assert.Contains("इस निजी लिंक से जुड़ें", guest.TextBody);
        Assert.Contains("Join with this private link", guest.TextBody);
        Assert.Equal(["meera.iyer.33@example.org"], Attendees(guest));

        await using (var scope = app.Services.CreateAsyncScope())
            await MeetingFollowUp.RunOnceAsync(scope.ServiceProvider, DateTime.UtcNow, CancellationToken.None);
        var reminder = (await app.MailAsync(m => (m.Subject ?? "").StartsWith("स्मरण: " + title) && To(m, "meera.iyer.33@example.org"), 1))[0];
        Assert.Contains("Reminder: " + title, reminder.Subject);
        Assert.Contains("private link in your invitation", reminder.TextBody);
        Assert.Single(await app.MailAsync(m => (m.Subject ?? "").StartsWith("स्मरण: " + title) && To(m, "narendra.singh.chauhan@rajasthan.example"), 1));
    }

    private static bool To(MimeMessage m, string address) => m.To.Mailboxes.Any(a => a.Address == address);

    private static List<string> Attendees(MimeMessage m) =>
        Ical.Net.Calendar.Load(m.BodyParts.OfType<TextPart>().Single(p => p.ContentType.MediaSubtype == "calendar").Text)!
            .Events.SelectMany(e => e.Attendees).Select(a => a.Value!.ToString().Replace("mailto:", "")).Distinct().ToList();

    [Fact]
    public async Task PagesCarryNoInlineStyle_AndTheIconIsServed()
    {
        var officer = await app.SignInAsync(Demo.Collector);
        foreach (var url in new[] { "/Meetings/New", "/Meetings/Actions", "/" })
        {
            var html = await officer.GetStringAsync(url);
            Assert.DoesNotContain("style=\"", html);
        }
        // The rule preview htmx swaps in, with a match and with an error, carries none either.
        var token = (await DaftarFactory.PageAsync(officer, "/Meetings/New")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        foreach (var officeType in new[] { "PoliceStation", "" })
        {
            var preview = await officer.PostAsync("/Meetings/New?handler=Preview&index=0", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Rules[0].OfficeType"] = officeType,
                ["__RequestVerificationToken"] = token,
            }));
            var html = await preview.Content.ReadAsStringAsync();
            Assert.True(preview.IsSuccessStatusCode, html);
            Assert.Contains("rule-preview", html);
            Assert.DoesNotContain("style=", html);
        }
        var icon = await app.CreateClient().GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, icon.StatusCode);
        Assert.Equal("image/x-icon", icon.Content.Headers.ContentType?.MediaType);
    }
}
