using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Meetings;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Meetings;
using Daftar.Web.Features.Signing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Daftar.Tests.Meetings;

/// <summary>
/// The meetings' clock and their races: invitees are reminded once before the start (in-app and by e-mail), overdue
/// action items once a day; and the same change fired ten times at once — cancelling an occurrence, saving and signing
/// the minutes, closing an action item — happens once, every other request told why.
/// </summary>
public class MeetingFollowUpTests(MailFactory app) : IClassFixture<MailFactory>
{
    private const int Racers = 10;
    private static readonly TimeZoneInfo Ist = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Ist));

    private static async Task<HttpResponseMessage[]> RaceAsync(Func<int, Task<HttpResponseMessage>> request) =>
        await Task.WhenAll(Enumerable.Range(0, Racers).Select(i => Task.Run(() => request(i))));

    private static async Task AllExplainedAsync(HttpResponseMessage[] responses)
    {
        foreach (var r in responses.Where(r => !r.IsSuccessStatusCode))
        {
            Assert.True(r.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
            Assert.True((await r.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("code", out _));
        }
    }

    private async Task<(int Meeting, List<int> Occurrences)> MeetingAsync(HttpClient igp, DateOnly first, string start, int days, params string[] invited)
    {
        var posts = new List<int>();
        foreach (var code in invited) posts.Add(await app.PostIdAsync(code));
        var created = await igp.PostAsJsonAsync("/api/meetings", new MeetingCommand("समीक्षा " + Guid.NewGuid().ToString("N")[..6], MeetingPurpose.Review, null,
            await app.PostIdAsync("IGP-JPR"), first, start, 30, days > 1 ? Recurrence.Daily : Recurrence.None, Until: days > 1 ? first.AddDays(days - 1) : null,
            PostIds: posts, Notify: false));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        return (id, await app.WithDbAsync(db => db.MeetingOccurrences.Where(o => o.MeetingId == id).OrderBy(o => o.Number).Select(o => o.Id).ToListAsync()));
    }

    private async Task RunFollowUpAsync(DateTime nowUtc)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await MeetingFollowUp.RunOnceAsync(scope.ServiceProvider, nowUtc, CancellationToken.None);
    }

    [Fact]
    public async Task Reminders_GoOnceBeforeTheStart_AndOverdueActionItemsOnceADay()
    {
        var igp = await app.ApiClientAsync("RJ100053");
        var soon = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow.AddMinutes(10), Ist);
        var (meeting, occurrences) = await MeetingAsync(igp, DateOnly.FromDateTime(soon), soon.ToString("HH:mm"), 1, "SHO-CHOMU");
        var (later, laterOccurrences) = await MeetingAsync(igp, Today.AddDays(2), "10:00", 1, "SHO-CHOMU");
        var overdue = (await (await igp.PostAsJsonAsync($"/api/meetings/{meeting}/actions", new ActionItemCommand("थाने का निरीक्षण", await app.PostIdAsync("SHO-CHOMU"), Today)))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await app.WithDbAsync(db => db.ActionItems.Where(a => a.Id == overdue).ExecuteUpdateAsync(s => s.SetProperty(a => a.DueOn, Today.AddDays(-2))));

        await RunFollowUpAsync(DateTime.UtcNow);
        Assert.True(await app.WithDbAsync(db => db.MeetingOccurrences.Where(o => o.Id == occurrences[0]).Select(o => o.ReminderSent).SingleAsync()));
        Assert.False(await app.WithDbAsync(db => db.MeetingOccurrences.Where(o => o.Id == laterOccurrences[0]).Select(o => o.ReminderSent).SingleAsync()));
        Assert.Equal(Today, await app.WithDbAsync(db => db.ActionItems.Where(a => a.Id == overdue).Select(a => a.LastRemindedOn).SingleAsync()));

        // The SHO's reminder arrives by e-mail, once: a second round the same day sends nothing more.
        var title = await app.WithDbAsync(db => db.Meetings.Where(m => m.Id == meeting).Select(m => m.Title).SingleAsync());
        List<MimeMessage> Reminders() => Directory.GetFiles(Path.Combine(app.Maildir, "new")).Select(f => MimeMessage.Load(f))
            .Where(m => (m.Subject ?? "").StartsWith("Reminder: " + title, StringComparison.Ordinal)).ToList();
        // Two reminders go out, to the SHO and to the chair, one after the other from the mail queue: wait for both.
        bool ToTheSho(MimeMessage m) => m.To.Mailboxes.Any(a => a.Address == "narendra.singh.chauhan@rajasthan.example");
        for (var i = 0; i < 100 && (Reminders().Count < 2 || !Reminders().Any(ToTheSho)); i++) await Task.Delay(100);
        Assert.Contains(Reminders(), ToTheSho);
        var count = Reminders().Count;
        await RunFollowUpAsync(DateTime.UtcNow);
        await Task.Delay(1000);
        Assert.Equal(count, Reminders().Count);
    }

    [Fact]
    public async Task OccurrenceCancelledTenTimesAtOnce_IsCancelledOnce_AndTheSeriesStaysWhole()
    {
        var igp = await app.ApiClientAsync("RJ100053");
        var (meeting, occurrences) = await MeetingAsync(igp, Today.AddDays(1), "09:00", 3, "SHO-CHAKSU");
        var responses = await RaceAsync(_ => igp.PostAsync($"/api/occurrences/{occurrences[1]}/cancel", null));
        Assert.Single(responses, r => r.IsSuccessStatusCode);
        await AllExplainedAsync(responses);
        var states = await app.WithDbAsync(db => db.MeetingOccurrences.Where(o => o.MeetingId == meeting).OrderBy(o => o.Number).Select(o => o.Status).ToListAsync());
        Assert.Equal([OccurrenceStatus.Scheduled, OccurrenceStatus.Cancelled, OccurrenceStatus.Scheduled], states);

        // Ten moves of another occurrence at once: each either happens or is told the meeting changed; it ends at one of the times asked.
        var moves = await RaceAsync(i => igp.PostAsJsonAsync($"/api/occurrences/{occurrences[2]}/move", new MoveOccurrenceCommand(Today.AddDays(3), $"{10 + i}:00", 30)));
        Assert.Contains(moves, r => r.IsSuccessStatusCode);
        await AllExplainedAsync(moves);
        var start = await app.WithDbAsync(db => db.MeetingOccurrences.Where(o => o.Id == occurrences[2]).Select(o => o.StartsAtUtc).SingleAsync());
        var hour = TimeZoneInfo.ConvertTimeFromUtc(start, Ist).Hour;
        Assert.Contains(moves.Select((r, i) => (r, i)), x => x.r.IsSuccessStatusCode && 10 + x.i == hour);
    }

    [Fact]
    public async Task Minutes_SavedAndSignedTenTimesAtOnce_OneTextAndOneSignature_AndAnActionItemClosedOnce()
    {
        var igp = await app.ApiClientAsync("RJ100053");
        var (meeting, occurrences) = await MeetingAsync(igp, Today.AddDays(-1), "09:00", 1, "SHO-GOVINDGARH");
        var held = occurrences[0];

        // The first save of the minutes, ten times at once: one row, whose text is one of the ten.
        var saves = await RaceAsync(i => igp.PutAsJsonAsync($"/api/occurrences/{held}/minutes", new MinutesCommand($"कार्यवाही {i}")));
        Assert.Contains(saves, r => r.IsSuccessStatusCode);
        await AllExplainedAsync(saves);
        var bodies = await app.WithDbAsync(db => db.MeetingMinutes.Where(m => m.OccurrenceId == held).Select(m => m.Body).ToListAsync());
        Assert.Single(bodies);
        Assert.Matches("^कार्यवाही [0-9]$", bodies[0]);

        // Signed ten times at once by the chair: one signature.
        Assert.Equal(HttpStatusCode.Created, (await igp.PostAsJsonAsync("/api/signing/enrol", new EnrolCommand("591736", "591736", Replace: true))).StatusCode);
        var signs = await RaceAsync(_ => igp.PostAsJsonAsync($"/api/occurrences/{held}/minutes/sign", new SignMinutesCommand("591736")));
        Assert.Single(signs, r => r.IsSuccessStatusCode);
        await AllExplainedAsync(signs);
        Assert.Equal(1, await app.WithDbAsync(db => db.MeetingMinutes.Where(m => m.OccurrenceId == held).Select(m => m.Signatures).SingleAsync()));

        // An action item closed ten times at once by its post: one closing update.
        var item = (await (await igp.PostAsJsonAsync($"/api/meetings/{meeting}/actions", new ActionItemCommand("Beat register", await app.PostIdAsync("SHO-GOVINDGARH"), Today.AddDays(7))))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var sho = await app.ApiClientAsync("RJ100060");
        var closes = await RaceAsync(i => sho.PostAsJsonAsync($"/api/actions/{item}/updates", new ActionUpdateCommand(ActionStatus.Done, $"done {i}")));
        Assert.Single(closes, r => r.IsSuccessStatusCode);
        await AllExplainedAsync(closes);
        Assert.Equal(1, await app.WithDbAsync(db => db.ActionUpdates.CountAsync(u => u.ActionItemId == item)));
    }
}
