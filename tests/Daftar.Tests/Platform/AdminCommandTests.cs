using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Daftar.Tests.Infrastructure;
using Daftar.Web;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.Platform;

public class AdminCommandTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await AdminCommands.RunAsync(args, output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    private string[] Db(string connectionString) =>
        [$"--Database:Provider={TestDatabase.Provider}", $"--Database:ConnectionString={connectionString}"];

    [Fact]
    public async Task Help_ListsEveryVerb_AndEachVerbHasItsOwnHelp()
    {
        var (code, output, _) = await RunAsync("--help");
        Assert.Equal(0, code);
        foreach (var verb in new[] { "migrate", "seed", "import FILE", "token create", "token revoke" }) Assert.Contains(verb, output);
        foreach (var verb in new[] { new[] { "migrate", "--help" }, ["seed", "--help"], ["import", "--help"], ["token", "create", "--help"] })
        {
            var (verbCode, verbOutput, _) = await RunAsync(verb);
            Assert.Equal(0, verbCode);
            Assert.StartsWith("Usage: ./run.sh " + verb[0], verbOutput);
        }
    }

    [Fact]
    public async Task MigrateThenSeed_OnAnEmptyDatabase_BuildsTheDemo_AndSeedingTwiceChangesNothing()
    {
        var empty = await TestDatabase.CreateEmptyAsync(app.DataPath);
        var migrate = await RunAsync(["migrate", .. Db(empty)]);
        Assert.Equal(0, migrate.Code);
        Assert.Contains("Database is up to date.", migrate.Out);
        var seed = await RunAsync(["seed", .. Db(empty)]);
        Assert.Equal(0, seed.Code);
        Assert.Contains("Demo organisation created.", seed.Out);
        Assert.Contains("RJ100014", seed.Out);
        Assert.Contains("Daftar@2026", seed.Out);
        var again = await RunAsync(["seed", .. Db(empty)]);
        Assert.Contains("already present", again.Out);
    }

    private static readonly System.Text.Json.JsonSerializerOptions InboxJson =
        new(System.Text.Json.JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Fact]
    public async Task Recount_RepairsInboxCountsChangedOutsideDaftar()
    {
        _ = app.Server;
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var right = (await clerk.GetFromJsonAsync<Daftar.Web.Features.Files.Inbox>("/api/inbox?tab=opened", InboxJson))!.Counts;
        var post = await app.PostIdAsync("LDC-DOIT-GR1");
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"INSERT INTO \"InboxCountChanges\" (\"PostId\", \"New\", \"Opened\", \"Parked\", \"Closed\", \"Sent\", \"Created\") VALUES ({post}, 5, -1, 2, 0, 7, 1)"));
        Assert.NotEqual(right, (await clerk.GetFromJsonAsync<Daftar.Web.Features.Files.Inbox>("/api/inbox?tab=opened", InboxJson))!.Counts);

        var (code, output, _) = await RunAsync(["recount", .. Db(app.ConnectionString)]);
        Assert.Equal(0, code);
        Assert.Contains("recounted", output);
        Assert.Equal(right, (await clerk.GetFromJsonAsync<Daftar.Web.Features.Files.Inbox>("/api/inbox?tab=opened", InboxJson))!.Counts);
    }

    [Fact]
    public async Task TokenCreate_PrintsATokenThatOpensTheApi_AndRevokeClosesIt()
    {
        _ = app.Server;
        var (code, output, _) = await RunAsync(["token", "create", "--user", Demo.Collector, "--name", "cli", "--days", "5", .. Db(app.ConnectionString)]);
        Assert.Equal(0, code);
        var token = output.Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith("dft_"));
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);

        var revoke = await RunAsync(["token", "revoke", "--user", Demo.Collector, "--name", "cli", .. Db(app.ConnectionString)]);
        Assert.Equal(0, revoke.Code);
        // The running server kept who the token is; it notices the verb's change within a second (ADR 0018).
        var refused = await client.GetAsync("/api/me");
        for (var waited = 0; refused.StatusCode == HttpStatusCode.OK && waited < 30; waited++)
        {
            await Task.Delay(100);
            refused = await client.GetAsync("/api/me");
        }
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task TokenCreate_ForAnUnknownUserOrBadDays_FailsWithAMessage()
    {
        var unknown = await RunAsync(["token", "create", "--user", "NOBODY", .. Db(app.ConnectionString)]);
        Assert.Equal(1, unknown.Code);
        Assert.Contains("No account has the employee code 'NOBODY'.", unknown.Err);
        var days = await RunAsync(["token", "create", "--user", Demo.Clerk, "--days", "lots", .. Db(app.ConnectionString)]);
        Assert.Equal(1, days.Code);
        Assert.Contains("--days", days.Err);
        var missing = await RunAsync(["token", "create", .. Db(app.ConnectionString)]);
        Assert.Equal(1, missing.Code);
    }

    [Fact]
    public async Task Import_ReportsBadRows_AndExitsNonZero_ThenImportsAGoodFile()
    {
        var bad = Path.Combine(app.DataPath, "bad.csv");
        await File.WriteAllTextAsync(bad, "employee_code,name_en,name_hi\nRJ777001,Good,अच्छा\nRJ777002,,खराब\n", Encoding.UTF8);
        var result = await RunAsync(["import", bad, .. Db(app.ConnectionString)]);
        Assert.Equal(1, result.Code);
        Assert.Contains("row 3, column name_en", result.Err);
        Assert.Contains("Nothing was imported", result.Out);

        var good = Path.Combine(app.DataPath, "good.csv");
        await File.WriteAllTextAsync(good, "employee_code,name_en,name_hi\nRJ777001,Good,अच्छा\n", Encoding.UTF8);
        var ok = await RunAsync(["import", good, .. Db(app.ConnectionString)]);
        Assert.Equal(0, ok.Code);
        Assert.Contains("1 employees created", ok.Out);

        var missing = await RunAsync(["import", "/no/such/file.csv", .. Db(app.ConnectionString)]);
        Assert.Equal(1, missing.Code);
        Assert.Contains("does not exist", missing.Err);
    }

    [Fact]
    public async Task ImportTasks_FromTheCommandLine_IsAllOrNothing_OrTheValidRows_AndShowsItsProgress()
    {
        var file = Path.Combine(app.DataPath, "tasks.csv");
        await File.WriteAllTextAsync(file, """
            department,code,name_en,name_hi,sections,facts,note,performers
            DOIT,CLI-1,Video conference support,वीडियो कॉन्फ्रेंस सहायता,GR-1,OnEFile,,ASO:Secretariat
            DOIT,CLI-2,Server room rounds,सर्वर कक्ष निरीक्षण,GR-1,SpecialEquipment;Teleportation,,
            """, Encoding.UTF8);
        Task<int> TasksAsync() => app.WithDbAsync(db => db.WorkTasks.CountAsync(t => t.Code.StartsWith("CLI-")));

        var refused = await RunAsync(["import-tasks", file, .. Db(app.ConnectionString)]);
        Assert.Equal(1, refused.Code);
        Assert.Contains("row 3, column facts", refused.Err);
        Assert.Contains("nothing was imported", refused.Out);
        Assert.Equal(0, await TasksAsync());

        var valid = await RunAsync(["import-tasks", file, "--valid-rows", .. Db(app.ConnectionString)]);
        Assert.Equal(1, valid.Code);   // errors were reported, even though the good row went in
        Assert.Contains("Reading: 0/1", valid.Out);
        Assert.Contains("Checking: 2/2", valid.Out);
        Assert.Contains("Saving: 1/1", valid.Out);
        Assert.Contains("2 rows: 1 tasks created, 0 updated, 1 rows left out for errors", valid.Out);
        Assert.Equal(1, await TasksAsync());

        var help = await RunAsync("import-tasks", "--help");
        Assert.StartsWith("Usage: ./run.sh import-tasks FILE [--valid-rows]", help.Out);
        Assert.Contains("does not exist", (await RunAsync(["import-tasks", "/no/such/tasks.csv", .. Db(app.ConnectionString)])).Err);
    }

    [Fact]
    public async Task WrongConnectionString_GivesOneClearMessage_NotAStackTrace()
    {
        var (code, _, err) = await RunAsync("migrate", "--Database:Provider=Postgres",
            "--Database:ConnectionString=Host=127.0.0.1;Port=1;Database=daftar;Username=daftar;Password=secret;Timeout=2");
        Assert.Equal(2, code);
        Assert.Contains("Cannot open the database", err);
        Assert.Contains("Database:ConnectionString", err);
        Assert.DoesNotContain("secret", err);
        Assert.DoesNotContain("   at ", err);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        var provider = await RunAsync("migrate", "--Database:Provider=Oracle");
        Assert.Equal(2, provider.Code);
        Assert.Contains("Use 'Sqlite' (the default) or 'Postgres'", provider.Err);
    }
}
