using System.Diagnostics;
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
    /// <summary>Inbox views alone, then sends alone, as the HTTP run measures each operation alone.</summary>
    public static async Task<int> RunAsync(string connectionString, IReadOnlyList<int> posts, int workers, double seconds)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        await using var source = builder.Build();
        Console.WriteLine($"{"raw",-10} {"count",8} {"per s",8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8}");
        await RunAsync(source, posts, workers, seconds, inbox: true);
        await RunAsync(source, posts, workers, seconds, inbox: false);
        return 0;
    }

    private static async Task RunAsync(NpgsqlDataSource source, IReadOnlyList<int> posts, int workers, double seconds, bool inbox)
    {
        var timings = new LongConcurrentHistogram(1, 60_000_000, 3);
        long conflicts = 0;
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
            while (watch.Elapsed.TotalSeconds < seconds)
            {
                var started = Stopwatch.GetTimestamp();
                await SignedInAsync(connection, post, hash);
                if (inbox)
                {
                    await InboxAsync(connection, post);
                    timings.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds));
                }
                else if (await SendAsync(connection, post, random)) timings.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds));
                else Interlocked.Increment(ref conflicts);
            }
        })));
        var elapsed = watch.Elapsed.TotalSeconds;
        var h = timings;
        Console.WriteLine($"{(inbox ? "inbox" : "send"),-10} {h.TotalCount,8} {h.TotalCount / elapsed,8:0.0} {h.GetValueAtPercentile(50) / 1000.0,8:0.0} {h.GetValueAtPercentile(95) / 1000.0,8:0.0} {h.GetValueAtPercentile(99) / 1000.0,8:0.0}");
        if (!inbox) Console.WriteLine($"(sends that found no file to send: {conflicts})");
    }

    /// <summary>What every API call reads before its own work: the token with its account and roles, then the officer with today's posts.</summary>
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
        // The counts in one statement, each from an index alone (as FileQueries.InboxAsync asks for them).
        await ScalarAsync(c, """
            SELECT (SELECT count(*) FROM "Files" AS f WHERE f."HolderPostId" = ANY (@posts) AND f."Status" = 1 AND f."ArrivalOpenedAt" IS NULL),
                   (SELECT count(*) FROM "Files" AS f WHERE f."HolderPostId" = ANY (@posts) AND f."Status" = 1 AND f."ArrivalOpenedAt" IS NOT NULL),
                   (SELECT count(*) FROM "Files" AS f WHERE f."HolderPostId" = ANY (@posts) AND f."Status" = 1 AND f."ArrivalDueOn" < CURRENT_DATE),
                   (SELECT count(*) FROM "Files" AS f WHERE f."ArrivalKind" = 2 AND f."ArrivedFromPostId" = ANY (@posts) AND NOT (f."HolderPostId" = ANY (@posts))),
                   (SELECT count(*) FROM "Files" AS f WHERE f."CreatedByPostId" = ANY (@posts)),
                   (SELECT count(*) FROM "Files" AS f WHERE f."HolderPostId" = ANY (@posts) AND f."Status" = 2),
                   (SELECT count(*) FROM "Files" AS f WHERE f."HolderPostId" = ANY (@posts) AND f."Status" = 3)
            FROM "Posts" AS p WHERE p."Id" = @post
            """, posts, post);
        // The page: which 50 files from the index, then those rows.
        await ReadAllAsync(c, """
            SELECT f."Id", f."ComputerNumber", f."FileNumber", f."Subject", f."Grading", f."Status", f."HolderPostId", f."ArrivalKind", f."ArrivedFromPostId",
                   f."ArrivedById", f."ArrivedAt", f."ArrivalDueOn", f."ArrivalPriority", f."ArrivalRemarks", f."ArrivalOpenedAt"
            FROM "Files" AS f WHERE f."Id" IN (
                SELECT x."Id" FROM "Files" AS x WHERE x."HolderPostId" = ANY (@posts) AND x."Status" = 1 AND x."ArrivalOpenedAt" IS NOT NULL
                ORDER BY x."ArrivalPriority" DESC, x."Id" DESC LIMIT 50)
            ORDER BY f."ArrivalPriority" DESC, f."Id" DESC
            """, posts);
        await ReadAllAsync(c, """
            SELECT p."Id", p."Code", d."NameEn" || ', ' || o."NameEn", d."NameHi" || ', ' || o."NameHi"
            FROM "Posts" AS p JOIN "Designations" AS d ON p."DesignationId" = d."Id" JOIN "Offices" AS o ON p."OfficeId" = o."Id"
            WHERE p."Id" = ANY (@posts)
            """, posts);
        await ReadAllAsync(c, """SELECT e."Id", e."NameEn", e."NameHi" FROM "Employees" AS e WHERE e."Id" = ANY (@posts)""", posts);
    }

    /// <summary>A send as Daftar does it: load the file and its parts, check, update the file, add the movement, participant and audit events, commit.</summary>
    private static async Task<bool> SendAsync(NpgsqlConnection c, int post, Random random)
    {
        await using var tx = await c.BeginTransactionAsync();
        long fileId;
        await using (var pick = new NpgsqlCommand("""SELECT f."Id" FROM "Files" AS f WHERE f."HolderPostId" = @post AND f."Status" = 1 ORDER BY f."Id" OFFSET @skip LIMIT 1""", c, tx))
        {
            pick.Parameters.AddWithValue("post", post);
            pick.Parameters.AddWithValue("skip", random.Next(20));
            if (await pick.ExecuteScalarAsync() is not int id) return false;
            fileId = id;
        }
        foreach (var sql in new[]
        {
            """SELECT * FROM "Files" AS f WHERE f."Id" = @id""", """SELECT * FROM "Notes" AS n WHERE n."FileId" = @id""",
            """SELECT m.*, p.* FROM "Movements" AS m JOIN "Posts" AS p ON m."ToPostId" = p."Id" WHERE m."FileId" = @id""",
            """SELECT * FROM "FileParticipants" WHERE "FileId" = @id""", """SELECT * FROM "Correspondence" WHERE "FileId" = @id""",
            """SELECT * FROM "FileShares" WHERE "FileId" = @id""", """SELECT * FROM "FileLinks" WHERE "FileId" = @id""",
            """SELECT * FROM "Posts" WHERE "Id" = (SELECT "CreatedByPostId" FROM "Files" WHERE "Id" = @id)""",
        })
        {
            await using var cmd = new NpgsqlCommand(sql, c, tx);
            cmd.Parameters.AddWithValue("id", (int)fileId);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) { }
        }
        var to = post;   // the same statement shape as a send to another post; the holder stays, so the worker keeps files to send
        await using (var cmd = new NpgsqlCommand("""
            UPDATE "Files" SET "HeldSince" = now(), "Version" = gen_random_uuid(), "ArrivalKind" = 2, "ArrivedFromPostId" = @post, "ArrivedById" = @post,
                "ArrivedAt" = now(), "ArrivalPriority" = 1, "ArrivalDueOn" = NULL, "ArrivalRemarks" = 'raw', "ArrivalOpenedAt" = now() WHERE "Id" = @id;
            INSERT INTO "Movements" ("FileId", "Kind", "FromPostId", "ToPostId", "ById", "Remarks", "Priority", "At", "OpenedAt")
                VALUES (@id, 2, @post, @to, @post, 'raw', 1, now(), now());
            INSERT INTO "FileParticipants" ("FileId", "PostId") VALUES (@id, @to) ON CONFLICT DO NOTHING;
            INSERT INTO "AuditEvents" ("At", "ActorEmployeeId", "ActingPostId", "Action", "ObjectType", "ObjectId", "Summary")
                VALUES (now(), @post, @post, 'Movement.Added', 'file', @id::text, 'Kind: Sent'), (now(), @post, @post, 'EFile.Modified', 'file', @id::text, 'HolderPostId');
            """, c, tx))
        {
            cmd.Parameters.AddWithValue("id", (int)fileId);
            cmd.Parameters.AddWithValue("post", post);
            cmd.Parameters.AddWithValue("to", to);
            await cmd.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        return true;
    }

    private static async Task ScalarAsync(NpgsqlConnection c, string sql, int[] posts, int? post = null)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        cmd.Parameters.AddWithValue("posts", posts);
        if (post is { } p) cmd.Parameters.AddWithValue("post", p);
        await cmd.ExecuteScalarAsync();
    }

    private static async Task ReadAllAsync(NpgsqlConnection c, string sql, int[] posts)
    {
        await using var cmd = new NpgsqlCommand(sql, c);
        cmd.Parameters.AddWithValue("posts", posts);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) { }
    }
}
