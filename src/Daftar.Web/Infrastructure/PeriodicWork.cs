namespace Daftar.Web.Infrastructure;

/// <summary>
/// Work a node does every interval (sealing the audit chain, folding inbox counts, publishing CRLs, reminders, meeting
/// follow-up), each round in a scope of its own. A failed round is logged and tried again at the next tick; what it
/// works on stays safe meanwhile. With several nodes, which of them runs it is issue #38's concern.
/// </summary>
public abstract class PeriodicWork(IServiceScopeFactory scopes, ILogger logger) : BackgroundService
{
    /// <summary>How long between rounds.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>One round, with the round's own services.</summary>
    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = Interval;
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RunOnceAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "{Work} failed; retrying in {Interval}", GetType().Name, interval);
            }
        }
    }
}
