using System.Net;
using Daftar.Load;
using Daftar.Tests.Infrastructure;
using Daftar.Web;
using Daftar.Web.Infrastructure;
using HdrHistogram;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Daftar.Tests.Bench;

/// <summary>
/// A database filled by <c>generate --scale SCALE --tokens FILE</c> and served by Kestrel, for the load generator to drive.
/// The generated scales need an empty database (a fresh one replaces the demo copy); the demo seeds its own.
/// </summary>
public abstract class GeneratedLoadFactory(string scale, bool emptyDatabase) : DaftarFactory
{
    public string BaseUrl { get; private set; } = "";
    public string TokensFile => Path.Combine(DataPath, $"{scale}-tokens.csv");
    public string Output { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (emptyDatabase) await SwitchToEmptyDatabaseAsync();
        var output = new StringWriter();
        var code = await AdminCommands.RunAsync(["generate", "--scale", scale, "--tokens", TokensFile,
            $"--Database:Provider={TestDatabase.Provider}", $"--Database:ConnectionString={ConnectionString}", $"--Daftar:DataPath={DataPath}",
            $"--Signing:MasterKey={TestDatabase.MasterKey}"], output, new StringWriter());
        if (code != 0) throw new InvalidOperationException($"generate --scale {scale} failed:\n{output}");
        Output = output.ToString();
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    // The harness reads Daftar's own time from the Server-Timing header, which load.sh turns on the same way.
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Daftar:ServerTiming", "true");
    }
}

/// <summary>A tiny generated state.</summary>
public sealed class GeneratedStateFactory() : GeneratedLoadFactory("tiny", emptyDatabase: true);

/// <summary>The demo organisation, with the load generator's users issued on it.</summary>
public sealed class DemoLoadFactory() : GeneratedLoadFactory("demo", emptyDatabase: false);

public class HarnessTests(GeneratedStateFactory app) : IClassFixture<GeneratedStateFactory>
{
    [Fact]
    public async Task TheGeneratedState_KeepsDaftarsInvariants_AndTheLoadGeneratorDrivesEveryOperation()
    {
        // The audit chain of the generated state verifies like any other.
        var output = new StringWriter();
        Assert.Equal(0, await AdminCommands.RunAsync(["audit", "verify", $"--Database:Provider={TestDatabase.Provider}",
            $"--Database:ConnectionString={app.ConnectionString}", $"--Daftar:DataPath={app.DataPath}", $"--Signing:MasterKey={TestDatabase.MasterKey}"], output, new StringWriter()));
        Assert.Contains("intact", output.ToString());
        // Some open files carry a yellow draft, as in a real state (the planner's statistics must see them).
        Assert.True(await app.WithDbAsync(db => db.Notes.CountAsync(n => !n.IsConfirmed)) > 5);
        await KeptCountsHoldAsync();

        var tokens = await LoadUser.ReadAsync(app.TokensFile, 5);
        Assert.Equal(5, tokens.Count);
        var report = await new LoadRun(new Options(app.BaseUrl, app.TokensFile, 5, 3, "realistic", Environment.ProcessId, null), tokens).RunAsync();
        foreach (var op in new[] { "inbox", "open", "search" })
            Assert.True(report.Operations.TryGetValue(op, out var r) && r.Count > 0, $"no {op} in {string.Join(", ", report.Operations.Keys)}");
        Assert.Equal(0, report.Operations.Values.Sum(r => r.Errors));
        Assert.All(report.Operations.Values, r => Assert.True(r.P99Ms >= r.P50Ms));
        // Daftar's own time for each answer (its Server-Timing header) is recorded beside the officer's wait, and is within it.
        Assert.All(report.Operations.Values, r => Assert.True(r.AppP95Ms > 0 && r.AppP95Ms <= r.P95Ms, $"app {r.AppP95Ms} ms, officer {r.P95Ms} ms"));
        Assert.True(report.ServerPeakRssMb > 0);
        await KeptCountsHoldAsync();

        // Signing alone, on notes each officer wrote and confirmed before the clock started.
        var signing = await new LoadRun(new Options(app.BaseUrl, app.TokensFile, 3, 1, "sign", null, null, SignPool: 2), tokens).RunAsync();
        Assert.True(signing.Operations.TryGetValue("sign", out var signed) && signed.Count > 0 && signed.Errors == 0, string.Join("; ", signing.SampleErrors));
    }

    /// <summary>Every file knows its last green note's number (a send confirms drafts from it) and how many movements it has,
    /// generated or written since; only a file's holder has a draft on it; on
    /// PostgreSQL every file has its search words.</summary>
    private Task KeptCountsHoldAsync() => app.WithDbAsync(async db =>
    {
        Assert.True(await db.Files.AnyAsync(f => f.LastNoteNumber > 1));
        Assert.Equal(0, await db.Files.CountAsync(f => f.LastNoteNumber != (db.Notes.Where(n => n.FileId == f.Id && n.IsConfirmed).Max(n => n.Number) ?? 0)));
        // A draft is its author's until the file is sent, which confirms it: only the post that holds the file has one.
        Assert.Equal(0, await db.Notes.CountAsync(n => !n.IsConfirmed && !db.Files.Any(f => f.Id == n.FileId && f.HolderPostId == n.AuthorPostId)));
        Assert.True(await db.Files.AnyAsync(f => f.MovementCount > 2));
        Assert.Equal(0, await db.Files.CountAsync(f => f.MovementCount != db.Movements.Count(m => m.FileId == f.Id)));
        if (TestDatabase.Provider != DatabaseProvider.Postgres) return;
        // The copied files got their search words in bulk (the triggers paused), and the triggers kept them since: every file
        // has its row, equal to its words counted afresh.
        Assert.Equal(0, await db.Database.SqlQueryRaw<int>($"""
            SELECT count(*)::int AS "Value" FROM ({Daftar.Web.Features.Search.FileWords.EveryFileSql}) a LEFT JOIN "FileWords" w ON w."FileId" = a."FileId"
            WHERE w."SearchVector" IS DISTINCT FROM a."SearchVector"
            """).SingleAsync());
        Assert.True(await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_trigger WHERE tgname LIKE 'TR_%_Words' AND tgenabled = 'O'").SingleAsync() == 3);
        // The insert-mostly tables keep their visibility map current (read by index alone), after the generator's bulk load too.
        Assert.Equal(4, await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM pg_class WHERE relname IN ('FileParticipants', 'Movements', 'ReceiptMovements', 'Notes')
            AND 'autovacuum_vacuum_insert_threshold=10000' = ANY (reloptions)
            """).SingleAsync());
    });

    [Fact]
    public async Task Sends_GoToTheOtherVirtualOfficers_SoTheirFilesStayWithThem()
    {
        var users = await LoadUser.ReadAsync(app.TokensFile, 4);
        var posts = users.Select(u => u.PostId!.Value).ToArray();
        Task<int> HeldAsync() => app.WithDbAsync(db => db.Files.CountAsync(f => posts.Contains(f.HolderPostId) && f.Status == Daftar.Files.FileStatus.Open));
        Task<int> AmongThemAsync() => app.WithDbAsync(db => db.Movements.CountAsync(m => m.Kind == Daftar.Files.MovementKind.Sent && posts.Contains(m.FromPostId) && posts.Contains(m.ToPostId)));
        var held = await HeldAsync();
        var amongThem = await AmongThemAsync();
        Assert.True(held > 0);

        var report = await new LoadRun(new Options(app.BaseUrl, app.TokensFile, users.Count, 2, "send", null, null), users).RunAsync();

        Assert.True(report.Operations.TryGetValue("send", out var sent) && sent.Count > 0, string.Join("; ", report.SampleErrors));
        Assert.Equal(0, sent.Errors);
        // Every send went from one of them to another, and their files are as many as before.
        Assert.Equal(amongThem + sent.Count, await AmongThemAsync());
        Assert.Equal(held, await HeldAsync());
    }

    [Fact]
    public async Task AnOfficerWithNothingInTheInbox_WaitsAndIsCounted_InsteadOfAskingForItsInboxUntimed()
    {
        // An account for an employee none of whose posts holds a file.
        await app.WithDbAsync(async db =>
        {
            var employeeId = await db.PostAssignments
                .Where(a => !db.PostAssignments.Any(b => b.EmployeeId == a.EmployeeId && db.Files.Any(f => f.HolderPostId == b.PostId)))
                .Select(a => a.EmployeeId).FirstAsync();
            db.Users.Add(new Daftar.Accounts.Account { UserName = "empty-handed", NormalizedUserName = "EMPTY-HANDED", EmployeeId = employeeId, SecurityStamp = Guid.NewGuid().ToString() });
            await db.SaveChangesAsync();
        });
        var secret = await app.TokenAsync("empty-handed");

        var report = await new LoadRun(new Options(app.BaseUrl, app.TokensFile, 1, 2, "send", null, null), [new LoadUser(secret)]).RunAsync();

        Assert.False(report.Operations.TryGetValue("send", out var sent) && sent.Count > 0);
        // Two seconds, half a second's wait each time: a handful of looks at the inbox, not thousands.
        Assert.InRange(report.EmptyHanded, 1, (long)(2 / LoadRun.EmptyHandedWait.TotalSeconds) + 1);
        var printed = new StringWriter();
        report.Print(printed);
        Assert.Contains("found no file to act on", printed.ToString());
    }

    [Fact]
    public void TheSigningLimit_IsMeasuredBesideOpenSsl()
    {
        var output = new StringWriter();
        var result = SignLimit.Run(0.3, 1, Daftar.Signing.KeyAlgorithm.Rsa2048, Daftar.Signing.KeyAlgorithm.EcdsaP256, output);
        // The harness runs (the rates themselves are the benchmark's business, not a test's: they vary with the machine's load).
        Assert.True(result.OpenSsl > 0 && result.DotNet > 0 && result.Note > 0 && result.Verify > 0, output.ToString());
        Assert.Contains("note signing =", output.ToString());
        Assert.Contains("of OpenSSL's raw rate", output.ToString());
        // Measured in alternating rounds, so that the machine's drift between one rate and its limit cancels.
        Assert.Contains("round 3: openssl speed", output.ToString());
        Assert.Contains("medians of 3 rounds", output.ToString());
    }
}

/// <summary>The database limit beside the HTTP run: the statements of an inbox view and a send, raw (its own generated
/// state, since the raw sends write movements and audit events of their own).</summary>
public class RawLimitTests(GeneratedStateFactory app) : IClassFixture<GeneratedStateFactory>
{
    [Fact]
    public async Task TheDatabaseLimit_RunsTheStatementsOfAnInboxAndASend_OnPostgreSql()
    {
        var posts = await RawDatabase.PostsAsync(app.TokensFile, 3);
        Assert.Equal(3, posts.Count);
        var output = new StringWriter();
        var limits = await RawDatabase.MeasureAsync(app.ConnectionString, posts, posts.Count, 1, output);
        if (TestDatabase.Provider == Daftar.Web.Infrastructure.DatabaseProvider.Postgres)
        {
            // The hand-written statements still match the schema (a renamed column fails them), and both kinds ran.
            Assert.NotNull(limits);
            Assert.True(limits.Inboxes > 0 && limits.Sends > 0, output.ToString());
            Assert.Contains("send", output.ToString());
            // They did a send's work: files moved to another worker's post with a movement each, and the count changes
            // they wrote keep every post's counts equal to a recount (the raw phase used to leave them off: issue #29).
            var moved = await app.WithDbAsync(db => db.Movements.CountAsync(m => m.Kind == Daftar.Files.MovementKind.Sent && m.Remarks == "For approval"
                && posts.Contains(m.FromPostId) && posts.Contains(m.ToPostId) && m.FromPostId != m.ToPostId));
            Assert.True(moved >= limits.Sends, $"{moved} movements for {limits.Sends} sends");
            Assert.Equal(0, await RawDatabase.CountDriftAsync(app.ConnectionString));
            // And it connects as Daftar does: statements prepared, no reset on return, no JIT.
            var connects = new Npgsql.NpgsqlConnectionStringBuilder(RawDatabase.AsDaftarConnects(app.ConnectionString));
            var daftar = new Npgsql.NpgsqlConnectionStringBuilder(Daftar.Web.Infrastructure.DatabaseSettings.Tuned(app.ConnectionString));
            Assert.Equal((daftar.MaxAutoPrepare, daftar.NoResetOnClose, daftar.Options), (connects.MaxAutoPrepare, connects.NoResetOnClose, connects.Options));
        }
        else
        {
            Assert.Null(limits);
            Assert.Contains("measured on PostgreSQL", output.ToString());
        }
    }
}

public class LatencyRecordingTests
{
    [Fact]
    public void ALatencyBeyondTheHistogramsRange_IsRecordedAtItsTop_InsteadOfEndingTheRun()
    {
        // An open loop far past saturation counts from when each request was due: its latencies can outgrow any range.
        var histogram = new LongConcurrentHistogram(1, LoadRun.LongestLatencyMicros, 3);
        LoadRun.Record(histogram, 12_000);
        LoadRun.Record(histogram, LoadRun.LongestLatencyMicros * 5);
        LoadRun.Record(histogram, 0);

        Assert.Equal(3, histogram.TotalCount);
        Assert.True(histogram.GetMaxValue() >= LoadRun.LongestLatencyMicros * 0.999);
        Assert.Equal(1, histogram.GetValueAtPercentile(0));
    }

    [Fact]
    public void AnOperationThatNeverSucceeded_IsReportedWithNoLatency_InsteadOfEndingTheRun()
    {
        // A raw send limit whose workers found no file to send, or an operation whose every request failed.
        var none = new LongConcurrentHistogram(1, LoadRun.LongestLatencyMicros, 3);
        Assert.Equal(0, LoadRun.Milliseconds(none, 95));
        LoadRun.Record(none, 2_500);
        Assert.InRange(LoadRun.Milliseconds(none, 95), 2.49, 2.51);
    }
}

/// <summary><c>generate --scale demo --tokens FILE</c>: the harness runs on the demo organisation too (demo on SQLite is
/// one of docs/performance.md's tables).</summary>
public class DemoHarnessTests(DemoLoadFactory app) : IClassFixture<DemoLoadFactory>
{
    [Fact]
    public async Task TheDemosBusiestSectionOfficers_GetLoadTokens_AndEveryOperationRunsWithoutAnError()
    {
        Assert.Contains("load users' tokens in", app.Output);
        var lines = (await File.ReadAllLinesAsync(app.TokensFile)).Select(l => l.Split(',')).ToList();
        Assert.Equal(20, lines.Count);
        var posts = lines.Select(f => int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(posts.Count, posts.Distinct().Count());
        var (inSection, held) = await app.WithDbAsync(async db => (
            await db.Posts.CountAsync(p => posts.Contains(p.Id) && p.SectionId != null),
            await db.Files.Where(f => posts.Contains(f.HolderPostId)).GroupBy(f => f.HolderPostId).ToDictionaryAsync(g => g.Key, g => g.Count())));
        Assert.Equal(20, inSection);
        // The busiest first: the file counts of the chosen posts never rise down the list.
        var counts = posts.Select(p => held.GetValueOrDefault(p)).ToList();
        Assert.Equal(counts.OrderByDescending(c => c), counts);
        Assert.True(counts[0] > 0);

        var tokens = await LoadUser.ReadAsync(app.TokensFile, 20);
        // Every officer diarises (a post outside a section could not), then the realistic mix.
        var diarise = await new LoadRun(new Options(app.BaseUrl, app.TokensFile, 20, 1, "diarise", null, null), tokens).RunAsync();
        Assert.True(diarise.Operations["diarise"].Count >= 20, $"{diarise.Operations["diarise"].Count} receipts");
        Assert.Equal(0, diarise.Operations["diarise"].Errors);
        var mix = await new LoadRun(new Options(app.BaseUrl, app.TokensFile, 20, 2, "realistic", null, null), tokens).RunAsync();
        Assert.True(mix.Operations.TryGetValue("send", out var sends) && sends.Count > 0, string.Join(", ", mix.Operations.Keys));
        Assert.Equal(0, mix.Operations.Values.Sum(r => r.Errors));
    }
}
