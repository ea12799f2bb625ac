using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Files;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Daftar.Tests.Files;

/// <summary>Daftar with every log entry of Information and above kept, with its level.</summary>
public sealed class LogsKeptFactory : DaftarFactory
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Text, bool HasException)> Entries { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(new Kept(Entries)));
    }

    private sealed class Kept(ConcurrentQueue<(LogLevel, string, string, bool)> entries) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(entries, categoryName);
        public void Dispose() { }

        private sealed class Logger(ConcurrentQueue<(LogLevel, string, string, bool)> entries, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel)) entries.Enqueue((logLevel, category, formatter(state, exception), exception is not null));
            }
        }
    }
}

public class ConflictLoggingTests(LogsKeptFactory app) : IClassFixture<LogsKeptFactory>
{
    [Fact]
    public async Task ConcurrentSendsThatLose_AreLoggedAsInformationWithoutAStack_NotAsErrors()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var so = await app.PostIdAsync("SO-DOIT-GR1");
        var losers = 0;
        for (var round = 0; round < 3; round++)
        {
            var created = await clerk.PostAsJsonAsync("/api/files", new CreateFileCommand($"Race for the log {round}", 12, null));
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            app.Entries.Clear();
            // The same file sent to the same post twenty times at once: on PostgreSQL the losers collide on the
            // participant's key (23505), on SQLite on the file's version; either way each gets 409.
            var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => clerk.PostAsJsonAsync($"/api/files/{id}/send", new SendFileCommand(so, "race"))));
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.NoContent);
            Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.NoContent), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
            losers += responses.Count(r => r.StatusCode == HttpStatusCode.Conflict);
            var errors = app.Entries.Where(e => e.Level >= LogLevel.Warning).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Level} {e.Category}: {e.Text[..Math.Min(300, e.Text.Length)]}")));
        }
        Assert.True(losers > 0);
        // A loser that read the file after the winner committed is refused by the custody rule and logs nothing; one that
        // lost at the database is logged once, as information, without a stack.
        var told = app.Entries.Where(e => e.Text.Contains("changed meanwhile")).ToList();
        Assert.All(told, e => Assert.Equal((LogLevel.Information, false), (e.Level, e.HasException)));
    }
}
