using Daftar.Data;
using Daftar.Files;

namespace Daftar.Web.Features.Files;

/// <summary>Folds the inbox count changes into the kept counts every few seconds, so that reading a post's counts stays a few rows.</summary>
public sealed class InboxCountCompactor(IServiceScopeFactory scopes, IConfiguration config, ILogger<InboxCountCompactor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(config.GetValue("Files:InboxCountCompactSeconds", 10.0));
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await InboxCounting.CompactAsync(scope.ServiceProvider.GetRequiredService<DaftarDb>(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The changes stay where they are and still count; the next tick folds them in.
                logger.LogWarning(ex, "Folding inbox count changes failed; retrying in {Interval}", interval);
            }
        }
    }
}
