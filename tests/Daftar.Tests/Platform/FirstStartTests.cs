using System.Collections.Concurrent;
using Daftar.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Daftar.Tests.Platform;

/// <summary>Daftar started for the first time on an empty database, its errors in the log kept.</summary>
public sealed class FirstStartFactory : DaftarFactory
{
    public ConcurrentQueue<string> Errors { get; } = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SwitchToEmptyDatabaseAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(new ErrorsKept(Errors)));
    }

    private sealed class ErrorsKept(ConcurrentQueue<string> errors) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) errors.Enqueue(formatter(state, exception));
        }
        public void Dispose() { }
    }
}

public class FirstStartTests(FirstStartFactory app) : IClassFixture<FirstStartFactory>
{
    [Fact]
    public async Task AFirstStartOnAnEmptyDatabase_MigratesIt_AndLogsNoError()
    {
        // An operator's first start must not print failed commands (EF on PostgreSQL logged the missing history table).
        using var client = app.CreateClient();
        Assert.True((await client.GetAsync("/healthz")).IsSuccessStatusCode);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Daftar.Data.DaftarDb>();
        Assert.Empty(await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetPendingMigrationsAsync(db.Database));
        Assert.Empty(app.Errors);
    }
}
