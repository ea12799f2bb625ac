using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Files;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Daftar.Tests.Files;

/// <summary>Daftar with the SQL of every statement it runs kept, to check what the statements ask the database.</summary>
public sealed class StatementsKeptFactory : DaftarFactory
{
    public ConcurrentQueue<string> Statements { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging
            .AddProvider(new StatementsKept(Statements))
            .AddFilter<StatementsKept>("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information));
    }

    private sealed class StatementsKept(ConcurrentQueue<string> statements) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // 20101: a command executed, with its text (the parameters' values are not logged).
            if (eventId.Id == 20101) statements.Enqueue(formatter(state, exception));
        }
        public void Dispose() { }
    }
}

public class StatementShapeTests(StatementsKeptFactory app) : IClassFixture<StatementsKeptFactory>
{
    [Fact]
    public async Task ASend_ReadsTheDraftsOfItsOwnFileByTheFile_NotEveryDraftJoinedToIt()
    {
        // Joined to the file by its key alone, the drafts were read as a whole index once PostgreSQL's statistics saw almost
        // no drafts among 1.2 crore notes: every draft in the state, for every send. Naming the file lets the index find it.
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var created = await clerk.PostAsJsonAsync("/api/files", new CreateFileCommand("Drafts read by their file", 12, "Procurement"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsJsonAsync($"/api/files/{id}/notes", new SaveNoteCommand("Submitted for approval."))).StatusCode);
        app.Statements.Clear();

        var so = await app.PostIdAsync("SO-DOIT-GR1");
        await clerk.SendFileAsync(id, so, "For approval");

        // SQLite's statements quote the aliases, PostgreSQL's do not.
        var draftReads = app.Statements.Where(s => Regex.IsMatch(s, @"NOT \(""?n""?\.""IsConfirmed""\)")).ToList();
        Assert.NotEmpty(draftReads);
        Assert.All(draftReads, s => Assert.Matches(@"""?n""?\.""FileId"" = @\w+ AND NOT \(""?n""?\.""IsConfirmed""\)", s));
    }
}
