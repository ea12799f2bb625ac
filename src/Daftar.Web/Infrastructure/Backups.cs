using System.Diagnostics;
using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Security;

namespace Daftar.Web.Infrastructure;

/// <summary>A backup or restore that cannot go on, with a message the operator can act on.</summary>
public sealed class BackupProblem(string message, Exception? inner = null) : Exception(message, inner);

public sealed record BackupManifest(string Format, DateTimeOffset CreatedAt, string Provider, string DatabaseEntry, string DatabaseSha256,
    string MasterKeySha256, int Documents, long DocumentBytes);

/// <summary>
/// Whole-installation backups: the database (a consistent snapshot taken while Daftar runs: SQLite's VACUUM INTO,
/// PostgreSQL's pg_dump), every document in the blob store, and the master key that opens the CA and signing keys.
/// They travel as one tar archive inside an OpenPGP message encrypted with a passphrase (AES-256, SHA-256 S2K at the
/// highest iteration count, integrity-protected), so that a backup can also be opened with gpg years later. See ADR 0011.
/// </summary>
public static partial class Backups
{
    public const string Format = "daftar-backup/1";
    public const int MinimumPassphraseLength = 12;
    private const string ManifestEntry = "manifest.json";
    private const string KeyEntry = "keys/master.key";
    private const string SqliteEntry = "database/daftar.db";
    private const string PostgresEntry = "database/daftar.pgdump";
    private const int Buffer = 1 << 16;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    [GeneratedRegex("^documents/([0-9a-f]{2})/([0-9a-f]{2})/(?<hash>[0-9a-f]{64})$")]
    private static partial Regex DocumentEntry();

    public static void CheckPassphrase(string? passphrase)
    {
        if (string.IsNullOrEmpty(passphrase) || passphrase.Length < MinimumPassphraseLength)
            throw new BackupProblem($"The backup passphrase must have at least {MinimumPassphraseLength} characters.");
    }

    /// <summary>Writes an encrypted backup of the installation that <paramref name="config"/> describes to <paramref name="outPath"/>.</summary>
    public static async Task<BackupManifest> TakeAsync(IConfiguration config, string outPath, string passphrase, Action<string> progress, CancellationToken ct)
    {
        CheckPassphrase(passphrase);
        var settings = DatabaseSettings.From(config);
        var blobs = BlobsPath(config);
        var staging = Directory.CreateTempSubdirectory("daftar-backup-").FullName;   // 0700: the plain dump never lies open to others
        var partial = outPath + ".partial";
        try
        {
            progress("Taking a snapshot of the database…");
            var (dbEntry, dbFile) = await SnapshotDatabaseAsync(settings, staging, ct);
            var masterKey = MasterKeyFile.Read(config);

            progress("Writing the encrypted archive…");
            BackupManifest manifest;
            var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, BufferSize = Buffer };
            if (!OperatingSystem.IsWindows()) fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await using (var output = new FileStream(partial, fileOptions))
            {
                var encryption = new PgpEncryptedDataGenerator(SymmetricKeyAlgorithmTag.Aes256, true, new SecureRandom());
                encryption.AddMethodUtf8(passphrase.ToCharArray(), HashAlgorithmTag.Sha256, 0xFF);
                await using var encrypted = encryption.Open(output, new byte[Buffer]);
                await using var compressed = new PgpCompressedDataGenerator(CompressionAlgorithmTag.Zip).Open(encrypted, new byte[Buffer]);
                await using var literal = new PgpLiteralDataGenerator().Open(compressed, PgpLiteralData.Binary, "daftar-backup.tar", DateTime.UtcNow, new byte[Buffer]);
                await using var tar = new TarWriter(literal, TarEntryFormat.Pax, leaveOpen: true);
                await tar.WriteEntryAsync(dbFile, dbEntry, ct);
                await WriteBytesAsync(tar, KeyEntry, masterKey, ct);
                // Documents never change once stored (content-addressed), and each is on disk before the row naming it
                // commits, so every document the snapshot refers to is here; a few newer ones do no harm.
                int documents = 0;
                long documentBytes = 0;
                if (Directory.Exists(blobs))
                {
                    foreach (var path in Directory.EnumerateFiles(blobs, "*", SearchOption.AllDirectories))
                    {
                        var entry = "documents/" + Path.GetRelativePath(blobs, path).Replace('\\', '/');
                        if (!DocumentEntry().IsMatch(entry)) continue;   // the tmp folder of uploads under way
                        await tar.WriteEntryAsync(path, entry, ct);
                        documents++;
                        documentBytes += new FileInfo(path).Length;
                        if (documents % 1000 == 0) progress($"  {documents} documents…");
                    }
                }
                manifest = new BackupManifest(Format, DateTimeOffset.UtcNow, settings.Provider.ToString(), dbEntry,
                    await Sha256OfFileAsync(dbFile, ct), Convert.ToHexStringLower(SHA256.HashData(masterKey)), documents, documentBytes);
                await WriteBytesAsync(tar, ManifestEntry, JsonSerializer.SerializeToUtf8Bytes(manifest, Json), ct);
                progress($"  database {new FileInfo(dbFile).Length / 1024} KB, {documents} documents ({documentBytes / 1024} KB), master key.");
            }
            // Only a complete archive (integrity packet written, every stream closed) takes the name asked for.
            File.Move(partial, outPath, overwrite: true);
            return manifest;
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
            if (File.Exists(partial)) File.Delete(partial);
        }
    }

    /// <summary>
    /// Restores a backup into the EMPTY installation that <paramref name="config"/> describes: no tables in its database,
    /// no documents, no master key. The archive is decrypted and checked in full before anything is put in place.
    /// </summary>
    public static async Task<BackupManifest> RestoreAsync(IConfiguration config, string inPath, string passphrase, Action<string> progress, CancellationToken ct)
    {
        if (!File.Exists(inPath)) throw new BackupProblem($"There is no backup at {inPath}.");
        var settings = DatabaseSettings.From(config);
        var dataPath = DatabaseSettings.DataPath(config);
        var blobs = BlobsPath(config);
        var keyPath = MasterKeyFile.PathOf(config);
        await EnsureEmptyAsync(settings, blobs, keyPath, ct);

        Directory.CreateDirectory(dataPath);
        var staging = Path.Combine(dataPath, $".restore-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            progress("Decrypting and checking the backup…");
            var manifest = Unpack(inPath, passphrase, staging, ct);
            if (!string.Equals(manifest.Provider, settings.Provider.ToString(), StringComparison.OrdinalIgnoreCase))
                throw new BackupProblem($"This backup holds a {manifest.Provider} database, but this installation is set up for {settings.Provider}. " +
                                        $"Set Database:Provider={manifest.Provider} (and its connection string) and run restore again.");
            var dbFile = Path.Combine(staging, manifest.DatabaseEntry);
            if (await Sha256OfFileAsync(dbFile, ct) != manifest.DatabaseSha256) throw Damaged("the database in it does not match its manifest");
            var key = await File.ReadAllBytesAsync(Path.Combine(staging, KeyEntry), ct);
            if (Convert.ToHexStringLower(SHA256.HashData(key)) != manifest.MasterKeySha256) throw Damaged("the master key in it does not match its manifest");
            if (config["Signing:MasterKey"] is { Length: > 0 } configured && !Convert.FromBase64String(configured).AsSpan().SequenceEqual(key))
                throw new BackupProblem("Signing:MasterKey is set to a different key than the one this backup's keys are protected with. " +
                                        "Remove the setting (the key is then restored to the data folder) or set it to the backup's key.");
            var documents = Directory.Exists(Path.Combine(staging, "documents"))
                ? Directory.GetFiles(Path.Combine(staging, "documents"), "*", SearchOption.AllDirectories) : [];
            if (documents.Length != manifest.Documents) throw Damaged($"it should hold {manifest.Documents} documents but holds {documents.Length}");
            foreach (var document in documents)
                if (await Sha256OfFileAsync(document, ct) != Path.GetFileName(document)) throw Damaged($"document {Path.GetFileName(document)} does not match its hash");

            progress($"Restoring the database ({manifest.Provider}, taken {manifest.CreatedAt:yyyy-MM-dd HH:mm} UTC)…");
            await RestoreDatabaseAsync(settings, dbFile, ct);
            progress($"Restoring {documents.Length} documents and the master key…");
            foreach (var document in documents)
            {
                var hash = Path.GetFileName(document);
                var target = Path.Combine(blobs, hash[..2], hash[2..4], hash);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(document, target);
            }
            if (config["Signing:MasterKey"] is not { Length: > 0 }) WriteMasterKey(keyPath, key);
            return manifest;
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private static string BlobsPath(IConfiguration config) => Path.Combine(DatabaseSettings.DataPath(config), "blobs");

    private static BackupProblem Damaged(string why, Exception? inner = null) =>
        new($"The backup is damaged or was changed after it was written ({why}). Nothing was restored.", inner);

    /// <summary>Decrypts and unpacks the archive into <paramref name="staging"/>, checking the OpenPGP integrity packet at the end.</summary>
    private static BackupManifest Unpack(string inPath, string passphrase, string staging, CancellationToken ct)
    {
        using var input = File.OpenRead(inPath);
        PgpPbeEncryptedData encrypted;
        Stream clear;
        try
        {
            var factory = new PgpObjectFactory(PgpUtilities.GetDecoderStream(input));
            var first = factory.NextPgpObject();
            if (first is PgpMarker) first = factory.NextPgpObject();
            encrypted = (first as PgpEncryptedDataList)?.GetEncryptedDataObjects().OfType<PgpPbeEncryptedData>().FirstOrDefault()
                ?? throw new BackupProblem($"{Path.GetFileName(inPath)} is not a Daftar backup (no passphrase-encrypted OpenPGP message).");
            clear = encrypted.GetDataStreamUtf8(passphrase.ToCharArray());
        }
        catch (PgpDataValidationException)
        {
            throw new BackupProblem("The passphrase does not open this backup. Nothing was restored.");
        }
        catch (Exception ex) when (ex is PgpException or IOException)
        {
            throw new BackupProblem($"{Path.GetFileName(inPath)} is not a Daftar backup ({ex.Message}).", ex);
        }

        BackupManifest? manifest = null;
        try
        {
            var message = new PgpObjectFactory(clear).NextPgpObject();
            if (message is PgpCompressedData compressed) message = new PgpObjectFactory(compressed.GetDataStream()).NextPgpObject();
            if (message is not PgpLiteralData literal) throw Damaged("no archive inside");
            var content = literal.GetInputStream();
            using (var tar = new TarReader(content, leaveOpen: true))
            {
                while (tar.GetNextEntry() is { } entry)
                {
                    ct.ThrowIfCancellationRequested();
                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) throw Damaged($"unexpected entry {entry.Name}");
                    if (entry.Name is not (ManifestEntry or KeyEntry or SqliteEntry or PostgresEntry) && !DocumentEntry().IsMatch(entry.Name))
                        throw Damaged($"unexpected entry {entry.Name}");
                    var target = Path.Combine(staging, entry.Name);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    entry.ExtractToFile(target, overwrite: false);
                    if (entry.Name == ManifestEntry) manifest = JsonSerializer.Deserialize<BackupManifest>(File.ReadAllBytes(target), Json);
                }
            }
            content.CopyTo(Stream.Null);   // the integrity packet is checked only once everything has been read
            if (!encrypted.IsIntegrityProtected() || !encrypted.Verify()) throw Damaged("its integrity check failed");
        }
        catch (BackupProblem)
        {
            throw;
        }
        catch (Exception ex) when (ex is PgpException or IOException or InvalidDataException or FormatException or JsonException or ArgumentException)
        {
            throw Damaged(ex.Message, ex);
        }
        if (manifest is null || manifest.Format != Format) throw Damaged("no manifest of a known format");
        return manifest;
    }

    private static async Task EnsureEmptyAsync(DatabaseSettings settings, string blobs, string keyPath, CancellationToken ct)
    {
        var problems = new List<string>();
        if (Directory.Exists(blobs) && Directory.EnumerateFiles(blobs, "*", SearchOption.AllDirectories).Any()) problems.Add($"documents exist in {blobs}");
        if (File.Exists(keyPath)) problems.Add($"a master key exists at {keyPath}");
        var tables = await CountTablesAsync(settings, ct);
        if (tables > 0) problems.Add($"the database already has {tables} tables");
        if (problems.Count > 0)
            throw new BackupProblem("A backup is restored only into an empty installation, so that nothing is overwritten: " + string.Join("; ", problems) +
                                    ". Point Database:ConnectionString at a new, empty database and Daftar:DataPath at an empty folder.");
    }

    private static async Task<long> CountTablesAsync(DatabaseSettings settings, CancellationToken ct)
    {
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
            if (!File.Exists(file) || new FileInfo(file).Length == 0) return 0;
            await using var sqlite = new SqliteConnection(settings.ConnectionString);
            await sqlite.OpenAsync(ct);
            await using var count = sqlite.CreateCommand();
            count.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
            return (long)(await count.ExecuteScalarAsync(ct))!;
        }
        try
        {
            await using var pg = new NpgsqlConnection(settings.ConnectionString);
            await pg.OpenAsync(ct);
            await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')", pg);
            return (long)(await count.ExecuteScalarAsync(ct))!;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            throw new BackupProblem($"The database does not exist yet ({settings.SafeDescription()}). Create an empty one first, e.g. createdb.", ex);
        }
    }

    private static async Task<(string Entry, string File)> SnapshotDatabaseAsync(DatabaseSettings settings, string staging, CancellationToken ct)
    {
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // VACUUM INTO reads inside one transaction: a consistent copy while the application keeps writing.
            var file = Path.Combine(staging, "daftar.db");
            await using var sqlite = new SqliteConnection(settings.ConnectionString);
            await sqlite.OpenAsync(ct);
            await using var vacuum = sqlite.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $file";
            vacuum.Parameters.AddWithValue("$file", file);
            vacuum.CommandTimeout = 0;
            await vacuum.ExecuteNonQueryAsync(ct);
            return (SqliteEntry, file);
        }
        // pg_dump reads one snapshot (repeatable read) for the whole dump.
        var dump = Path.Combine(staging, "daftar.pgdump");
        await RunPostgresToolAsync(settings, "pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", dump], ct);
        return (PostgresEntry, dump);
    }

    private static async Task RestoreDatabaseAsync(DatabaseSettings settings, string dbFile, CancellationToken ct)
    {
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            var target = Path.GetFullPath(new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            foreach (var leftover in new[] { target, target + "-journal", target + "-wal", target + "-shm" })
                if (File.Exists(leftover)) File.Delete(leftover);   // an empty file or journal of a database with no tables
            File.Copy(dbFile, target);
            return;
        }
        await RunPostgresToolAsync(settings, "pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", dbFile], ct);
    }

    /// <summary>Runs pg_dump or pg_restore against the configured database; the password goes through the environment, never the command line.</summary>
    private static async Task RunPostgresToolAsync(DatabaseSettings settings, string tool, string[] arguments, CancellationToken ct)
    {
        var connection = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        var start = new ProcessStartInfo(await PostgresToolAsync(settings, tool, ct)) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.ArgumentList.Add("--dbname");
        start.ArgumentList.Add(connection.Database ?? "postgres");
        start.Environment["PGHOST"] = connection.Host ?? "localhost";
        start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (connection.Username is { } user) start.Environment["PGUSER"] = user;
        if (connection.Password is { } password) start.Environment["PGPASSWORD"] = password;
        if (connection.SslMode is not SslMode.Disable and not SslMode.Prefer) start.Environment["PGSSLMODE"] = connection.SslMode.ToString().ToLowerInvariant().Replace("verifyfull", "verify-full").Replace("verifyca", "verify-ca");
        using var process = Process.Start(start) ?? throw new BackupProblem($"{tool} could not be started.");
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new BackupProblem($"{tool} failed (exit {process.ExitCode}): {(await stderr).Trim()}");
    }

    /// <summary>The PostgreSQL client tool of the server's major version where Debian installed it, else the one on PATH.</summary>
    private static async Task<string> PostgresToolAsync(DatabaseSettings settings, string tool, CancellationToken ct)
    {
        string? major = null;
        try
        {
            await using var pg = new NpgsqlConnection(settings.ConnectionString);
            await pg.OpenAsync(ct);
            major = pg.PostgreSqlVersion.Major.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (NpgsqlException ex)
        {
            throw new BackupProblem($"Cannot reach the database ({settings.SafeDescription()}): {ex.Message}", ex);
        }
        var versioned = $"/usr/lib/postgresql/{major}/bin/{tool}";
        if (File.Exists(versioned)) return versioned;
        var newest = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", tool)).Where(File.Exists).Order().LastOrDefault()
            : null;
        return newest ?? tool;
    }

    private static void WriteMasterKey(string path, byte[] key)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(Convert.ToBase64String(key));
    }

    private static async Task WriteBytesAsync(TarWriter tar, string name, byte[] content, CancellationToken ct)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite };
        await tar.WriteEntryAsync(entry, ct);
    }

    private static async Task<string> Sha256OfFileAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}
