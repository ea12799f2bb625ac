using System.Globalization;
using System.Threading.Channels;
using Daftar.Data;
using Daftar.Meetings;
using Daftar.Web.Features.Notifications;
using Daftar.Web.Features.Signing;
using Daftar.Web.Infrastructure;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Daftar.Web.Features.Meetings;

/// <summary>
/// A meeting as iCalendar (RFC 5545, RFC 5546 for REQUEST/CANCEL): one VEVENT for the series with its RRULE, EXDATE
/// for cancelled days and a VEVENT with RECURRENCE-ID for each moved day, all in the office's time zone. Outlook and
/// Google match updates and cancellations to the invitation by UID and SEQUENCE.
/// </summary>
public static class MeetingCalendar
{
    public const string ProductId = "-//Daftar//e-Office meetings//EN";

    public sealed record Attendee(string Name, string Email);

    public static string Invitation(Meeting meeting, string method, string organiserEmail, IEnumerable<Attendee> attendees, string link, TimeZoneInfo zone, TimeSpan? reminder)
    {
        var calendar = new Ical.Net.Calendar { ProductId = ProductId, Method = method };
        calendar.AddTimeZone(zone.Id);
        var people = attendees.ToList();
        foreach (var e in Events(meeting, organiserEmail, people, link, zone, reminder, cancelAll: method == "CANCEL"))
            calendar.Events.Add(e);
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    /// <summary>A personal feed (METHOD:PUBLISH) of every meeting the person is part of.</summary>
    public static Ical.Net.Calendar Feed(IEnumerable<Meeting> meetings, string organiserEmail, Func<Meeting, string> link, TimeZoneInfo zone)
    {
        var calendar = new Ical.Net.Calendar { ProductId = ProductId, Method = "PUBLISH" };
        calendar.AddTimeZone(zone.Id);
        foreach (var m in meetings)
        {
            foreach (var e in Events(m, organiserEmail, [], link(m), zone, null, cancelAll: m.IsCancelled)) calendar.Events.Add(e);
        }
        return calendar;
    }

    private static IEnumerable<CalendarEvent> Events(Meeting m, string organiserEmail, List<Attendee> people, string link, TimeZoneInfo zone, TimeSpan? reminder, bool cancelAll)
    {
        var stamp = new CalDateTime(DateTime.UtcNow, true);
        var occurrences = m.Occurrences.OrderBy(o => o.OriginalStartsAtUtc).ToList();
        var first = occurrences.FirstOrDefault();
        CalendarEvent Make(DateTime startUtc, DateTime endUtc)
        {
            var e = new CalendarEvent
            {
                Uid = m.Uid,
                Summary = m.Title,
                Description = (m.Description is { Length: > 0 } d ? d + "\n\n" : "") + (m.Video == VideoKind.External ? m.ExternalUrl : link),
                Location = m.Video == VideoKind.External ? m.ExternalUrl : link,
                Url = new Uri(link),
                DtStart = Local(startUtc, zone),
                DtEnd = Local(endUtc, zone),
                DtStamp = stamp,
                Sequence = m.Sequence,
                Status = cancelAll ? "CANCELLED" : "CONFIRMED",
                Organizer = new Organizer("mailto:" + organiserEmail) { CommonName = m.OrganiserPost?.TitleEn ?? "Daftar" },
            };
            foreach (var p in people)
                e.Attendees.Add(new Ical.Net.DataTypes.Attendee("mailto:" + p.Email) { CommonName = p.Name, Role = "REQ-PARTICIPANT", ParticipationStatus = "NEEDS-ACTION", Rsvp = true });
            if (reminder is { } before && !cancelAll)
                e.Alarms.Add(new Alarm { Action = "DISPLAY", Description = m.Title, Trigger = new Trigger("-PT" + ((int)before.TotalMinutes).ToString(CultureInfo.InvariantCulture) + "M") });
            return e;
        }

        if (first is null) yield break;
        var (seriesStart, seriesEnd) = Meeting.Window(m.FirstDay, m.StartTime, m.DurationMinutes, zone);
        var series = Make(seriesStart, seriesEnd);
        if (m.Recurrence != Recurrence.None)
        {
            // UNTIL is the last day's end in UTC, as RFC 5545 asks when DTSTART has a time zone.
            var until = Meeting.Window(m.Until!.Value, m.StartTime, m.DurationMinutes, zone).EndUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
            var rule = m.Recurrence switch
            {
                Recurrence.Daily => "FREQ=DAILY",
                Recurrence.EveryOtherDay => "FREQ=DAILY;INTERVAL=2",
                _ => "FREQ=WEEKLY;BYDAY=" + string.Join(",", Enum.GetValues<WeekDays>().Where(d => d != WeekDays.None && m.Days.HasFlag(d)).Select(d => d.ToString()[..2].ToUpperInvariant())),
            };
            series.RecurrenceRule = new RecurrenceRule($"{rule};UNTIL={until}");
            foreach (var o in occurrences.Where(o => o.IsCancelled || o.IsMoved))
                series.ExceptionDates.Add(Local(o.OriginalStartsAtUtc, zone));
        }
        else if (first.IsCancelled && !cancelAll)
        {
            series.Status = "CANCELLED";
        }
        else if (first.IsMoved)
        {
            series.DtStart = Local(first.StartsAtUtc, zone);
            series.DtEnd = Local(first.EndsAtUtc, zone);
        }
        yield return series;
        if (m.Recurrence == Recurrence.None || cancelAll) yield break;
        foreach (var o in occurrences.Where(o => o.IsMoved && !o.IsCancelled))
        {
            var moved = Make(o.StartsAtUtc, o.EndsAtUtc);
            moved.RecurrenceIdentifier = new RecurrenceIdentifier(Local(o.OriginalStartsAtUtc, zone), null);
            yield return moved;
        }
    }

    private static CalDateTime Local(DateTime utc, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTimeFromUtc(utc, zone), zone.Id, true);
}

public sealed record OutgoingMail(string ToName, string ToEmail, string Subject, string Text, string? Calendar, string? CalendarMethod);

/// <summary>
/// Invitations, updates and cancellations: a live notice to every invited post, and e-mail with an iCalendar part to
/// the holders' addresses and to guests. Mail goes out from a queue so that inviting a whole district does not wait
/// on the SMTP server.
/// </summary>
public sealed class Invitations(DaftarDb db, Notifier notifier, MeetingMail mail, MeetingSettings settings, SigningSettings urls, TimeProvider clock)
{
    public string MeetingUrl(int meetingId) => $"{urls.PublicUrl}/Meetings/View/{meetingId.ToString(CultureInfo.InvariantCulture)}";
    public string GuestUrl(string secret) => $"{urls.PublicUrl}/meetings/guest/{secret}";

    public async Task SendAsync(int meetingId, InvitationChanges changes, CancellationToken ct)
    {
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Occurrences).Include(m => m.Invitees)
            .Include(m => m.OrganiserPost).ThenInclude(p => p.Designation).Include(m => m.OrganiserPost).ThenInclude(p => p.Office)
            .AsSplitQuery().SingleAsync(m => m.Id == meetingId, ct);
        var link = MeetingUrl(meetingId);
        var today = clock.Today();
        var activePosts = meeting.Invitees.Where(i => !i.Removed && i.PostId is not null).Select(i => i.PostId!.Value).ToList();
        var notify = meeting.IsCancelled || changes.Updated ? activePosts.Concat(changes.RemovedPosts).ToList() : changes.AddedPosts.ToList();
        foreach (var post in notify.Distinct())
            await notifier.ToPostAsync(post, new Notice(meeting.IsCancelled || changes.RemovedPosts.Contains(post) ? "meetingCancelled" : "meeting", meeting.Title, $"/Meetings/View/{meetingId}"));
        if (!mail.IsConfigured) return;

        // Each holder's invitation speaks their account's language; guests (no account) get both.
        var holders = await db.PostAssignments.AsNoTracking()
            .Where(a => notify.Contains(a.PostId) && a.From <= today && (a.To == null || a.To >= today) && a.Employee.Email != null)
            .Select(a => new { a.PostId, a.Employee.NameEn, Email = a.Employee.Email!, Culture = db.Users.Where(u => u.EmployeeId == a.EmployeeId).Select(u => u.PreferredCulture).FirstOrDefault() })
            .ToListAsync(ct);
        var organiserEmail = mail.From;
        foreach (var h in holders.DistinctBy(h => h.Email))
        {
            var cancelled = meeting.IsCancelled || (changes.RemovedPosts.Contains(h.PostId) && !activePosts.Contains(h.PostId));
            var kind = cancelled ? MailKind.Cancellation : changes.Updated ? MailKind.Update : MailKind.Invitation;
            var words = h.Culture == "hi" ? InvitationWords.Hindi : InvitationWords.English;
            mail.Enqueue(new OutgoingMail(h.NameEn, h.Email, words.Subject(kind, meeting.Title), words.Body(meeting, settings.Zone.Id, link, guestLink: null),
                Calendar(meeting, kind, organiserEmail, new(h.NameEn, h.Email), link), kind.Method()));
        }
        foreach (var guest in meeting.Invitees.Where(i => i.GuestEmail is not null && (meeting.IsCancelled || changes.Updated || changes.NewGuests.Any(g => g.Invitee.Id == i.Id))))
        {
            var cancelled = meeting.IsCancelled || guest.Removed;
            if (guest.Removed && !changes.Updated) continue;
            var kind = cancelled ? MailKind.Cancellation : changes.Updated ? MailKind.Update : MailKind.Invitation;
            var secret = changes.NewGuests.FirstOrDefault(g => g.Invitee.Id == guest.Id)?.Secret;
            var guestLink = secret is null ? link : GuestUrl(secret);
            mail.Enqueue(new OutgoingMail(guest.GuestName!, guest.GuestEmail!, InvitationWords.Both.Subject(kind, meeting.Title),
                InvitationWords.Both.Body(meeting, settings.Zone.Id, link, secret is null ? null : guestLink),
                Calendar(meeting, kind, organiserEmail, new(guest.GuestName!, guest.GuestEmail!), guestLink), kind.Method()));
        }
    }

    /// <summary>
    /// The recipient's own calendar part: the organiser and the recipient alone as attendee, so that no invitation — a
    /// guest's least of all — hands out every invited officer's e-mail address.
    /// </summary>
    private string Calendar(Meeting meeting, MailKind kind, string organiserEmail, MeetingCalendar.Attendee recipient, string link) =>
        MeetingCalendar.Invitation(meeting, kind.Method(), organiserEmail, [recipient], link, settings.Zone, settings.ReminderBefore);
}

public enum MailKind { Invitation, Update, Cancellation }

public static class MailKinds
{
    public static string Method(this MailKind kind) => kind == MailKind.Cancellation ? "CANCEL" : "REQUEST";
}

/// <summary>What an invitation or reminder e-mail says, in English, in Hindi, or in both (for guests, who have no account to choose by).</summary>
public sealed class InvitationWords(bool hindi, bool english)
{
    public static readonly InvitationWords English = new(false, true), Hindi = new(true, false), Both = new(true, true);

    private string Say(string en, string hi) => hindi && english ? $"{hi} / {en}" : hindi ? hi : en;

    public string Subject(MailKind kind, string title) => kind switch
    {
        MailKind.Cancellation => Say("Cancelled", "निरस्त"),
        MailKind.Update => Say("Updated", "संशोधित"),
        _ => Say("Invitation", "आमंत्रण"),
    } + ": " + title;

    public string Body(Meeting m, string zone, string link, string? guestLink)
    {
        var lines = new List<string> { m.Title };
        if (hindi) lines.Add(WhenHi(m, zone));
        if (english) lines.Add(WhenEn(m, zone));
        lines.Add("");
        if (guestLink is not null)
        {
            lines.Add(Say("Join with this private link (do not forward it):", "इस निजी लिंक से जुड़ें (इसे आगे न भेजें):"));
            lines.Add(guestLink);
        }
        else
        {
            lines.Add(link);
        }
        return string.Join("\n", lines) + "\n";
    }

    public string ReminderSubject(string title, string start) => Say($"Reminder: {title} at {start}", $"स्मरण: {title} — {start} बजे");

    public string ReminderBody(string title, string start, string? link) =>
        Say($"{title} starts at {start}.", $"{title} {start} बजे आरंभ होगी।") + "\n"
        + (link ?? Say("Join with the private link in your invitation.", "अपने आमंत्रण के निजी लिंक से जुड़ें।")) + "\n";

    private static string WhenEn(Meeting m, string zone)
    {
        var days = m.Recurrence switch
        {
            Recurrence.None => m.FirstDay.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
            Recurrence.Daily => string.Create(CultureInfo.InvariantCulture, $"daily from {m.FirstDay:d MMM yyyy} until {m.Until:d MMM yyyy}"),
            Recurrence.EveryOtherDay => string.Create(CultureInfo.InvariantCulture, $"every other day from {m.FirstDay:d MMM yyyy} until {m.Until:d MMM yyyy}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"every {m.Days} from {m.FirstDay:d MMM yyyy} until {m.Until:d MMM yyyy}"),
        };
        return string.Create(CultureInfo.InvariantCulture, $"{days}, {m.StartTime:HH:mm} ({zone}), {m.DurationMinutes} minutes");
    }

    private static readonly Dictionary<WeekDays, string> DaysHi = new()
    {
        [WeekDays.Monday] = "सोमवार",
        [WeekDays.Tuesday] = "मंगलवार",
        [WeekDays.Wednesday] = "बुधवार",
        [WeekDays.Thursday] = "गुरुवार",
        [WeekDays.Friday] = "शुक्रवार",
        [WeekDays.Saturday] = "शनिवार",
        [WeekDays.Sunday] = "रविवार",
    };

    private static string WhenHi(Meeting m, string zone)
    {
        var from = m.FirstDay.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);
        var until = m.Until?.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);
        var days = m.Recurrence switch
        {
            Recurrence.None => from,
            Recurrence.Daily => $"{from} से {until} तक प्रतिदिन",
            Recurrence.EveryOtherDay => $"{from} से {until} तक एक दिन छोड़कर",
            _ => $"{from} से {until} तक प्रत्येक " + string.Join(", ", DaysHi.Where(d => m.Days.HasFlag(d.Key)).Select(d => d.Value)),
        };
        return string.Create(CultureInfo.InvariantCulture, $"{days}, {m.StartTime:HH:mm} बजे ({zone}), {m.DurationMinutes} मिनट");
    }
}

/// <summary>The meeting mail queue: messages built in the request, sent by one background worker through MailSender.</summary>
public sealed class MeetingMail(MailSender sender, IConfiguration config, ILogger<MeetingMail> logger) : BackgroundService
{
    private readonly Channel<OutgoingMail> _queue = Channel.CreateUnbounded<OutgoingMail>();

    public bool IsConfigured => sender.IsConfigured;
    public string From => MailboxAddress.TryParse(config["Mail:From"], out var a) && a is not null ? a.Address : "daftar@localhost";
    public void Enqueue(OutgoingMail mail) => _queue.Writer.TryWrite(mail);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var mail in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                try
                {
                    await sender.SendAsync(Build(mail), stoppingToken);
                    break;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The address is personal data: the log says which attempt failed, not to whom.
                    logger.LogWarning(e, "A meeting e-mail could not be sent (attempt {Attempt} of 3)", attempt);
                    await Task.Delay(TimeSpan.FromSeconds(attempt * 5), stoppingToken);
                }
            }
        }
    }

    public static MimeMessage Build(OutgoingMail mail)
    {
        var message = new MimeMessage { Subject = mail.Subject };
        message.To.Add(new MailboxAddress(mail.ToName, mail.ToEmail));
        if (mail.Calendar is not null)
        {
            // Outlook and Google read the text/calendar alternative with its method; the .ics attachment is for everything else.
            var alternative = new Multipart("alternative") { new TextPart("plain") { Text = mail.Text } };
            var inline = new TextPart("calendar") { Text = mail.Calendar };
            inline.ContentType.Parameters.Add("method", mail.CalendarMethod ?? "PUBLISH");
            inline.ContentType.Charset = "utf-8";
            alternative.Add(inline);
            var attachment = new MimePart("application", "ics")
            {
                Content = new MimeContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Calendar))),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = "invite.ics",
            };
            message.Body = new Multipart("mixed") { alternative, attachment };
            return message;
        }
        message.Body = new TextPart("plain") { Text = mail.Text };
        return message;
    }
}

/// <summary>A personal calendar feed URL: its secret is shown once, only its hash is kept; a new one replaces the old.</summary>
public sealed class CalendarFeeds(DaftarDb db, MeetingAccess meetings, Invitations invitations, MeetingMail mail, MeetingSettings settings, SigningSettings urls, TimeProvider clock,
    IEnumerable<ICalendarSource> sources)
{
    public async Task<string> ResetAsync(int accountId, CancellationToken ct)
    {
        var secret = MeetingLinks.NewSecret();
        await db.CalendarFeeds.Where(f => f.AccountId == accountId).ExecuteDeleteAsync(ct);
        db.CalendarFeeds.Add(new CalendarFeed(accountId, MeetingLinks.Hash(secret), clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return $"{urls.PublicUrl}/calendar/{secret}.ics";
    }

    public Task<bool> ExistsAsync(int accountId, CancellationToken ct) => db.CalendarFeeds.AnyAsync(f => f.AccountId == accountId, ct);

    /// <summary>The feed for a secret, or null when it names no feed (or the account holds no post any more).</summary>
    public async Task<string?> FeedAsync(string secret, CancellationToken ct)
    {
        var hash = MeetingLinks.Hash(secret);
        var account = await (from f in db.CalendarFeeds
                             where f.TokenHash == hash
                             join u in db.Users on f.AccountId equals u.Id
                             select new { u.Id, u.EmployeeId, u.PreferredCulture }).SingleOrDefaultAsync(ct);
        if (account is null) return null;
        var today = clock.Today();
        var posts = await db.PostAssignments.Where(p => p.EmployeeId == account.EmployeeId && p.From <= today && (p.To == null || p.To >= today))
            .Select(p => p.PostId).ToArrayAsync(ct);
        var since = today.AddDays(-60);
        var list = await meetings.VisibleTo(posts).Where(m => m.Occurrences.Any(o => o.Day >= since))
            .Include(m => m.Occurrences).Include(m => m.OrganiserPost).ThenInclude(p => p.Designation)
            .Include(m => m.OrganiserPost).ThenInclude(p => p.Office).AsNoTracking().AsSplitQuery().OrderByDescending(m => m.Id).Take(500).ToListAsync(ct);
        var calendar = MeetingCalendar.Feed(list, mail.From, m => invitations.MeetingUrl(m.Id), settings.Zone);
        var owner = new CalendarOwner(account.Id, account.EmployeeId, account.PreferredCulture, today);
        foreach (var source in sources) await source.AddAsync(calendar, owner, ct);
        return new CalendarSerializer().SerializeToString(calendar)!;
    }
}
