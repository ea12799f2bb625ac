using System.Globalization;
using Daftar.Accounts;
using Daftar.Data;
using Daftar.Files;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Notifications;

/// <summary>
/// Live notices in the page: each connection joins a group per post its officer holds today, so work sent to a post
/// reaches whoever holds it (or its additional charge) at that moment.
/// </summary>
[Authorize]
public sealed class NotificationsHub(DaftarDb db, TimeProvider clock) : Hub
{
    public const string Path = "/hubs/notifications";

    public static string GroupOf(int postId) => "post-" + postId.ToString(CultureInfo.InvariantCulture);

    public override async Task OnConnectedAsync()
    {
        if (int.TryParse(Context.User?.FindFirst(DaftarClaims.EmployeeId)?.Value, CultureInfo.InvariantCulture, out var employeeId))
        {
            var today = clock.Today();
            var posts = await db.PostAssignments.Where(a => a.EmployeeId == employeeId && a.From <= today && (a.To == null || a.To >= today))
                .Select(a => a.PostId).ToListAsync();
            foreach (var post in posts) await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(post));
        }
        await base.OnConnectedAsync();
    }
}

public sealed record Notice(string Kind, string Title, string Url, int Count = 0);

/// <summary>Sends notices to posts. Failures to deliver never fail the action that caused them.</summary>
public sealed class Notifier(IHubContext<NotificationsHub> hub, ILogger<Notifier> logger)
{
    public async Task ToPostAsync(int postId, Notice notice)
    {
        try
        {
            await hub.Clients.Group(NotificationsHub.GroupOf(postId)).SendAsync("notice", notice);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not deliver a live notice to post {PostId}", postId);
        }
    }
}

/// <summary>Reminds the posts that hold overdue files, on a schedule (Files:ReminderMinutes, default 60).</summary>
public sealed class OverdueReminders(IServiceScopeFactory scopes, IConfiguration config, TimeProvider clock, ILogger<OverdueReminders> logger) : BackgroundService
{
    /// <summary>Posts holding open files whose due date has passed, with how many.</summary>
    public static async Task<Dictionary<int, int>> OverdueByPostAsync(DaftarDb db, DateOnly today, CancellationToken ct)
    {
        return await db.Files.Where(f => f.Status == FileStatus.Open && f.ArrivalKind == MovementKind.Sent && f.ArrivalDueOn < today)
            .GroupBy(f => f.HolderPostId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(config.GetValue("Files:ReminderMinutes", 60.0)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<DaftarDb>();
                var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
                foreach (var (post, count) in await OverdueByPostAsync(db, clock.Today(), stoppingToken))
                    await notifier.ToPostAsync(post, new Notice("overdue", "", "/Files/Inbox?tab=overdue", count));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Overdue reminders failed; retrying at the next interval");
            }
        }
    }
}
