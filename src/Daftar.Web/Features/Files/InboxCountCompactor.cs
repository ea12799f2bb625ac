using Daftar.Data;
using Daftar.Files;

namespace Daftar.Web.Features.Files;

/// <summary>Folds the inbox count changes into the kept counts every few seconds, so that reading a post's counts stays a few rows.</summary>
public sealed class InboxCountCompactor(IServiceScopeFactory scopes, IConfiguration config, ILogger<InboxCountCompactor> logger) : Infrastructure.PeriodicWork(scopes, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(config.GetValue("Files:InboxCountCompactSeconds", 10.0));

    // After a failed round the changes stay where they are and still count; the next folds them in.
    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        InboxCounting.CompactAsync(services.GetRequiredService<DaftarDb>(), ct);
}
