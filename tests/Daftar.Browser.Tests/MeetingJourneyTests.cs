using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Daftar.Meetings;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Daftar.Browser.Tests;

/// <summary>
/// A review on Daftar's own video room, on a real Janus: the range IG and an SHO join from two Chromium pages with fake
/// camera and microphone; the SHO's page receives and decodes the IG's video (WebRTC statistics); Daftar records both
/// attendances from Janus's participant list, and the leaving too; an uninvited SHO gets no join token; and Janus
/// refuses a session without Daftar's token and a room join without the participant's room token.
/// </summary>
[Collection(nameof(BrowserCollection))]
public class MeetingJourneyTests(BrowserApp app, ITestOutputHelper output)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private async Task<long> FramesDecodedAsync(IPage page) => await page.EvaluateAsync<long>(@"async () => {
        let frames = 0;
        for (const h of window.daftarMeeting.subscribers.values()) {
            const pc = h?.webrtcStuff?.pc;
            if (!pc) continue;
            (await pc.getStats()).forEach(r => { if (r.type === 'inbound-rtp' && r.kind === 'video') frames += r.framesDecoded || 0; });
        }
        return frames;
    }");

    [Fact]
    public async Task TwoOfficersJoin_VideoFlowsThroughJanus_AttendanceComesFromTheRoom_AndTheUninvitedAreKeptOut()
    {
        Assert.False(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DAFTAR_JANUS_URL")), "test.sh runs this test with Janus started (tools/in-media-namespace.sh)");
        var igpApi = await app.ApiClientAsync("RJ100053");
        var ist = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        var now = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, ist);
        var chair = await app.PostIdAsync("IGP-JPR");
        var sho = await app.PostIdAsync("SHO-CHAKSU");
        var created = await igpApi.PostAsJsonAsync("/api/meetings", new MeetingCommand("Range crime review", MeetingPurpose.Review, null, chair,
            DateOnly.FromDateTime(now), now.ToString("HH:mm"), 60, PostIds: [sho], Notify: false));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var meetingId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var occurrence = (await igpApi.GetFromJsonAsync<MeetingView>($"/api/meetings/{meetingId}", Json))!.Occurrences.Single().Id;

        // The uninvited SHO of Chomu gets no token (nor learns that the meeting exists).
        var outsider = await (await app.ApiClientAsync("RJ100059")).PostAsync($"/api/occurrences/{occurrence}/join", null);
        Assert.Equal(HttpStatusCode.NotFound, outsider.StatusCode);
        Assert.DoesNotContain("janusToken", await outsider.Content.ReadAsStringAsync());

        // The relay passes no session without a token (and Janus itself refuses one whose token Daftar did not sign), and
        // never Janus's "info" (its version and internal addresses), at its root or within a session.
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.PostAsJsonAsync("/rtc/local", new { janus = "create", transaction = "t1" })).StatusCode);
        foreach (var address in new[] { "/rtc/local", "/rtc/local/", "/rtc/local/123456" })
        {
            var asked = await anonymous.PostAsJsonAsync(address, new { janus = "info", transaction = "t2" });
            Assert.Equal(HttpStatusCode.Forbidden, asked.StatusCode);
            Assert.DoesNotContain("version", await asked.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await anonymous.GetAsync("/rtc/local")).StatusCode);
        var forged = await (await anonymous.PostAsJsonAsync("/rtc/local", new { janus = "create", transaction = "t1", token = "forged" })).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("error", forged!["janus"]!.GetValue<string>());
        Assert.Equal(403, forged["error"]!["code"]!.GetValue<int>());

        var chairPage = await app.SignedInPageAsync("RJ100053");
        var clock = Stopwatch.StartNew();
        await chairPage.GotoAsync($"/Meetings/Join/{occurrence}");
        await chairPage.WaitForFunctionAsync("() => window.daftarMeeting && window.daftarMeeting.joined", null, new() { Timeout = 60_000 });

        var shoPage = await app.SignedInPageAsync("RJ100057", width: 400);   // a phone-sized screen
        var opened = Stopwatch.StartNew();
        await shoPage.GotoAsync($"/Meetings/Join/{occurrence}");
        await shoPage.WaitForFunctionAsync("() => window.daftarMeeting && window.daftarMeeting.firstFrameMs !== null", null, new() { Timeout = 90_000 });
        var firstFrame = opened.ElapsedMilliseconds;
        var frames = 0L;
        for (var i = 0; i < 40 && frames < 10; i++)
        {
            frames = await FramesDecodedAsync(shoPage);
            await Task.Delay(250);
        }
        Assert.True(frames >= 10, $"the SHO's page decoded {frames} video frames from the IG");
        output.WriteLine($"join time (page open to first remote frame): {firstFrame} ms; frames decoded {frames}; whole test so far {clock.ElapsedMilliseconds} ms");

        // A join with a valid Janus session but without the participant's room token is refused.
        var info = (await (await app.ApiClientAsync("RJ100057")).PostAsync($"/api/occurrences/{occurrence}/join", null)).Content.ReadFromJsonAsync<JoinInfo>(Json);
        var join = (await info)!;
        var session = (await (await anonymous.PostAsJsonAsync("/rtc/local", new { janus = "create", transaction = "t2", token = join.JanusToken })).Content.ReadFromJsonAsync<JsonObject>())!;
        var sessionId = session["data"]!["id"]!.GetValue<long>();
        var handle = (await (await anonymous.PostAsJsonAsync($"/rtc/local/{sessionId}", new { janus = "attach", plugin = "janus.plugin.videoroom", transaction = "t3", token = join.JanusToken })).Content.ReadFromJsonAsync<JsonObject>())!;
        var handleId = handle["data"]!["id"]!.GetValue<long>();
        var refused = (await (await anonymous.PostAsJsonAsync($"/rtc/local/{sessionId}/{handleId}", new
        {
            janus = "message",
            transaction = "t4",
            token = join.JanusToken,
            body = new { request = "join", room = join.Room, ptype = "publisher", display = "intruder", token = "not-the-room-token" },
        })).Content.ReadAsStringAsync());
        var events = await anonymous.GetStringAsync($"/rtc/local/{sessionId}?maxev=5&token={Uri.EscapeDataString(join.JanusToken)}");
        Assert.Contains("only as the participant Daftar admitted", refused);   // the relay refuses it before Janus sees it
        Assert.DoesNotContain("\"joined\"", events);

        // Attendance from Janus: both are recorded.
        OccurrenceAttendance? attendance = null;
        for (var i = 0; i < 60; i++)
        {
            attendance = await igpApi.GetFromJsonAsync<OccurrenceAttendance>($"/api/occurrences/{occurrence}/attendance", Json);
            if (attendance!.Rows.Count >= 2) break;
            await Task.Delay(500);
        }
        Assert.Equal(2, attendance!.Rows.Count);
        Assert.Contains(attendance.Rows, r => r.PostId == sho && r.FirstJoined is not null);
        Assert.Contains(attendance.Rows, r => r.PostId == chair);

        // The SHO leaves; the room's list says so and the stay is closed.
        await shoPage.GetByRole(AriaRole.Button, new() { Name = "Leave" }).ClickAsync();
        for (var i = 0; i < 60; i++)
        {
            attendance = await igpApi.GetFromJsonAsync<OccurrenceAttendance>($"/api/occurrences/{occurrence}/attendance", Json);
            if (attendance!.Rows.Single(r => r.PostId == sho).LastLeft is not null) break;
            await Task.Delay(500);
        }
        Assert.NotNull(attendance!.Rows.Single(r => r.PostId == sho).LastLeft);

        // The chair's page lists who is in the room.
        await chairPage.WaitForSelectorAsync("#participants li");
        var pid = Environment.GetEnvironmentVariable("DAFTAR_JANUS_PID_FILE");
        if (pid is not null && File.Exists(pid)) output.WriteLine($"janus pid {File.ReadAllText(pid).Trim()}");
        await chairPage.GetByRole(AriaRole.Button, new() { Name = "End the meeting for everyone" }).ClickAsync();
        // The room is torn down on Janus, and the occurrence knows it is over.
        await UntilAsync(async () => await app.WithDbAsync(db => db.MeetingOccurrences.Where(o => o.Id == occurrence).Select(o => o.RoomClosedAtUtc != null).SingleAsync()),
            "the occurrence is closed");
        await UntilAsync(async () => !await RoomExistsAsync(VideoRooms.RoomIdOf(occurrence)), "the room is torn down on Janus", 30);
        await chairPage.Context.CloseAsync();
        await shoPage.Context.CloseAsync();
    }

    private async Task<bool> RoomExistsAsync(long room)
    {
        var video = app.Services.GetRequiredService<VideoSettings>();
        return await app.Services.GetRequiredService<JanusClient>().RoomExistsAsync(video.Server("local")!, room, CancellationToken.None);
    }

    /// <summary>Polls a condition (page.WaitForFunction does not wait for an async function's promise).</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"Timed out: {what}");
            await Task.Delay(250);
        }
    }

    private static async Task<long> VideoFramesFromAsync(IPage page, long feed) => await page.EvaluateAsync<long>(@"async (feed) => {
        const pc = window.daftarMeeting.subscribers.get(feed)?.webrtcStuff?.pc;
        if (!pc) return -1;
        let frames = 0;
        (await pc.getStats()).forEach(r => { if (r.type === 'inbound-rtp' && r.kind === 'video') frames += r.framesDecoded || 0; });
        return frames;
    }", feed);

    private static async Task<long> AudioPacketsFromAsync(IPage page, long feed) => await page.EvaluateAsync<long>(@"async (feed) => {
        const pc = window.daftarMeeting.subscribers.get(feed)?.webrtcStuff?.pc;
        if (!pc) return -1;
        let packets = 0;
        (await pc.getStats()).forEach(r => { if (r.type === 'inbound-rtp' && r.kind === 'audio') packets += r.packetsReceived || 0; });
        return packets;
    }", feed);

    [Fact]
    public async Task LargeReview_OthersWatch_AHandIsRaisedAndLetSpeak_TheChairMutesAndRemoves_AndAGuestJoinsByTheLink()
    {
        var igpApi = await app.ApiClientAsync("RJ100053");
        var ist = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        var now = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, ist);
        var sho = await app.PostIdAsync("SHO-KOTKHAWDA");
        // Five in all with the chair and organiser, two may speak at once: everyone but the chair starts by watching.
        var created = await igpApi.PostAsJsonAsync("/api/meetings", new MeetingCommand("Range review with a guest", MeetingPurpose.Review, null, await app.PostIdAsync("IGP-JPR"),
            DateOnly.FromDateTime(now), now.ToString("HH:mm"), 60, MaxSpeakers: 2, PostIds: [sho, await app.PostIdAsync("SHO-GOVINDGARH")],
            Guests: [new("Prof. Anil Joshi", "anil.joshi@example.org")]));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var meetingId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var occurrence = (await igpApi.GetFromJsonAsync<MeetingView>($"/api/meetings/{meetingId}", Json))!.Occurrences.Single().Id;

        var chairPage = await app.SignedInPageAsync("RJ100053");
        await chairPage.GotoAsync($"/Meetings/Join/{occurrence}");
        await chairPage.WaitForFunctionAsync("() => window.daftarMeeting && window.daftarMeeting.joined", null, new() { Timeout = 60_000 });
        // Alone in the room: no video arrives, so the page says who is here (the chair, marked as themselves); the title is printed once.
        await chairPage.Locator("#present", new() { HasTextString = "(you)" }).WaitForAsync(new() { Timeout = 30_000 });
        await chairPage.Locator("#tile-me figcaption", new() { HasTextString = "(you)" }).WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal(1, await chairPage.GetByText("Range review with a guest", new() { Exact = true }).CountAsync());

        // The SHO watches the chair, raises a hand; the chair lets them speak; the chair then receives their video.
        var shoPage = await app.SignedInPageAsync("RJ100058");
        await shoPage.GotoAsync($"/Meetings/Join/{occurrence}");
        await shoPage.WaitForFunctionAsync("() => window.daftarMeeting && window.daftarMeeting.firstFrameMs !== null", null, new() { Timeout = 90_000 });
        Assert.True(await shoPage.Locator("#watching").IsVisibleAsync());
        Assert.False(await shoPage.EvaluateAsync<bool>("() => window.daftarMeeting.info.mayPublish"));
        // A watcher is not offered what only a speaker can use.
        Assert.False(await shoPage.Locator("#mute").IsVisibleAsync());
        Assert.False(await shoPage.Locator("#screen").IsVisibleAsync());
        await shoPage.GetByRole(AriaRole.Button, new() { Name = "Raise hand" }).ClickAsync();
        var hand = chairPage.Locator("#participants li", new() { HasTextString = "hand raised" });
        await hand.WaitForAsync(new() { Timeout = 30_000 });
        await hand.GetByRole(AriaRole.Button, new() { Name = "Let speak" }).ClickAsync();
        var shoId = await shoPage.EvaluateAsync<long>("() => window.daftarMeeting.info.participantId");
        await UntilAsync(async () => await VideoFramesFromAsync(chairPage, shoId) > 5, "the chair receives the SHO's video after letting them speak");
        Assert.False(await shoPage.Locator("#watching").IsVisibleAsync());

        // The chair mutes the SHO in the room: Janus stops relaying the SHO's sound.
        var before = await AudioPacketsFromAsync(chairPage, shoId);
        await UntilAsync(async () => await AudioPacketsFromAsync(chairPage, shoId) > before + 20, "the SHO's sound reaches the chair before the mute");
        await chairPage.Locator("#participants li", new() { HasTextString = "Sushila Bishnoi" }).GetByRole(AriaRole.Button, new() { Name = "Mute" }).ClickAsync();
        await Task.Delay(1500);
        var muted = await AudioPacketsFromAsync(chairPage, shoId);
        await Task.Delay(2000);
        Assert.True(await AudioPacketsFromAsync(chairPage, shoId) - muted < 5, "after the mute no sound from the SHO reaches the chair");
        // The SHO is told and cannot undo it; the chair's list now offers Unmute, and after it the SHO's sound comes back.
        await shoPage.Locator("#muted-by-chair").WaitForAsync(new() { Timeout = 15_000 });
        Assert.True(await shoPage.Locator("#mute").IsDisabledAsync());
        await chairPage.Locator("#participants li", new() { HasTextString = "Sushila Bishnoi" }).GetByRole(AriaRole.Button, new() { Name = "Unmute" }).ClickAsync();
        await shoPage.Locator("#muted-by-chair").WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = 15_000 });
        Assert.True(await shoPage.Locator("#mute").IsEnabledAsync());
        var unmuted = await AudioPacketsFromAsync(chairPage, shoId);
        await UntilAsync(async () => await AudioPacketsFromAsync(chairPage, shoId) > unmuted + 20, "the SHO's sound reaches the chair again after the unmute");
        await chairPage.Locator("#participants li", new() { HasTextString = "Sushila Bishnoi" }).GetByRole(AriaRole.Button, new() { Name = "Mute" }).WaitForAsync(new() { Timeout = 15_000 });

        // The SHO shares the screen instead of the camera: the chair keeps receiving video from them.
        await shoPage.GetByRole(AriaRole.Button, new() { Name = "Share screen" }).ClickAsync();
        await UntilAsync(async () => await shoPage.EvaluateAsync<bool>("() => window.daftarMeeting.sharing === true"), "the SHO's screen is shared", 30);
        var framesBefore = await VideoFramesFromAsync(chairPage, shoId);
        await UntilAsync(async () => await VideoFramesFromAsync(chairPage, shoId) > framesBefore + 10, "the shared screen reaches the chair");

        // The guest follows the link in the invitation e-mail, without an account, and watches.
        string? link = null;
        for (var i = 0; i < 100 && link is null; i++)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(app.Maildir, "new")))
            {
                var mail = MimeKit.MimeMessage.Load(file);
                if (mail.To.Mailboxes.Any(a => a.Address == "anil.joshi@example.org") && (mail.TextBody ?? "").Contains("/meetings/guest/"))
                    link = System.Text.RegularExpressions.Regex.Match(mail.TextBody!, @"/meetings/guest/[A-Za-z0-9_-]+").Value;
            }
            if (link is null) await Task.Delay(200);
        }
        Assert.NotNull(link);
        var guestPage = await app.NewPageAsync(400, 800);
        await guestPage.GotoAsync(link);
        await guestPage.WaitForFunctionAsync("() => window.daftarMeeting && window.daftarMeeting.firstFrameMs !== null", null, new() { Timeout = 90_000 });
        Assert.True(await FramesDecodedAsync(guestPage) > 0);
        // On the phone-sized page the controls stay on screen below the videos.
        var leaveBox = await guestPage.Locator("#leave").BoundingBoxAsync();
        Assert.True(leaveBox is not null && leaveBox.Y + leaveBox.Height <= 800, $"Leave is at {leaveBox?.Y}");

        // A made-up link gets no room.
        var stranger = await app.NewPageAsync();
        await stranger.GotoAsync("/meetings/guest/not-a-real-link-secret");
        await stranger.Locator("#meeting-status", new() { HasTextString = "not invited" }).WaitForAsync(new() { Timeout = 30_000 });

        // Attendance: chair, SHO and guest, from the room.
        OccurrenceAttendance? attendance = null;
        for (var i = 0; i < 60; i++)
        {
            attendance = await igpApi.GetFromJsonAsync<OccurrenceAttendance>($"/api/occurrences/{occurrence}/attendance", Json);
            if (attendance!.Rows.Count >= 3) break;
            await Task.Delay(500);
        }
        Assert.Equal(3, attendance!.Rows.Count);
        Assert.Contains(attendance.Rows, r => r.Guest && r.Display.StartsWith("Prof. Anil Joshi", StringComparison.Ordinal));

        // A room token is good only for the participant Daftar admitted: another id with it is refused by the relay, and the
        // admitted id under another name enters under the name Daftar gave it.
        var govindgarh = (await (await app.ApiClientAsync("RJ100060")).PostAsync($"/api/occurrences/{occurrence}/join", null)).Content.ReadFromJsonAsync<JoinInfo>(Json);
        var admitted = (await govindgarh)!;
        using var relay = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        async Task<JsonElement> JanusAsync(string path, object body) => await (await relay.PostAsJsonAsync(path, body)).Content.ReadFromJsonAsync<JsonElement>();
        var session = (await JanusAsync(admitted.JanusPath, new { janus = "create", transaction = "s", token = admitted.JanusToken })).GetProperty("data").GetProperty("id").GetInt64();
        var handle = (await JanusAsync($"{admitted.JanusPath}/{session}", new { janus = "attach", plugin = "janus.plugin.videoroom", transaction = "a", token = admitted.JanusToken }))
            .GetProperty("data").GetProperty("id").GetInt64();
        var forged = await relay.PostAsJsonAsync($"{admitted.JanusPath}/{session}/{handle}", new
        {
            janus = "message",
            transaction = "j",
            token = admitted.JanusToken,
            body = new { request = "join", room = admitted.Room, ptype = "publisher", id = admitted.ParticipantId + 1, display = "District Collector", token = admitted.RoomToken },
        });
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        var renamed = await relay.PostAsJsonAsync($"{admitted.JanusPath}/{session}/{handle}", new
        {
            janus = "message",
            transaction = "k",
            token = admitted.JanusToken,
            body = new { request = "join", room = admitted.Room, ptype = "publisher", id = admitted.ParticipantId, display = "District Collector", token = admitted.RoomToken },
        });
        Assert.True(renamed.IsSuccessStatusCode, await renamed.Content.ReadAsStringAsync());
        await chairPage.Locator("#participants li", new() { HasTextString = "Bhagwan Sahay Sharma" }).WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal(0, await chairPage.Locator("#participants li", new() { HasTextString = "District Collector" }).CountAsync());
        await relay.PostAsJsonAsync($"{admitted.JanusPath}/{session}", new { janus = "destroy", transaction = "d", token = admitted.JanusToken });

        // The chair removes the guest: Janus drops them and their page says so; they cannot come back with the same link.
        await chairPage.Locator("#participants li", new() { HasTextString = "Prof. Anil Joshi" }).GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await guestPage.Locator("#meeting-status", new() { HasTextString = "removed you" }).WaitForAsync(new() { Timeout = 30_000 });
        var back = await app.NewPageAsync();
        await back.GotoAsync(link);
        await back.Locator("#meeting-status", new() { HasTextString = "removed you" }).WaitForAsync(new() { Timeout = 30_000 });

        foreach (var p in new[] { chairPage, shoPage, guestPage, stranger, back }) await p.Context.CloseAsync();
    }

    [Fact]
    public async Task TurnCredentials_FromAJoinToken_AreAcceptedByCoturn_AndATamperedOneIsRefused()
    {
        var igpApi = await app.ApiClientAsync("RJ100053");
        var ist = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        var now = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, ist);
        var created = await igpApi.PostAsJsonAsync("/api/meetings", new MeetingCommand("TURN check", MeetingPurpose.General, null, await app.PostIdAsync("IGP-JPR"),
            DateOnly.FromDateTime(now), now.ToString("HH:mm"), 30, Notify: false));
        var meetingId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var occurrence = (await igpApi.GetFromJsonAsync<MeetingView>($"/api/meetings/{meetingId}", Json))!.Occurrences.Single().Id;
        var join = (await (await igpApi.PostAsync($"/api/occurrences/{occurrence}/join", null)).Content.ReadFromJsonAsync<JoinInfo>(Json))!;
        var turn = join.IceServers.Single();
        Assert.StartsWith("turn:", turn.Urls.Single());
        var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(turn.Username!.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromHours(11), TimeSpan.FromHours(12.1));
        var host = turn.Urls.Single()["turn:".Length..].Split(':');
        // An allocation on coturn with Daftar's credential succeeds; with a changed password it is refused.
        string[] Allocate(string password) => ["-u", turn.Username, "-w", password, "-p", host[1], "-n", "1", "-m", "1", "-e", host[0], "-r", "3480", "-X", host[0]];
        var ok = Tools.Run("turnutils_uclient", Allocate(turn.Credential!));
        Assert.True(ok.Code == 0, ok.Output + ok.Errors);
        var bad = Tools.Run("turnutils_uclient", Allocate((turn.Credential![0] == 'A' ? "B" : "A") + turn.Credential[1..]));
        Assert.NotEqual(0, bad.Code);
        Assert.Contains("Cannot complete Allocation", bad.Output + bad.Errors);

        // Past its end (and the overrun) with nobody in it, the follow-up service tears the room down by itself.
        Assert.True(await RoomExistsAsync(join.Room));
        await app.WithDbAsync(db => db.MeetingOccurrences.Where(o => o.Id == occurrence)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.EndsAtUtc, DateTime.UtcNow.AddHours(-3)).SetProperty(o => o.StartsAtUtc, DateTime.UtcNow.AddHours(-4))));
        await UntilAsync(async () => !await RoomExistsAsync(join.Room), "the finished room is destroyed", 30);
        Assert.True(await app.WithDbAsync(db => db.MeetingOccurrences.Where(o => o.Id == occurrence).Select(o => o.RoomClosedAtUtc != null).SingleAsync()));
    }
}
