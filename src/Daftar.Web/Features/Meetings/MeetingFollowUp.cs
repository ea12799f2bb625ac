using System.Globalization;
using Daftar.Data;
using Daftar.Meetings;
using Daftar.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Meetings;

/// <summary>
/// The meetings' clock: reads attendance from Janus every few seconds (Meetings:PollSeconds), closes finished rooms,
/// reminds invitees before a meeting starts, and reminds posts of overdue action items once a day.
/// </summary>
public sealed class MeetingFollowUp(IServiceScopeFactory scopes, IConfiguration config, TimeProvider clock, ILogger<MeetingFollowUp> logger) : Infrastructure.PeriodicWork(scopes, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(config.GetValue("Meetings:PollSeconds", 5.0));

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) => RunOnceAsync(services, clock.GetUtcNow().UtcDateTime, ct);

    public static async Task RunOnceAsync(IServiceProvider services, DateTime nowUtc, CancellationToken ct)
    {
        var db = services.GetRequiredService<DaftarDb>();
        var settings = services.GetRequiredService<MeetingSettings>();
        var logger = services.GetRequiredService<ILogger<MeetingFollowUp>>();
        await VideoRooms.PollAsync(db, services.GetRequiredService<JanusClient>(), services.GetRequiredService<VideoSettings>(), settings, nowUtc, logger, ct);

        var notifier = services.GetRequiredService<Notifier>();
        var mail = services.GetRequiredService<MeetingMail>();
        var urls = services.GetRequiredService<Daftar.Web.Features.Signing.SigningSettings>();
        var soon = nowUtc + settings.ReminderBefore;
        var due = await db.MeetingOccurrences.Include(o => o.Meeting)
            .Where(o => !o.ReminderSent && o.Status == OccurrenceStatus.Scheduled && o.StartsAtUtc <= soon && o.EndsAtUtc > nowUtc && !o.Meeting.IsCancelled)
            .OrderBy(o => o.StartsAtUtc).ThenBy(o => o.Id).Take(100).ToListAsync(ct);
        var today = DateOnly.FromDateTime(settings.Local(nowUtc).DateTime);
        foreach (var o in due)
        {
            var posts = await db.Invitees.Where(i => i.MeetingId == o.MeetingId && !i.Removed && i.PostId != null).Select(i => i.PostId!.Value).ToListAsync(ct);
            posts.Add(o.Meeting.ChairPostId);
            foreach (var post in posts.Distinct())
                await notifier.ToPostAsync(post, new Notice("meetingSoon", o.Meeting.Title, $"/Meetings/Join/{o.Id}"));
            if (mail.IsConfigured)
            {
                // Officers in their account's language with the join page; guests, as their invitation did, in both.
                var emails = await db.PostAssignments.Where(a => posts.Contains(a.PostId) && a.From <= today && (a.To == null || a.To >= today) && a.Employee.Email != null)
                    .Select(a => new { a.Employee.NameEn, a.Employee.Email, Culture = db.Users.Where(u => u.EmployeeId == a.EmployeeId).Select(u => u.PreferredCulture).FirstOrDefault() })
                    .Distinct().ToListAsync(ct);
                var guests = await db.Invitees.Where(i => i.MeetingId == o.MeetingId && !i.Removed && i.GuestEmail != null).Select(i => new { i.GuestName, i.GuestEmail }).ToListAsync(ct);
                var start = settings.Local(o.StartsAtUtc).ToString("HH:mm", CultureInfo.InvariantCulture);
                var join = $"{urls.PublicUrl}/Meetings/Join/{o.Id.ToString(CultureInfo.InvariantCulture)}";
                foreach (var e in emails.DistinctBy(e => e.Email))
                {
                    var words = e.Culture == "hi" ? InvitationWords.Hindi : InvitationWords.English;
                    mail.Enqueue(new OutgoingMail(e.NameEn, e.Email!, words.ReminderSubject(o.Meeting.Title, start), words.ReminderBody(o.Meeting.Title, start, join), null, null));
                }
                foreach (var g in guests)
                    mail.Enqueue(new OutgoingMail(g.GuestName ?? "", g.GuestEmail!, InvitationWords.Both.ReminderSubject(o.Meeting.Title, start),
                        InvitationWords.Both.ReminderBody(o.Meeting.Title, start, null), null, null));
            }
            o.MarkReminded();
        }
        await db.SaveChangesAsync(ct);

        var overdue = await db.ActionItems.Include(a => a.Meeting)
            .Where(a => a.DueOn < today && a.Status != ActionStatus.Done && a.Status != ActionStatus.Dropped && (a.LastRemindedOn == null || a.LastRemindedOn < today))
            .OrderBy(a => a.DueOn).ThenBy(a => a.Id).Take(500).ToListAsync(ct);
        foreach (var item in overdue)
        {
            await notifier.ToPostAsync(item.AssigneePostId, new Notice("actionOverdue", item.Meeting.Title, "/Meetings/Actions"));
            item.Reminded(today);
        }
        await db.SaveChangesAsync(ct);
    }
}
