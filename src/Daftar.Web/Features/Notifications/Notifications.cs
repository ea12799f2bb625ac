using System.Globalization;
using Daftar.Accounts;
using Daftar.Data;
using Daftar.Files;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Notifications;

/// <summary>
/// Live notices in the page: each connection joins a group per post its officer holds today, so work sent to a post
/// reaches whoever holds it (or its additional charge) at that moment. Membership is kept true by
/// <see cref="LiveConnections"/>: a posting ended, a session signed out or a security stamp changed takes the
/// connection out of the groups it is no longer entitled to, or closes it.
/// </summary>
[Authorize]
public sealed class NotificationsHub(LiveConnections live, DaftarDb db) : Hub
{
    public const string Path = "/hubs/notifications";

    public static string GroupOf(int postId) => "post-" + postId.ToString(CultureInfo.InvariantCulture);

    public override async Task OnConnectedAsync()
    {
        await live.JoinAsync(Context, db, Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        live.Leave(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>
/// This node's open notice connections, and the posts each is grouped under. Whenever something that decides entitlement
/// may have changed (the <see cref="SignInCache"/> generation moved: a posting, an account, an employee, a session ended;
/// or the day turned) every connection is checked again before the next notice leaves, and at least once a minute:
/// groups of posts no longer held are left, new ones joined, and a connection whose session ended, whose account's
/// security stamp changed or whose employee is inactive is closed. ADR 0022.
/// </summary>
public sealed class LiveConnections(IHubContext<NotificationsHub> hub, IServiceScopeFactory scopes, SignInCache cache, TimeProvider clock,
    SessionLimits limits, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Identity.IdentityOptions> identity, ILogger<LiveConnections> logger)
{
    private sealed class Live(HubCallerContext context, int accountId, int employeeId, string? sessionId, string? stamp)
    {
        public HubCallerContext Context { get; } = context;
        public int AccountId { get; } = accountId;
        public int EmployeeId { get; } = employeeId;
        public string? SessionId { get; } = sessionId;
        public string? Stamp { get; } = stamp;
        public HashSet<int> Posts { get; set; } = [];
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Live> _live = new();
    private readonly SemaphoreSlim _checking = new(1, 1);
    private long _checkedGeneration = -1;
    private DateTimeOffset _checkedAt;

    public int Count => _live.Count;

    public async Task JoinAsync(HubCallerContext context, DaftarDb db, CancellationToken ct)
    {
        var user = context.User;
        if (!int.TryParse(user?.FindFirst(DaftarClaims.EmployeeId)?.Value, CultureInfo.InvariantCulture, out var employeeId)
            || !int.TryParse(user?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, CultureInfo.InvariantCulture, out var accountId))
            return;
        var connection = new Live(context, accountId, employeeId, Web.Infrastructure.SignInSessions.IdOf(user),
            user?.FindFirst(identity.Value.ClaimsIdentity.SecurityStampClaimType)?.Value);
        await _checking.WaitAsync(ct);
        try
        {
            var today = clock.Today();
            var posts = await db.PostAssignments.Where(a => a.EmployeeId == employeeId && a.From <= today && (a.To == null || a.To >= today))
                .Select(a => a.PostId).ToListAsync(ct);
            foreach (var post in posts) await hub.Groups.AddToGroupAsync(context.ConnectionId, NotificationsHub.GroupOf(post), ct);
            connection.Posts = [.. posts];
            _live[context.ConnectionId] = connection;
        }
        finally
        {
            _checking.Release();
        }
    }

    public void Leave(string connectionId) => _live.TryRemove(connectionId, out _);

    /// <summary>Checks every connection again if anything that decides entitlement changed since the last check, or
    /// <paramref name="atMost"/> has passed; a notice leaves only after this.</summary>
    public async Task CatchUpAsync(CancellationToken ct, TimeSpan? atMost = null)
    {
        if (IsCurrent(cache.Generation, atMost)) return;
        await _checking.WaitAsync(ct);
        try
        {
            var generation = cache.Generation;
            if (IsCurrent(generation, atMost)) return;
            var now = clock.GetUtcNow();
            await CheckAllAsync(ct);
            Volatile.Write(ref _checkedGeneration, generation);
            _checkedAt = now;
        }
        finally
        {
            _checking.Release();
        }
    }

    private bool IsCurrent(long generation, TimeSpan? atMost)
    {
        var now = clock.GetUtcNow();
        return Volatile.Read(ref _checkedGeneration) == generation && OfficeTime.DateOf(now) == OfficeTime.DateOf(_checkedAt)
            && (atMost is null || now - _checkedAt < atMost);
    }

    private async Task CheckAllAsync(CancellationToken ct)
    {
        var connections = _live.Values.ToList();
        if (connections.Count == 0) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DaftarDb>();
        var now = clock.GetUtcNow();
        var today = OfficeTime.DateOf(now);
        foreach (var chunk in connections.Chunk(500))
        {
            var accountIds = chunk.Select(c => c.AccountId).Distinct().ToList();
            var employeeIds = chunk.Select(c => c.EmployeeId).Distinct().ToList();
            var sessionIds = chunk.Select(c => c.SessionId).OfType<string>().Distinct().ToList();
            var accounts = await db.Users.AsNoTracking().Where(a => accountIds.Contains(a.Id))
                .Select(a => new { a.Id, a.SecurityStamp, Active = a.Employee == null || a.Employee.IsActive }).ToDictionaryAsync(a => a.Id, ct);
            var sessions = await db.SignInSessions.AsNoTracking().Where(s => sessionIds.Contains(s.Id))
                .Select(s => new { s.Id, s.AccountId, s.StartedAt, s.LastSeenAt, s.EndedAt }).ToDictionaryAsync(s => s.Id, ct);
            var held = (await db.PostAssignments.AsNoTracking()
                    .Where(a => employeeIds.Contains(a.EmployeeId) && a.From <= today && (a.To == null || a.To >= today))
                    .Select(a => new { a.EmployeeId, a.PostId }).ToListAsync(ct))
                .ToLookup(a => a.EmployeeId, a => a.PostId);
            foreach (var c in chunk)
            {
                var entitled = accounts.TryGetValue(c.AccountId, out var account) && account.Active && account.SecurityStamp == c.Stamp
                    && c.SessionId is not null && sessions.TryGetValue(c.SessionId, out var s) && s.AccountId == c.AccountId
                    && SignInSession.IsLive(s.StartedAt, s.LastSeenAt, s.EndedAt, now, limits);
                HashSet<int> posts = entitled ? [.. held[c.EmployeeId]] : [];
                foreach (var gone in c.Posts.Except(posts)) await hub.Groups.RemoveFromGroupAsync(c.Context.ConnectionId, NotificationsHub.GroupOf(gone), ct);
                foreach (var added in posts.Except(c.Posts)) await hub.Groups.AddToGroupAsync(c.Context.ConnectionId, NotificationsHub.GroupOf(added), ct);
                c.Posts = posts;
                if (entitled) continue;
                Leave(c.Context.ConnectionId);
                c.Context.Abort();
                logger.LogInformation("Closed a live connection of account {AccountId}: its session or sign-in ended", c.AccountId);
            }
        }
    }
}

/// <summary>Keeps <see cref="LiveConnections"/> true between notices: a check every second (cheap unless something changed)
/// and a full one at least every minute, for sessions that ran out of time.</summary>
public sealed class LiveConnectionGuard(LiveConnections live, ILogger<LiveConnectionGuard> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await live.CatchUpAsync(stoppingToken, atMost: TimeSpan.FromMinutes(1));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Checking live connections failed; retrying in a second");
            }
        }
    }
}

public sealed record Notice(string Kind, string Title, string Url, int Count = 0);

/// <summary>Sends notices to posts. Failures to deliver never fail the action that caused them.</summary>
public sealed class Notifier(IHubContext<NotificationsHub> hub, LiveConnections live, ILogger<Notifier> logger)
{
    public async Task ToPostAsync(int postId, Notice notice)
    {
        try
        {
            // Only connections still entitled to the post hear of it: whatever changed since the last check is applied first.
            await live.CatchUpAsync(CancellationToken.None);
            await hub.Clients.Group(NotificationsHub.GroupOf(postId)).SendAsync("notice", notice);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not deliver a live notice to post {PostId}", postId);
        }
    }
}

/// <summary>Reminds the posts that hold overdue files, on a schedule (Files:ReminderMinutes, default 60).</summary>
public sealed class OverdueReminders(IServiceScopeFactory scopes, IConfiguration config, TimeProvider clock, ILogger<OverdueReminders> logger) : PeriodicWork(scopes, logger)
{
    /// <summary>Posts holding open files whose due date has passed, with how many.</summary>
    public static async Task<Dictionary<int, int>> OverdueByPostAsync(DaftarDb db, DateOnly today, CancellationToken ct)
    {
        return await db.Files.Where(f => f.Status == FileStatus.Open && f.ArrivalKind == MovementKind.Sent && f.ArrivalDueOn < today)
            .GroupBy(f => f.HolderPostId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
    }

    protected override TimeSpan Interval => TimeSpan.FromMinutes(config.GetValue("Files:ReminderMinutes", 60.0));

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<DaftarDb>();
        var notifier = services.GetRequiredService<Notifier>();
        foreach (var (post, count) in await OverdueByPostAsync(db, clock.Today(), ct))
            await notifier.ToPostAsync(post, new Notice("overdue", "", "/Files/Inbox?tab=overdue", count));
    }
}
