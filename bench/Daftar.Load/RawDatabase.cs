using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using Npgsql;

namespace Daftar.Load;

/// <summary>
/// The database limit: the statements an inbox view and a file send execute (as Daftar's EF Core queries issue them,
/// written out by hand), run raw through Npgsql by as many workers as the HTTP run had users. What Daftar achieves over
/// HTTP is then reported as a share of this.
/// </summary>
public static class RawDatabase
{
    /// <summary>What the raw statements reached: inbox views and sends per second, each alone.</summary>
    public sealed record Limits(long Inboxes, double InboxesPerSecond, long Sends, double SendsPerSecond);

    /// <summary>The posts of the first <paramref name="users"/> officers in a tokens file (token,user name,post id).</summary>
    public static async Task<List<int>> PostsAsync(string tokensFile, int users) =>
        (await File.ReadAllLinesAsync(tokensFile)).Where(l => l.Count(ch => ch == ',') == 2)
            .Select(l => int.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)).Take(users).ToList();

    /// <summary>Inbox views alone, then sends alone, as the HTTP run measures each operation alone (PostgreSQL only: the
    /// state-scale targets are PostgreSQL's; null, with the reason written, for anything else).</summary>
    public static async Task<Limits?> MeasureAsync(string connectionString, IReadOnlyList<int> posts, int workers, double seconds, TextWriter output)
    {
        NpgsqlDataSource source;
        try
        {
            source = new NpgsqlDataSourceBuilder(AsDaftarConnects(connectionString)).Build();
        }
        catch (ArgumentException ex)
        {
            output.WriteLine($"The raw database limit is measured on PostgreSQL; this is not a PostgreSQL connection string ({ex.Message}).");
            return null;
        }
        await using (source)
        {
            output.WriteLine($"{"raw",-10} {"count",8} {"per s",8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8}");
            var (inboxes, inboxRate) = await RunAsync(source, posts, workers, seconds, inbox: true, output);
            var (sends, sendRate) = await RunAsync(source, posts, workers, seconds, inbox: false, output);
            return new Limits(inboxes, inboxRate, sends, sendRate);
        }
    }

    /// <summary>
    /// The connection settings Daftar itself uses (DatabaseSettings.Tuned): statements prepared after their first uses
    /// (Max Auto Prepare), no DISCARD ALL when a pooled connection is returned, no JIT. Without them the "limit" ran
    /// every statement unprepared and measured about half of what the database can do (issue #29).
    /// </summary>
    public static string AsDaftarConnects(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase)) builder.NoResetOnClose = true;
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)) builder.MaxAutoPrepare = 100;
        if (!connectionString.Contains("Options", StringComparison.OrdinalIgnoreCase)) builder.Options = "-c jit=off";
        return builder.ConnectionString;
    }

    private static readonly TimeSpan SignInKept = TimeSpan.FromSeconds(30);

    private static async Task<(long Count, double PerSecond)> RunAsync(NpgsqlDataSource source, IReadOnlyList<int> posts, int workers, double seconds, bool inbox, TextWriter output)
    {
        var timings = new LongConcurrentHistogram(1, LoadRun.LongestLatencyMicros, 3);
        long emptyHanded = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            var post = posts[w % posts.Count];
            await using var connection = await source.OpenConnectionAsync();
            string hash;
            await using (var find = new NpgsqlCommand("""SELECT t."Hash" FROM "ApiTokens" AS t JOIN "AspNetUsers" AS u ON t."AccountId" = u."Id" WHERE u."EmployeeId" = @post LIMIT 1""", connection))
            {
                find.Parameters.AddWithValue("post", post);
                hash = (string)(await find.ExecuteScalarAsync() ?? "");
            }
            long? signedInAt = null;
            while (watch.Elapsed.TotalSeconds < seconds)
            {
                // Which file to send is not timed: the HTTP run knows it from the inbox it read before the clock started.
                var fileId = inbox ? 0 : await PickAsync(connection, post, random);
                if (!inbox && fileId == 0)
                {
                    Interlocked.Increment(ref emptyHanded);
                    await Task.Delay(LoadRun.EmptyHandedWait);
                    continue;
                }
                var started = Stopwatch.GetTimestamp();
                // Daftar keeps who a token is and the officer's posts for 30 s (ADR 0018): read again only when that has passed.
                if (signedInAt is null || Stopwatch.GetElapsedTime(signedInAt.Value) > SignInKept)
                {
                    await SignedInAsync(connection, post, hash);
                    signedInAt = Stopwatch.GetTimestamp();
                }
                if (inbox)
                {
                    await InboxAsync(connection, post);
                    LoadRun.Record(timings, (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                    continue;
                }
                // To another worker's post, as the HTTP run's officers send to one another.
                var to = posts.Count > 1 ? posts[(w % posts.Count + 1 + random.Next(posts.Count - 1)) % posts.Count] : post;
                var sent = await SendAsync(connection, post, to, fileId);
                // A send that lost its file to another worker is a conflict, as a 409 is in the HTTP run: not a send.
                if (sent) LoadRun.Record(timings, (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                // The HTTP run pulls one send in five back at once (timed apart, as "pullback"): the same work here, untimed.
                if (sent && random.Next(5) == 0) await PullBackAsync(connection, post, fileId);
            }
        })));
        var elapsed = watch.Elapsed.TotalSeconds;
        var h = timings;
        output.WriteLine($"{(inbox ? "inbox" : "send"),-10} {h.TotalCount,8} {h.TotalCount / elapsed,8:0.0} {LoadRun.Milliseconds(h, 50),8:0.0} {LoadRun.Milliseconds(h, 95),8:0.0} {LoadRun.Milliseconds(h, 99),8:0.0}");
        if (!inbox) output.WriteLine($"(workers that found no file to send: {emptyHanded} times)");
        return (h.TotalCount, h.TotalCount / elapsed);
    }

    /// <summary>What an API call reads before its own work when Daftar has not kept it: the token with its account and roles, then the officer with today's posts.</summary>
    private static async Task SignedInAsync(NpgsqlConnection c, int post, string hash)
    {
        int[] posts = [post];
        await using (var cmd = new NpgsqlCommand("""
            SELECT t."Id", t."AccountId", t."ExpiresAt", t."RevokedAt", t."LastUsedAt", u."UserName", u."EmployeeId", u."LockoutEnd", r."Name"
            FROM "ApiTokens" AS t JOIN "AspNetUsers" AS u ON t."AccountId" = u."Id"
            LEFT JOIN "AspNetUserRoles" AS ur ON ur."UserId" = u."Id" LEFT JOIN "AspNetRoles" AS r ON ur."RoleId" = r."Id"
            WHERE t."Hash" = @hash
            """, c))
        {
            cmd.Parameters.AddWithValue("hash", hash);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) { }
        }
        await ReadAllAsync(c, """
            SELECT u."Id", u."UserName", e."NameEn", e."NameHi", a."PostId", p."Code", a."Kind", p."SectionId", p."Level", d."NameEn", d."NameHi", o."NameEn", o."NameHi"
            FROM "AspNetUsers" AS u LEFT JOIN "Employees" AS e ON u."EmployeeId" = e."Id"
            LEFT JOIN "PostAssignments" AS a ON a."EmployeeId" = u."EmployeeId" AND a."From" <= CURRENT_DATE AND (a."To" IS NULL OR a."To" >= CURRENT_DATE)
            LEFT JOIN "Posts" AS p ON a."PostId" = p."Id" LEFT JOIN "Designations" AS d ON p."DesignationId" = d."Id" LEFT JOIN "Offices" AS o ON p."OfficeId" = o."Id"
            WHERE u."EmployeeId" = ANY (@posts)
            """, posts);
    }

    private static async Task InboxAsync(NpgsqlConnection c, int post)
    {
        int[] posts = [post];
        // The counts in one statement (as FileQueries.InboxAsync asks for them): the post's kept counts plus the changes
        // not yet folded in, and overdue from the index.
        await ScalarAsync(c, $"""
            SELECT {string.Join(", ", new[] { "New", "Opened", "Sent", "Created", "Parked", "Closed" }.Select(t =>
                $"(SELECT COALESCE(sum(k.\"{t}\"), 0) FROM \"InboxCounts\" AS k WHERE k.\"PostId\" = ANY (@posts)) + " +
                $"(SELECT COALESCE(sum(k.\"{t}\"), 0) FROM \"InboxCountChanges\" AS k WHERE k.\"PostId\" = ANY (@posts))"))},
                   (SELECT count(*) FROM "Files" AS f WHERE f."HolderPostId" = @post AND f."Status" = 1 AND f."ArrivalDueOn" < CURRENT_DATE)
            FROM "Posts" AS p WHERE p."Id" = @post
            """, posts, post);
        // The page: which 50 files from the index, then those rows with who sent them and who holds them.
        var ids = new List<int>();
        await using (var page = new NpgsqlCommand("""
            SELECT x."Id" FROM "Files" AS x WHERE x."HolderPostId" = @post AND x."Status" = 1 AND x."ArrivalOpenedAt" IS NOT NULL
            ORDER BY x."ArrivalPriority" DESC, x."Id" DESC LIMIT 50
            """, c))
        {
            // One post is asked for by equality, as Daftar does for an officer with one post (FileQueries.InboxAsync).
            page.Parameters.AddWithValue("post", post);
            await using var reader = await page.ExecuteReaderAsync();
            while (await reader.ReadAsync()) ids.Add(reader.GetInt32(0));
        }
        await ReadAllAsync(c, """
            SELECT f."Id", f."ComputerNumber", f."FileNumber", f."Subject", f."Grading", f."Status", f."ArrivalKind",
                   s."Id", s."Code", sd."NameEn" || ', ' || so."NameEn", sd."NameHi" || ', ' || so."NameHi", e."NameEn", e."NameHi",
                   f."ArrivedAt", f."ArrivalDueOn", f."ArrivalPriority", f."ArrivalRemarks", f."ArrivalOpenedAt",
                   h."Id", h."Code", hd."NameEn" || ', ' || ho."NameEn", hd."NameHi" || ', ' || ho."NameHi"
            FROM "Files" AS f
            LEFT JOIN "Posts" AS s ON f."ArrivedFromPostId" = s."Id" LEFT JOIN "Designations" AS sd ON s."DesignationId" = sd."Id" LEFT JOIN "Offices" AS so ON s."OfficeId" = so."Id"
            LEFT JOIN "Employees" AS e ON f."ArrivedById" = e."Id"
            JOIN "Posts" AS h ON f."HolderPostId" = h."Id" JOIN "Designations" AS hd ON h."DesignationId" = hd."Id" JOIN "Offices" AS ho ON h."OfficeId" = ho."Id"
            WHERE f."Id" = ANY (@ids)
            ORDER BY f."ArrivalPriority" DESC, f."Id" DESC
            """, ids.ToArray(), "ids");
    }

    private const int Open = 1, Sent = 2, PulledBack = 3, New = 0, Opened = 1, SentTab = 4;

    /// <summary>
    /// A send as Daftar does it (four round trips, and the two of signing in every 30 s): the acting employee with the
    /// visibility check and the recipient post; the file with its holder, creator, yellow draft and the recipient's
    /// participation in one statement; then one batch of writes — the file moved to the recipient under its version
    /// check, the movement, the participant, the inbox count changes a send makes (the same rule as
    /// InboxCounting: the sender's new or opened −1 and sent +1, the post it came from sent −1, the recipient's new +1),
    /// the two audit events — and the commit. Daftar's sealer chains those events while this runs. False when another
    /// worker moved the file first.
    /// </summary>
    private static async Task<bool> SendAsync(NpgsqlConnection c, int post, int to, int fileId)
    {
        await using var tx = await c.BeginTransactionAsync();
        int[] posts = [post];
        (Guid Version, int Status, bool Opened, int Kind, int From, int Holder)? file = null;
        foreach (var sql in new[]
        {
            """
            SELECT e.*, EXISTS (SELECT 1 FROM "Files" AS f WHERE (EXISTS (SELECT 1 FROM "FileParticipants" AS f0 WHERE f."Id" = f0."FileId" AND f0."PostId" = ANY (@posts))
                OR (f."Grading" = 1 AND (f."SectionId" = ANY (SELECT "SectionId" FROM "Posts" WHERE "Id" = ANY (@posts))
                    OR EXISTS (SELECT 1 FROM "FileShares" AS f1 WHERE f."Id" = f1."FileId" AND f1."PostId" = ANY (@posts))))) AND f."Id" = @id), p.*
            FROM "Employees" AS e LEFT JOIN (SELECT * FROM "Posts" WHERE "Id" = @to AND "IsActive") AS p ON TRUE WHERE e."Id" = @post LIMIT 2
            """,
            """
            SELECT f.*, p.*, p0.*, n.*, fp.* FROM "Files" AS f
            JOIN "Posts" AS p ON f."CreatedByPostId" = p."Id" JOIN "Posts" AS p0 ON f."HolderPostId" = p0."Id"
            LEFT JOIN (SELECT * FROM "Notes" WHERE NOT "IsConfirmed") AS n ON f."Id" = n."FileId"
            LEFT JOIN (SELECT * FROM "FileParticipants" WHERE "PostId" = @to) AS fp ON f."Id" = fp."FileId"
            WHERE f."Id" = @id ORDER BY f."Id", p."Id", p0."Id", n."Id", fp."FileId"
            """,
        })
        {
            await using var cmd = new NpgsqlCommand(sql, c, tx);
            cmd.Parameters.AddWithValue("id", fileId);
            cmd.Parameters.AddWithValue("post", post);
            cmd.Parameters.AddWithValue("to", to);
            cmd.Parameters.AddWithValue("posts", posts);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                if (sql.Contains("\"Notes\"", StringComparison.Ordinal) && file is null)
                    file = (reader.GetGuid(reader.GetOrdinal("Version")), reader.GetInt32(reader.GetOrdinal("Status")), !reader.IsDBNull(reader.GetOrdinal("ArrivalOpenedAt")),
                        reader.GetInt32(reader.GetOrdinal("ArrivalKind")), reader.GetInt32(reader.GetOrdinal("ArrivedFromPostId")), reader.GetInt32(reader.GetOrdinal("HolderPostId")));
        }
        if (file is not { } f || f.Holder != post || f.Status != Open || to == post) return false;
        var counts = new Counts();
        counts.Add(post, f.Opened ? Opened : New, -1);
        if (f.Kind == Sent && f.From != post) counts.Add(f.From, SentTab, -1);
        counts.Add(post, SentTab, +1);
        counts.Add(to, New, +1);
        var parameters = new Dictionary<string, object> { ["id"] = fileId, ["post"] = post, ["to"] = to, ["version"] = f.Version };
        counts.AddParameters(parameters);
        // One batch, as EF sends a save; the file's version check decides, and a lost one rolls everything back.
        if (await WriteAsync(c, tx, $"""
            UPDATE "Files" SET "HolderPostId" = @to, "HeldSince" = now(), "Version" = gen_random_uuid(), "MovementCount" = "MovementCount" + 1,
                "ArrivalKind" = 2, "ArrivedFromPostId" = @post, "ArrivedById" = @post, "ArrivedAt" = now(), "ArrivalPriority" = 1, "ArrivalDueOn" = NULL,
                "ArrivalRemarks" = 'For approval', "ArrivalOpenedAt" = NULL
            WHERE "Id" = @id AND "Version" = @version;
            INSERT INTO "Movements" ("FileId", "Kind", "FromPostId", "ToPostId", "ById", "Remarks", "Priority", "At")
                VALUES (@id, 2, @post, @to, @post, 'For approval', 1, now()) RETURNING "Id";
            INSERT INTO "FileParticipants" ("FileId", "PostId") VALUES (@id, @to) ON CONFLICT DO NOTHING;
            {Counts.Insert}
            INSERT INTO "AuditEvents" ("At", "ActorEmployeeId", "ActingPostId", "Action", "ObjectType", "ObjectId", "Summary")
                VALUES (now(), @post, @post, 'Movement.Added', 'file', @id::text, 'Kind: Sent; FromPostId: ' || @post || '; ToPostId: ' || @to || '; Remarks: For approval'),
                       (now(), @post, @post, 'EFile.Modified', 'file', @id::text, 'HolderPostId: ' || @post || ' → ' || @to) RETURNING "Id";
            """, parameters) == 0)
        {
            await tx.RollbackAsync();
            return false;
        }
        await tx.CommitAsync();
        return true;
    }

    /// <summary>
    /// A pull-back as Daftar does it: the file with its last arrival, then the arrival marked pulled back, the file back
    /// with its sender (opened), the movement, the count changes (the recipient's new −1; the sender's sent −1 and
    /// opened +1) and the three audit events, in one commit.
    /// </summary>
    private static async Task PullBackAsync(NpgsqlConnection c, int post, int fileId)
    {
        await using var tx = await c.BeginTransactionAsync();
        (Guid Version, int Holder)? file = null;
        await using (var read = new NpgsqlCommand("""
            SELECT f.*, m.* FROM "Files" AS f
            LEFT JOIN LATERAL (SELECT * FROM "Movements" AS x WHERE x."FileId" = f."Id" AND x."Kind" IN (2, 3) ORDER BY x."Id" DESC LIMIT 1) AS m ON TRUE
            WHERE f."Id" = @id
            """, c, tx))
        {
            read.Parameters.AddWithValue("id", fileId);
            await using var reader = await read.ExecuteReaderAsync();
            if (await reader.ReadAsync() && reader.GetInt32(reader.GetOrdinal("ArrivalKind")) == Sent && reader.GetInt32(reader.GetOrdinal("ArrivedFromPostId")) == post
                && reader.IsDBNull(reader.GetOrdinal("ArrivalOpenedAt")))
                file = (reader.GetGuid(reader.GetOrdinal("Version")), reader.GetInt32(reader.GetOrdinal("HolderPostId")));
        }
        if (file is not { } f) return;
        var counts = new Counts();
        counts.Add(f.Holder, New, -1);
        counts.Add(post, SentTab, -1);
        counts.Add(post, Opened, +1);
        var parameters = new Dictionary<string, object> { ["id"] = fileId, ["post"] = post, ["holder"] = f.Holder, ["version"] = f.Version };
        counts.AddParameters(parameters);
        if (await WriteAsync(c, tx, $"""
            UPDATE "Movements" SET "PulledBackAt" = now() WHERE "FileId" = @id AND "Kind" = 2 AND "PulledBackAt" IS NULL AND "ToPostId" = @holder
                AND "Id" = (SELECT max("Id") FROM "Movements" WHERE "FileId" = @id);
            UPDATE "Files" SET "HolderPostId" = @post, "HeldSince" = now(), "Version" = gen_random_uuid(), "MovementCount" = "MovementCount" + 1,
                "ArrivalKind" = 3, "ArrivedFromPostId" = @holder, "ArrivedById" = @post, "ArrivedAt" = now(), "ArrivalRemarks" = NULL, "ArrivalOpenedAt" = now()
            WHERE "Id" = @id AND "Version" = @version;
            INSERT INTO "Movements" ("FileId", "Kind", "FromPostId", "ToPostId", "ById", "Priority", "At", "OpenedAt")
                VALUES (@id, 3, @holder, @post, @post, 1, now(), now()) RETURNING "Id";
            {Counts.Insert}
            INSERT INTO "AuditEvents" ("At", "ActorEmployeeId", "ActingPostId", "Action", "ObjectType", "ObjectId", "Summary")
                VALUES (now(), @post, @post, 'Movement.Modified', 'file', @id::text, 'PulledBackAt: ∅ → now'),
                       (now(), @post, @post, 'Movement.Added', 'file', @id::text, 'Kind: PulledBack'),
                       (now(), @post, @post, 'EFile.Modified', 'file', @id::text, 'HolderPostId: ' || @holder || ' → ' || @post) RETURNING "Id";
            """, parameters) == 0)
        {
            await tx.RollbackAsync();
            return;
        }
        await tx.CommitAsync();
    }

    /// <summary>
    /// The statements of one save as one batch (one round trip), each with the parameters it names; the rows the
    /// update of "Files" changed (0 when the file's version moved on meanwhile).
    /// </summary>
    private static async Task<int> WriteAsync(NpgsqlConnection c, NpgsqlTransaction tx, string sql, Dictionary<string, object> parameters)
    {
        await using var batch = new NpgsqlBatch(c, tx);
        var fileUpdate = -1;
        foreach (var statement in sql.Split(";\n", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(t => t.TrimEnd(';')))
        {
            var command = new NpgsqlBatchCommand(statement);
            foreach (var (name, value) in parameters)
                if (System.Text.RegularExpressions.Regex.IsMatch(statement, $@"@{name}\b")) command.Parameters.AddWithValue(name, value);
            if (statement.StartsWith("UPDATE \"Files\"", StringComparison.Ordinal)) fileUpdate = batch.BatchCommands.Count;
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync();
        return batch.BatchCommands[fileUpdate].RecordsAffected;
    }

    /// <summary>The inbox count changes of one save, one row per post, as InboxCounting.ChangesOf writes them.</summary>
    private sealed class Counts
    {
        private readonly Dictionary<int, int[]> _deltas = [];

        public void Add(int post, int tab, int sign)
        {
            if (!_deltas.TryGetValue(post, out var d)) _deltas[post] = d = new int[6];
            d[tab] += sign;
        }

        /// <summary>One statement text whatever the number of rows (arrays unnested), so that it is prepared once.</summary>
        public const string Insert = """
            INSERT INTO "InboxCountChanges" ("PostId", "New", "Opened", "Parked", "Closed", "Sent", "Created")
                SELECT * FROM unnest(@cPost, @cNew, @cOpened, @cParked, @cClosed, @cSent, @cCreated) RETURNING "Id";
            """;

        public void AddParameters(Dictionary<string, object> parameters)
        {
            var rows = _deltas.Where(d => d.Value.Any(v => v != 0)).ToList();
            parameters["cPost"] = rows.Select(r => r.Key).ToArray();
            string[] names = ["cNew", "cOpened", "cParked", "cClosed", "cSent", "cCreated"];
            for (var i = 0; i < names.Length; i++) parameters[names[i]] = rows.Select(r => r.Value[i]).ToArray();
        }
    }

    /// <summary>
    /// How many posts' kept inbox counts (InboxCounts plus the changes not yet folded in) differ from a recount of the
    /// files (the rule of InboxCounting.RebuildSql): the harness runs it after every phase, and a run with any is wrong.
    /// </summary>
    public static async Task<int> CountDriftAsync(string connectionString)
    {
        await using var source = new NpgsqlDataSourceBuilder(connectionString).Build();
        await using var cmd = source.CreateCommand("""
            WITH fresh AS (
                SELECT "PostId", sum("New") AS n, sum("Opened") AS o, sum("Parked") AS p, sum("Closed") AS c, sum("Sent") AS s, sum("Created") AS r FROM (
                    SELECT "HolderPostId" AS "PostId",
                        CASE WHEN "Status" = 1 AND "ArrivalOpenedAt" IS NULL THEN 1 ELSE 0 END AS "New",
                        CASE WHEN "Status" = 1 AND "ArrivalOpenedAt" IS NOT NULL THEN 1 ELSE 0 END AS "Opened",
                        CASE WHEN "Status" = 2 THEN 1 ELSE 0 END AS "Parked", CASE WHEN "Status" = 3 THEN 1 ELSE 0 END AS "Closed", 0 AS "Sent", 0 AS "Created"
                    FROM "Files"
                    UNION ALL SELECT "ArrivedFromPostId", 0, 0, 0, 0, 1, 0 FROM "Files" WHERE "ArrivalKind" = 2 AND "ArrivedFromPostId" <> "HolderPostId"
                    UNION ALL SELECT "CreatedByPostId", 0, 0, 0, 0, 0, 1 FROM "Files") AS x GROUP BY "PostId"),
            kept AS (
                SELECT "PostId", sum("New") AS n, sum("Opened") AS o, sum("Parked") AS p, sum("Closed") AS c, sum("Sent") AS s, sum("Created") AS r FROM (
                    SELECT "PostId", "New", "Opened", "Parked", "Closed", "Sent", "Created" FROM "InboxCounts"
                    UNION ALL SELECT "PostId", "New", "Opened", "Parked", "Closed", "Sent", "Created" FROM "InboxCountChanges") AS y GROUP BY "PostId")
            SELECT count(*) FROM fresh FULL JOIN kept USING ("PostId")
            WHERE coalesce(fresh.n, 0) <> coalesce(kept.n, 0) OR coalesce(fresh.o, 0) <> coalesce(kept.o, 0) OR coalesce(fresh.p, 0) <> coalesce(kept.p, 0)
               OR coalesce(fresh.c, 0) <> coalesce(kept.c, 0) OR coalesce(fresh.s, 0) <> coalesce(kept.s, 0) OR coalesce(fresh.r, 0) <> coalesce(kept.r, 0)
            """);
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>One of the first twenty open files the post holds (0 when it holds none), in the inbox index's order: the pick
    /// is not timed, but ordered by id alone it read a busy post's every file (800 buffers) and took CPU from the timed sends.</summary>
    private static async Task<int> PickAsync(NpgsqlConnection c, int post, Random random)
    {
        await using var pick = new NpgsqlCommand("""SELECT f."Id" FROM "Files" AS f WHERE f."HolderPostId" = @post AND f."Status" = 1 ORDER BY f."ArrivalPriority" DESC, f."Id" DESC OFFSET @skip LIMIT 1""", c);
        pick.Parameters.AddWithValue("post", post);
        pick.Parameters.AddWithValue("skip", random.Next(20));
        return await pick.ExecuteScalarAsync() is int id ? id : 0;
    }

    private static async Task ScalarAsync(NpgsqlConnection c, string sql, int[] posts, int? post = null)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        cmd.Parameters.AddWithValue("posts", posts);
        if (post is { } p) cmd.Parameters.AddWithValue("post", p);
        await cmd.ExecuteScalarAsync();
    }

    private static async Task ReadAllAsync(NpgsqlConnection c, string sql, int[] values, string name = "posts")
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        cmd.Parameters.AddWithValue(name, values);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) { }
    }
}
