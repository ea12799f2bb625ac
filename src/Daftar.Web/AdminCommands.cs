using System.Globalization;
using Daftar.Accounts;
using Daftar.Data;
using Daftar.Web.Features.People.Import;
using Daftar.Web.Features.Signing;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web;

/// <summary>
/// The administrator's command line: the same program, settings and database as the web application.
/// Every verb answers --help, prints errors a person can act on and exits non-zero on failure.
/// </summary>
public static class AdminCommands
{
    private static readonly string[] Verbs = ["migrate", "seed", "import", "import-tasks", "token", "audit", "pki", "verify-cms", "verify-pdf", "generate", "recount", "backup", "restore", "help", "--help", "-h"];
    private static readonly string[] PkiVerbs = ["status", "renew", "renew-tsa", "revoke", "crl", "publish"];

    private const string Usage = """
        Daftar — e-Office. Usage: ./run.sh [VERB [OPTIONS]]

        Without a verb, Daftar starts the web application (http://127.0.0.1:5080 unless DAFTAR_URLS or --urls say otherwise).

        Verbs:
          migrate                 apply database migrations and exit
          seed                    create the demo organisation if the database has none
          import FILE             import the employee master from CSV or Excel (.xlsx)
          import-tasks FILE       import departments' work-from-home task catalogues from CSV or Excel (.xlsx)
          token create --user CODE [--name NAME] [--days N]
                                  create an API token for an employee code; printed once
          token revoke --user CODE [--name NAME]
                                  revoke a user's tokens (all, or those with NAME)
          audit verify            seal what is pending, then check the audit chain; non-zero exit if anything was changed
          pki status              Daftar's certifying authorities, their CRLs, and how many certificates each issued
          pki renew DEPT          a new issuing CA for a department (key rollover)
          pki renew-tsa           a new timestamp authority with the configured key (ECDSA P-256 unless set)
          pki revoke SERIAL --reason TEXT
                                  revoke an employee's signing certificate and publish the CRL
          pki crl CODE [--out FILE]
                                  write a CA's current CRL (DER) to FILE or standard output ("root" or a department code)
          pki publish             sign and publish fresh CRLs for every CA now
          generate --scale demo|tiny|district|state [--tokens FILE]
                                  fill an empty database with a synthetic state for benchmarks; API tokens of load users to FILE
          recount                 count every post's inbox tabs afresh from the files (after a change made outside Daftar)
          verify-cms PAYLOAD SIGNATURE
                                  check a detached CMS signature (.p7s) over PAYLOAD against Daftar's trust; exit 0 only if valid
          verify-pdf FILE         check every signature of a signed PDF (a letter, an order, minutes); exit 0 only if all are valid
          backup --out FILE [--passphrase-file F]
                                  an encrypted backup of the database, documents and keys, taken while Daftar runs
          restore FILE [--passphrase-file F]
                                  restore a backup into an empty installation, then check the audit chain
          --help                  this text; VERB --help tells more about one verb

        Settings come from appsettings.json, environment variables (Database__Provider, Database__ConnectionString,
        Daftar__DataPath) or --Key=value options.
        """;

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? errors = null)
    {
        var stdout = output ?? Console.Out;
        var stderr = errors ?? Console.Error;
        var verb = args[0];
        if (verb is "help" or "--help" or "-h")
        {
            stdout.WriteLine(Usage);
            return 0;
        }
        var rest = args.Skip(1).ToList();
        if (verb == "audit" && rest.Count > 0 && rest[0] == "verify")
        {
            verb = "audit verify";
            rest.RemoveAt(0);
        }
        if (verb == "pki" && rest.Count > 0 && PkiVerbs.Contains(rest[0]))
        {
            verb = "pki " + rest[0];
            rest.RemoveAt(0);
        }
        if (verb == "token" && rest.Count > 0 && rest[0] is "create" or "revoke")
        {
            verb = "token " + rest[0];
            rest.RemoveAt(0);
        }
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            stdout.WriteLine(VerbHelp(verb));
            return 0;
        }
        if (verb == "audit")
        {
            stderr.WriteLine("audit needs 'verify'. " + VerbHelp("audit verify"));
            return 64;
        }
        if (verb == "pki")
        {
            stderr.WriteLine("pki needs one of: " + string.Join(", ", PkiVerbs) + ". Run ./run.sh --help.");
            return 64;
        }
        if (verb == "token")
        {
            stderr.WriteLine("token needs 'create' or 'revoke'. " + VerbHelp("token create"));
            return 64;
        }

        var (options, settings) = Split(rest);
        try
        {
            if (verb == "restore")
            {
                var restored = await RestoreAsync(settings, options, stdout, stderr);
                if (restored != 0) return restored;
            }
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = settings.ToArray() });
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddDaftarServices(builder.Configuration);
            await using var app = builder.Build();
            await DatabaseStartup.MigrateAsync(app.Services);
            await using var scope = app.Services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            return verb switch
            {
                "migrate" => Done(stdout, "Database is up to date."),
                "seed" => await SeedAsync(sp, stdout),
                "import" => await ImportAsync(sp, options, stdout, stderr),
                "import-tasks" => await ImportTasksAsync(sp, options, stdout, stderr),
                "token create" => await CreateTokenAsync(sp, options, stdout, stderr),
                "token revoke" => await RevokeTokensAsync(sp, options, stdout, stderr),
                "audit verify" => await VerifyAuditAsync(sp, stdout, stderr),
                "pki status" => await PkiCommands.StatusAsync(sp, stdout),
                "pki renew" => await PkiCommands.RenewAsync(sp, options, stdout, stderr),
                "pki renew-tsa" => await PkiCommands.RenewTimestampingAsync(sp, stdout),
                "pki revoke" => await PkiCommands.RevokeAsync(sp, options, stdout, stderr),
                "pki crl" => await PkiCommands.CrlAsync(sp, options, stdout, stderr),
                "pki publish" => await PkiCommands.PublishAsync(sp, stdout),
                "verify-cms" => await PkiCommands.VerifyCmsAsync(sp, options, stdout, stderr),
                "generate" => await GenerateAsync(sp, options, stdout, stderr),
                "recount" => await RecountAsync(sp, stdout),
                "backup" => await BackupAsync(sp, options, stdout, stderr),
                "verify-pdf" => await VerifyPdfAsync(sp, options, stdout, stderr),
                "restore" => await VerifyAuditAsync(sp, stdout, stderr),
                _ => Fail(stderr, $"Unknown verb '{verb}'. Run ./run.sh --help."),
            };
        }
        catch (ConfigurationProblem problem)
        {
            stderr.WriteLine($"Error: {problem.Message}");
            return 2;
        }
    }

    private static string VerbHelp(string verb) => verb switch
    {
        "migrate" => "Usage: ./run.sh migrate\n  Applies pending database migrations to the configured database and exits.",
        "seed" => "Usage: ./run.sh seed\n  Creates the demo organisation (departments, offices, posts, about 60 employees with accounts) if the\n  database has no organisation yet. Running it again changes nothing.",
        "import" => "Usage: ./run.sh import FILE [--valid-rows]\n  Imports the employee master from FILE (.csv or .xlsx). Columns: employee_code, name_en, name_hi, email,\n  mobile, post_code, charge (primary|additional), from_date (YYYY-MM-DD), to_date, designation_code, office_code,\n  section_code, reports_to. Existing employees are updated by employee_code.\n  By default nothing is imported when any row has an error; --valid-rows imports the valid rows and reports the others.",
        "import-tasks" => "Usage: ./run.sh import-tasks FILE [--valid-rows]\n  Imports work-from-home task catalogues from FILE (.csv or .xlsx), for any department. Columns: department, code,\n  name_en, name_hi, sections (codes, ';'), facts (names, ';'), note, performers (DESIGNATION:OfficeType, ';').\n  A task already in the department's catalogue (same code) is updated.\n  By default nothing is imported when any row has an error; --valid-rows imports the valid rows and reports the others.",
        "token create" => "Usage: ./run.sh token create --user CODE [--name NAME] [--days N]\n  Creates an API token for the account with employee code CODE and prints it once. --days sets an expiry.",
        "audit verify" => "Usage: ./run.sh audit verify\n  Seals audit events that are waiting, then recomputes the whole hash chain. Exits 0 only when no event\n  was changed, inserted or deleted.",
        "pki status" => "Usage: ./run.sh pki status\n  Lists Daftar's root, timestamp and department CAs with their validity and CRLs.",
        "pki renew" => "Usage: ./run.sh pki renew DEPT\n  Creates a new issuing CA for department DEPT; the old one stops issuing, and what it issued keeps verifying.",
        "pki renew-tsa" => "Usage: ./run.sh pki renew-tsa\n  Creates a new timestamp authority with Signing:TimestampKeyAlgorithm's key; the old one stops stamping, and what it stamped keeps verifying.",
        "pki revoke" => "Usage: ./run.sh pki revoke SERIAL --reason TEXT\n  Revokes the signing certificate with serial SERIAL (hex) and publishes its CA's CRL at once.",
        "pki crl" => "Usage: ./run.sh pki crl CODE [--out FILE]\n  Writes the current CRL (DER) of CA CODE ('root' or a department code); refreshes it first if it is due.",
        "pki publish" => "Usage: ./run.sh pki publish\n  Signs and publishes fresh CRLs for every CA.",
        "generate" => "Usage: ./run.sh generate --scale demo|tiny|district|state [--tokens FILE]\n  Fills an EMPTY database with a synthetic organisation, files, movements, notes, receipts and their sealed\n  audit events (PostgreSQL: COPY, indexes built after). district is about 1/30 of Rajasthan's RajKaj, state all of it.\n  Accounts and API tokens for the busiest posts go to FILE (token,employee,post per line) for bench/load.\n  demo seeds the demo organisation instead; with --tokens its 20 busiest section officers get load tokens.",
        "recount" => "Usage: ./run.sh recount\n  Counts every post's inbox tabs (new, opened, sent, created, parked, closed) afresh from the files. Daftar keeps\n  these counts as files move; recount after anything changed the files outside Daftar. Run it while Daftar is stopped.",
        "verify-cms" => "Usage: ./run.sh verify-cms PAYLOAD SIGNATURE\n  Verifies the detached CMS signature in SIGNATURE (DER .p7s) over the file PAYLOAD: content, chain to\n  Daftar's root (or a configured anchor), revocation and timestamp. Exit code 0 only when the signature is valid.",
        "verify-pdf" => "Usage: ./run.sh verify-pdf FILE\n  Checks every signature in the PDF FILE against Daftar's roots and revocation lists: the signed bytes, the\n  certificate chain, revocation at signing time (from the timestamp) and now, and whether anything but later\n  signatures changed the document afterwards. Exit code 0 only when the PDF has signatures and every one is valid.",
        "backup" => "Usage: ./run.sh backup --out FILE [--passphrase-file F]\n  Writes one encrypted file with a consistent snapshot of the database, every document and the master key that\n  protects the CA and signing keys, while Daftar keeps running. The passphrase (12 characters or more) is read from F\n  or the environment variable DAFTAR_BACKUP_PASSPHRASE, never from the command line. The file is an OpenPGP message:\n  gpg --decrypt opens it too. Keep the passphrase apart from the backup.",
        "restore" => "Usage: ./run.sh restore FILE [--passphrase-file F]\n  Restores a backup into an EMPTY installation (a new database with no tables, an empty data folder): checks the\n  whole archive first, then puts the database, documents and master key in place, applies newer migrations and\n  verifies the audit chain. Exit code 0 only when all of that succeeded.",
        "token revoke" => "Usage: ./run.sh token revoke --user CODE [--name NAME]\n  Revokes the user's API tokens, or only those named NAME.",
        _ => Usage,
    };

    /// <summary>Verb options (--user X) apart from settings (--Database:Provider=Postgres).</summary>
    private static (Dictionary<string, string?> Options, List<string> Settings) Split(List<string> args)
    {
        var options = new Dictionary<string, string?>();
        var settings = new List<string>();
        var positional = 0;
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a.StartsWith("--", StringComparison.Ordinal) && (a.Contains(':') || a.Contains('=')))
                settings.Add(a);
            else if (a.StartsWith("--", StringComparison.Ordinal))
                options[a[2..]] = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            else
                options[$"arg{positional++}"] = a;
        }
        return (options, settings);
    }

    private static int Done(TextWriter output, string message)
    {
        output.WriteLine(message);
        return 0;
    }

    internal static int Fail(TextWriter errors, string message) => CommandLine.Fail(errors, message);

    private static async Task<int> GenerateAsync(IServiceProvider sp, Dictionary<string, string?> options, TextWriter output, TextWriter errors)
    {
        if (SyntheticData.Find() is not { } generator)
            return Fail(errors, $"The data generator is bench tooling and not part of this installation: build bench/Daftar.Generator and put {SyntheticData.AssemblyFile} beside Daftar.Web.dll (./run.sh and bench/load.sh do).");
        var name = options.GetValueOrDefault("scale");
        if (name == "demo") return await SeedDemoAsync(sp, generator, options.GetValueOrDefault("tokens"), output);
        try
        {
            if (await generator.GenerateAsync(sp, name, output.WriteLine, CancellationToken.None) is not { } outcome)
                return Fail(errors, "Choose --scale demo, tiny, district or state.");
            if (options.GetValueOrDefault("tokens") is { } file) await File.WriteAllLinesAsync(file, outcome.TokenLines);
            output.WriteLine($"Generated in {outcome.Elapsed.TotalSeconds:0.0} s.{(options.ContainsKey("tokens") ? $" Load users' tokens in {options["tokens"]}." : "")}");
            return 0;
        }
        catch (InvalidOperationException ex)
        {
            return Fail(errors, ex.Message);
        }
    }

    private static async Task<int> SeedAsync(IServiceProvider sp, TextWriter output)
    {
        var outcome = await sp.GetRequiredService<Daftar.Web.Features.Demo.DemoOrganisation>().SeedAsync();
        await sp.GetRequiredService<Daftar.Web.Features.Signing.Pki>().EnsureAsync(CancellationToken.None);
        await DaftarStartup.PrintDemoAccountsAsync(sp.GetRequiredService<DaftarDb>(), outcome.Seeded, output);
        return 0;
    }

    /// <summary>The demo organisation, and with --tokens the load generator's users on it (its busiest officers).</summary>
    private static async Task<int> SeedDemoAsync(IServiceProvider sp, ISyntheticData generator, string? tokensFile, TextWriter output)
    {
        var seeded = await SeedAsync(sp, output);
        if (tokensFile is null) return seeded;
        var lines = await generator.DemoLoadUsersAsync(sp, DemoLoadUserCount, CancellationToken.None);
        await File.WriteAllLinesAsync(tokensFile, lines);
        output.WriteLine($"{lines.Count} load users' tokens in {tokensFile}.");
        return seeded;
    }

    private const int DemoLoadUserCount = 20;

    private static async Task<int> ImportAsync(IServiceProvider sp, Dictionary<string, string?> options, TextWriter output, TextWriter errors)
    {
        if (!options.TryGetValue("arg0", out var path) || path is null)
            return Fail(errors, "Name the file to import: ./run.sh import employees.csv");
        if (!File.Exists(path))
            return Fail(errors, $"File '{path}' does not exist.");
        var mode = options.ContainsKey("valid-rows") ? ImportMode.ValidRows : ImportMode.AllOrNothing;
        var importer = sp.GetRequiredService<EmployeeImporter>();
        await using var stream = File.OpenRead(path);
        var report = await importer.ImportAsync(stream, Path.GetFileName(path), mode, Progress(output), CancellationToken.None);
        foreach (var e in report.Errors.Take(200))
            errors.WriteLine(e.Row is null ? $"  {e.Text}" : $"  row {e.Row}, column {e.Column}: {e.Text}");
        if (report.Errors.Count > 200) errors.WriteLine($"  … and {report.Errors.Count - 200} more errors.");
        output.WriteLine(report.Summary(CultureInfo.InvariantCulture));
        return report.Errors.Count == 0 ? 0 : 1;
    }

    private static async Task<int> ImportTasksAsync(IServiceProvider sp, Dictionary<string, string?> options, TextWriter output, TextWriter errors)
    {
        if (options.GetValueOrDefault("arg0") is not { Length: > 0 } path) return Fail(errors, "Name the file to import: ./run.sh import-tasks tasks.csv");
        if (!File.Exists(path)) return Fail(errors, $"File '{path}' does not exist.");
        var mode = options.ContainsKey("valid-rows") ? ImportMode.ValidRows : ImportMode.AllOrNothing;
        await using var stream = File.OpenRead(path);
        var answer = await sp.GetRequiredService<Daftar.Web.Features.WorkFromHome.ImportTasks>()
            .ImportAsync(stream, Path.GetFileName(path), mode, _ => true, Progress(output), CancellationToken.None);
        foreach (var e in answer.Errors.Take(200))
            errors.WriteLine(e.Row is null ? $"  {e.Message}" : $"  row {e.Row}, column {e.Column}: {e.Message}");
        if (answer.Errors.Count > 200) errors.WriteLine($"  … and {answer.Errors.Count - 200} more errors.");
        output.WriteLine(answer.Applied
            ? $"{answer.Rows} rows: {answer.Created} tasks created, {answer.Updated} updated{(answer.RowsWithErrors > 0 ? $", {answer.RowsWithErrors} rows left out for errors" : "")} ({answer.Seconds:0.0} s)."
            : $"{answer.Rows} rows, {answer.RowsWithErrors} with errors: nothing was imported (use --valid-rows to import the others).");
        return answer.Errors.Count == 0 ? 0 : 1;
    }

    /// <summary>Each stage of an import on the terminal as it happens (not posted to the thread pool), at most every tenth of the way.</summary>
    private static IProgress<ImportProgress> Progress(TextWriter output)
    {
        var lastPercent = -10;
        var lastStage = "";
        return new Printed(p =>
        {
            var percent = p.Total == 0 ? 0 : p.Done * 100 / p.Total;
            if (p.Stage == lastStage && percent < lastPercent + 10) return;
            (lastStage, lastPercent) = (p.Stage, percent);
            output.WriteLine($"  {p.Stage}: {p.Done}/{p.Total}");
        });
    }

    private sealed class Printed(Action<ImportProgress> print) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => print(value);
    }

    private static async Task<int> VerifyPdfAsync(IServiceProvider sp, Dictionary<string, string?> options, TextWriter output, TextWriter errors)
    {
        if (options.GetValueOrDefault("arg0") is not { Length: > 0 } file) return Fail(errors, "Say which PDF to check: ./run.sh verify-pdf FILE.");
        if (!File.Exists(file)) return Fail(errors, $"There is no file {file}.");
        var result = await sp.GetRequiredService<Daftar.Web.Features.Letters.LetterVerification>().CheckAsync(await File.ReadAllBytesAsync(file), CancellationToken.None);
        if (result.Signatures.Count == 0) return Fail(errors, $"{file} carries no digital signature that Daftar can read.");
        foreach (var s in result.Signatures)
        {
            var when = s.SignedAt is { } at ? Localisation.Time(at) + " IST (timestamp)" : "no timestamp";
            output.WriteLine($"Signature {s.Index}: {(s.Valid ? "VALID" : s.RevocationUnknown ? "REVOCATION NOT CHECKED" : "NOT VALID")} — {s.Signer ?? s.CertificateSubject}, {s.Designation}, {s.Department}; signed {when}; " +
                             $"certificate {s.StatusThen.ToString().ToLowerInvariant()} then, {s.StatusNow.ToString().ToLowerInvariant()} now; {(s.ChangedAfter ? "document CHANGED after this signature" : "unchanged since")}");
            if (s.Problem is not null) output.WriteLine($"  {s.Problem}");
        }
        output.WriteLine(result.AllValid ? $"All {result.Signatures.Count} signatures are valid."
            : result.RevocationUnknown ? "The signatures match the document, but whether a signer's certificate was revoked could not be checked."
            : "At least one signature is NOT valid.");
        return result.AllValid ? 0 : 1;
    }

    private static string? Passphrase(Dictionary<string, string?> options, TextWriter errors)
    {
        if (options.TryGetValue("passphrase-file", out var file))
        {
            if (file is null || !File.Exists(file))
            {
                errors.WriteLine($"Error: the passphrase file {file} does not exist.");
                return null;
            }
            return File.ReadAllText(file).TrimEnd('\r', '\n');
        }
        if (Environment.GetEnvironmentVariable("DAFTAR_BACKUP_PASSPHRASE") is { Length: > 0 } fromEnvironment) return fromEnvironment;
        errors.WriteLine("Error: give the backup passphrase with --passphrase-file F or the environment variable DAFTAR_BACKUP_PASSPHRASE.");
        return null;
    }

    private static async Task<int> BackupAsync(IServiceProvider sp, Dictionary<string, string?> options, TextWriter output, TextWriter errors)
    {
        if (options.GetValueOrDefault("out") is not { Length: > 0 } file) return Fail(errors, "Say where to write the backup: --out FILE.");
        if (Passphrase(options, errors) is not { } passphrase) return 64;
        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var manifest = await Backups.TakeAsync(sp.GetRequiredService<IConfiguration>(), Path.GetFullPath(file), passphrase, output.WriteLine, CancellationToken.None);
            output.WriteLine($"Backup written to {file} ({new FileInfo(file).Length / 1024} KB, {manifest.Documents} documents) in {started.Elapsed.TotalSeconds:0.0} s.");
            return 0;
        }
        catch (BackupProblem problem)
        {
            return Fail(errors, problem.Message);
        }
    }

    /// <summary>Puts the backup in place before the application is built (which would migrate and fill an empty database).</summary>
    private static async Task<int> RestoreAsync(List<string> settings, Dictionary<string, string?> options, TextWriter output, TextWriter errors)
    {
        if (options.GetValueOrDefault("arg0") is not { Length: > 0 } file) return Fail(errors, "Say which backup to restore: ./run.sh restore FILE.");
        if (Passphrase(options, errors) is not { } passphrase) return 64;
        var config = WebApplication.CreateBuilder(new WebApplicationOptions { Args = settings.ToArray() }).Configuration;
        try
        {
            var manifest = await Backups.RestoreAsync(config, Path.GetFullPath(file), passphrase, output.WriteLine, CancellationToken.None);
            output.WriteLine($"Restored the backup of {manifest.CreatedAt:yyyy-MM-dd HH:mm} UTC: database, {manifest.Documents} documents, master key. Checking the audit chain…");
            return 0;
        }
        catch (BackupProblem problem)
        {
            return Fail(errors, problem.Message);
        }
    }

    private static async Task<int> RecountAsync(IServiceProvider sp, TextWriter output)
    {
        var db = sp.GetRequiredService<DaftarDb>();
        await Daftar.Files.InboxCounting.RebuildAsync(db, CancellationToken.None);
        output.WriteLine($"Inbox counts of {await db.InboxCounts.CountAsync():N0} posts recounted from the files.");
        return 0;
    }

    private static async Task<int> VerifyAuditAsync(IServiceProvider sp, TextWriter output, TextWriter errors)
    {
        var chain = sp.GetRequiredService<AuditChain>();
        while (await chain.SealAsync(CancellationToken.None) == AuditChain.BatchSize) { }
        var report = await chain.VerifyAsync(CancellationToken.None);
        foreach (var problem in report.Problems) errors.WriteLine($"  {problem}");
        output.WriteLine(report.Intact
            ? $"Audit chain intact: {report.Sealed} events, {report.Unsealed} waiting to be sealed."
            : $"Audit chain BROKEN: {report.Problems.Count} problem(s) in {report.Sealed} events.");
        return report.Intact ? 0 : 1;
    }

    private static async Task<int> CreateTokenAsync(IServiceProvider sp, Dictionary<string, string?> options, TextWriter output, TextWriter errors)
    {
        if (!options.TryGetValue("user", out var code) || string.IsNullOrWhiteSpace(code))
            return Fail(errors, "Say whose token it is: ./run.sh token create --user RJ100014");
        var db = sp.GetRequiredService<DaftarDb>();
        var account = await db.Users.SingleOrDefaultAsync(a => a.NormalizedUserName == code.ToUpperInvariant());
        if (account is null) return Fail(errors, $"No account has the employee code '{code}'.");
        int? days = null;
        if (options.TryGetValue("days", out var d))
        {
            if (!int.TryParse(d, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 3650)
                return Fail(errors, "--days must be a whole number from 1 to 3650.");
            days = n;
        }
        var name = options.GetValueOrDefault("name") ?? "command line";
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        // Made by the operator on the server itself: that access stands in for the second factor (docs/security.md).
        var (token, secret) = ApiToken.Issue(account, name, now, days is null ? null : now.AddDays(days.Value), secondFactor: true);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        output.WriteLine($"API token '{name}' for {account.UserName}{(days is null ? "" : $", valid for {days} days")}. It is shown only now:");
        output.WriteLine(secret);
        return 0;
    }

    private static async Task<int> RevokeTokensAsync(IServiceProvider sp, Dictionary<string, string?> options, TextWriter output, TextWriter errors)
    {
        if (!options.TryGetValue("user", out var code) || string.IsNullOrWhiteSpace(code))
            return Fail(errors, "Say whose tokens to revoke: ./run.sh token revoke --user RJ100014");
        var db = sp.GetRequiredService<DaftarDb>();
        var name = options.GetValueOrDefault("name");
        var tokens = await db.ApiTokens.Where(t => t.Account.NormalizedUserName == code.ToUpperInvariant() && t.RevokedAt == null)
            .Where(t => name == null || t.Name == name).ToListAsync();
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        tokens.ForEach(t => t.Revoke(now));
        await db.SaveChangesAsync();
        output.WriteLine($"Revoked {tokens.Count} token(s).");
        return 0;
    }
}
