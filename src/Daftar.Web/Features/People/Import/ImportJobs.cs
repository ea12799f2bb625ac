using System.Collections.Concurrent;

namespace Daftar.Web.Features.People.Import;

public sealed class ImportJob(Guid id, int accountId, string fileName)
{
    public Guid Id { get; } = id;
    public int AccountId { get; } = accountId;
    public string FileName { get; } = fileName;
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;
    public volatile ImportProgress? Progress;
    public volatile ImportReport? Report;
    public volatile string? Failure;
    public bool Finished => Report is not null || Failure is not null;

    public int Percent => Report is not null ? 100 : Progress switch
    {
        null => 0,
        { Stage: "Reading" } => 5,
        { Stage: "Checking", Total: > 0 } p => 5 + 80 * p.Done / p.Total,
        { Stage: "Saving" } p => 85 + 14 * p.Done,
        _ => 5,
    };
}

/// <summary>
/// Runs page-started imports in the background so the page can show a progress bar. Jobs live in this node's
/// memory for an hour; the import itself is one database transaction, so a lost job loses no data.
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, ILogger<ImportJobs> logger)
{
    private readonly ConcurrentDictionary<Guid, ImportJob> _jobs = new();

    public ImportJob Start(int accountId, string fileName, byte[] content, ImportMode mode)
    {
        foreach (var old in _jobs.Values.Where(j => j.StartedAt < DateTimeOffset.UtcNow.AddHours(-1))) _jobs.TryRemove(old.Id, out _);
        var job = new ImportJob(Guid.NewGuid(), accountId, fileName);
        _jobs[job.Id] = job;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var importer = scope.ServiceProvider.GetRequiredService<EmployeeImporter>();
                var progress = new SyncProgress(p => job.Progress = p);
                job.Report = await importer.ImportAsync(new MemoryStream(content), fileName, mode, progress, CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Import job {JobId} failed", job.Id);
                job.Failure = "The import failed unexpectedly. Nothing was saved.";
            }
        });
        return job;
    }

    /// <summary>A job is visible only to the account that started it.</summary>
    public ImportJob? Find(Guid id, int accountId) =>
        _jobs.TryGetValue(id, out var job) && job.AccountId == accountId ? job : null;

    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
