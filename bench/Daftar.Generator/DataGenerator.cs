using System.Diagnostics;
using System.Globalization;
using Daftar.Accounts;
using Daftar.Audit;
using Daftar.Data;
using Daftar.Files;
using Daftar.People;
using Daftar.Search;
using Daftar.Web.Features.Files;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Generator;

/// <summary>How big a generated state is. Movements and notes per file are averages; older files get more.</summary>
public sealed record Scale(string Name, int Departments, int Offices, int Employees, int Files, double MovementsPerFile, double NotesPerFile,
    double ReceiptsPerFile, int LoadUsers)
{
    // RajKaj, Rajasthan: ~9.8 lakh users, 56,500 offices, 77 departments, 28.8 lakh e-files, ~3 crore movements, ~1.2 crore notes.
    public static readonly Scale State = new("state", 77, 56_500, 980_000, 2_880_000, 10.4, 4.2, 0.6, 2_000);
    public static readonly Scale District = new("district", 77, 1_900, 32_700, 96_000, 10.4, 4.2, 0.6, 500);
    public static readonly Scale Tiny = new("tiny", 4, 40, 400, 1_200, 10.4, 4.2, 0.6, 20);

    public static Scale? Named(string? name) => name?.ToLowerInvariant() switch
    {
        "state" => State,
        "district" => District,
        "tiny" => Tiny,
        _ => null,
    };
}

/// <summary>
/// Generates a synthetic state into an empty, migrated database: departments, an office tree (secretariat →
/// directorate → districts → sub-divisions → blocks → gram panchayats), sections, posts with reporting lines and one
/// employee each, files moving up and down the reporting chain with notes in Hindi and English, receipts, and the
/// audit events of all of it sealed into the hash chain. Everything obeys the rules Daftar's own code keeps: the holder
/// is the last movement's recipient, participants are the posts on the path, file and diary numbers follow the same
/// counters (NumberSequences continue after them), notes are numbered in order, the audit chain verifies. A few
/// hundred officers get accounts and API tokens for the load generator (written to a file).
/// </summary>
public sealed class DataGenerator(DaftarDb db, NoteText noteText, TimeProvider clock, Daftar.Web.Infrastructure.AuditChain chain)
{
    private static readonly string[] Tables =
        ["Departments", "Designations", "Offices", "Sections", "Posts", "Employees", "PostAssignments", "FileHeads", "Files", "FileParticipants",
         "Movements", "Notes", "Receipts", "ReceiptMovements", "Correspondence", "AuditEvents"];

    private readonly Random _random = new(2026);

    /// <summary>About one open file in thirty has a yellow draft by the post that holds it.</summary>
    private const double DraftsPerOpenFile = 1.0 / 30;

    public sealed record Outcome(long Files, long Movements, long Notes, long Receipts, long AuditEvents, TimeSpan Elapsed, IReadOnlyList<string> TokenLines);

    public async Task<Outcome> RunAsync(Scale scale, Action<string> progress, CancellationToken ct)
    {
        if (await db.Departments.AnyAsync(ct) || await db.Files.AnyAsync(ct))
            throw new InvalidOperationException("The database already holds an organisation; generate into an empty database.");
        var watch = Stopwatch.StartNew();
        var now = clock.GetUtcNow();
        // The chain continues from what is already sealed (the installation's CAs were audited when they were made).
        while (await chain.SealAsync(ct) > 0) { }
        var chainHead = await db.AuditEvents.Where(e => e.Sequence != null).OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
        var lastEventId = await db.AuditEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        db.ChangeTracker.Clear();
        await using var sink = await BulkSink.OpenAsync(db, ct);
        await sink.BeforeLoadAsync(Tables, ct);
        Step(progress, watch, $"Generating '{scale.Name}': {scale.Departments} departments, {scale.Offices:N0} offices, {scale.Employees:N0} employees, {scale.Files:N0} files");

        // --- The organisation -------------------------------------------------------------------------------------
        var org = BuildOrganisation(scale);
        await using (var t = await sink.TableAsync("Departments", "Id", "Code", "NameEn", "NameHi", "FileHead"))
            foreach (var d in org.Departments) await t.WriteAsync(d.Id, d.Code, d.NameEn, d.NameHi, d.Code);
        await using (var t = await sink.TableAsync("Designations", "Id", "Code", "NameEn", "NameHi", "Level"))
            foreach (var d in Ladder) await t.WriteAsync(d.Id, d.Code, d.En, d.Hi, d.Level);
        await using (var t = await sink.TableAsync("Offices", "Id", "Code", "NameEn", "NameHi", "Type", "DepartmentId", "ParentId", "Depth", "SearchKey"))
            foreach (var o in org.Offices)
                await t.WriteAsync(o.Id, o.Code, o.NameEn, o.NameHi, (int)o.Type, o.DepartmentId, o.ParentId, o.Depth, Text.SearchKey(o.Code, o.NameEn, o.NameHi));
        await using (var t = await sink.TableAsync("Sections", "Id", "OfficeId", "Code", "NameEn", "NameHi"))
            foreach (var o in org.Offices) await t.WriteAsync(o.Id, o.Id, o.SectionCode, "General section", "सामान्य अनुभाग");
        await using (var t = await sink.TableAsync("Employees", "Id", "Code", "NameEn", "NameHi", "Email", "Mobile", "IsActive", "SearchKey"))
            foreach (var p in org.Posts) await t.WriteAsync(p.Id, p.EmployeeCode, p.NameEn, p.NameHi, null, null, true, Text.SearchKey(p.EmployeeCode, p.NameEn, p.NameHi, null));
        await using (var t = await sink.TableAsync("Posts", "Id", "Code", "DesignationId", "OfficeId", "SectionId", "ReportsToId", "Level", "IsActive", "SearchKey"))
            foreach (var p in org.Posts)
            {
                var o = org.Offices[p.OfficeIndex];
                var d = Ladder[p.DesignationIndex];
                await t.WriteAsync(p.Id, p.Code, d.Id, o.Id, o.Id, p.ReportsTo, d.Level, true, Text.SearchKey(p.Code, d.En, d.Hi, o.NameEn, o.NameHi, o.SectionCode));
            }
        var since = new DateOnly(2018, 4, 1);
        await using (var t = await sink.TableAsync("PostAssignments", "Id", "PostId", "EmployeeId", "Kind", "From", "To"))
            foreach (var p in org.Posts) await t.WriteAsync(p.Id, p.Id, p.Id, (int)ChargeKind.Primary, since, null);
        await using (var t = await sink.TableAsync("FileHeads", "Id", "DepartmentId", "Number", "NameEn", "NameHi"))
            for (var d = 0; d < org.Departments.Count; d++)
                for (var h = 1; h <= Heads.Length; h++)
                    await t.WriteAsync(d * Heads.Length + h, org.Departments[d].Id, h, Heads[h - 1].En, Heads[h - 1].Hi);
        Step(progress, watch, $"Organisation: {org.Offices.Count:N0} offices, {org.Posts.Count:N0} posts and employees");

        // --- Files, movements, notes, receipts ---------------------------------------------------------------------
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        var creators = org.Posts.Where(p => Ladder[p.DesignationIndex].Level >= 8).ToList();
        var notes = NotePool();
        long movementId = 0, receiptMovementId = 0;
        int noteId = 0, receiptId = 0, correspondenceId = 0;
        long movementCount = 0, noteCount = 0, draftCount = 0, receiptCount = 0;
        var files = await sink.TableAsync("Files", "Id", "ComputerNumber", "FileNumber", "Subject", "Category", "Kind", "Grading", "Retention", "RetentionYears",
            "Status", "DepartmentId", "SectionId", "CreatedByPostId", "CreatedAt", "CreatedOn", "HolderPostId", "HeldSince", "Version", "SearchText", "SignNotesAtLevel",
            "ArrivalKind", "ArrivedFromPostId", "ArrivedById", "ArrivedAt", "ArrivalPriority", "ArrivalDueOn", "ArrivalRemarks", "ArrivalOpenedAt", "LastNoteNumber", "MovementCount");
        var participants = await sink.TableAsync("FileParticipants", "FileId", "PostId");
        var movements = await sink.TableAsync("Movements", "Id", "FileId", "Kind", "FromPostId", "ToPostId", "ById", "Remarks", "Priority", "DueOn", "At", "OpenedAt", "PulledBackAt");
        var noteRows = await sink.TableAsync("Notes", "Id", "FileId", "Number", "AuthorPostId", "AuthorId", "Text", "Html", "IsConfirmed", "CreatedAt", "UpdatedAt", "ConfirmedAt", "SearchText");
        var receipts = await sink.TableAsync("Receipts", "Id", "DiaryNumber", "DepartmentId", "SectionId", "DiarisedByPostId", "HolderPostId", "Sender", "LetterNumber",
            "LetterDate", "ReceivedOn", "Subject", "Category", "Mode", "Language", "Grading", "IsElectronic", "Status", "FileId", "CreatedAt", "Version", "SearchText");
        var receiptMovements = await sink.TableAsync("ReceiptMovements", "Id", "ReceiptId", "FromPostId", "ToPostId", "ById", "Remarks", "At");
        var correspondence = await sink.TableAsync("Correspondence", "Id", "FileId", "Order", "FirstPage", "PageCount", "ReceiptId", "Title", "AddedByPostId", "AddedAt", "IsPuc", "IsFr");
        var audit = await sink.TableAsync("AuditEvents", "Id", "At", "ActorEmployeeId", "ActingPostId", "Action", "ObjectType", "ObjectId", "Summary", "Sequence", "PreviousHash", "Hash", "SealedAt");
        long auditId = lastEventId;
        long sequence = chainHead?.Sequence ?? 0;
        var previousHash = chainHead?.Hash ?? AuditEvent.Genesis;
        var heldCount = new int[org.Posts.Count + 1];

        for (var fileId = 1; fileId <= scale.Files; fileId++)
        {
            var creator = creators[_random.Next(creators.Count)];
            var office = org.Offices[creator.OfficeIndex];
            var department = org.Departments[office.DepartmentIndex];
            // Older files have moved more: files of 2019 ~2x the average, of this year ~0.4x.
            var createdAt = now.AddDays(-_random.NextDouble() * 7.5 * 365).AddMinutes(-_random.Next(600));
            var ageFactor = 0.4 + 1.6 * ((now - createdAt).TotalDays / (7.5 * 365));
            // The average age factor is 1.2; the creation itself is one movement.
            var moves = Math.Max(1, (int)Math.Round((scale.MovementsPerFile - 1) / 1.2 * ageFactor * (0.5 + _random.NextDouble())));
            var createdOn = DateOnly.FromDateTime(createdAt.ToOffset(TimeSpan.FromMinutes(330)).DateTime);
            var year = createdAt.Year.ToString(CultureInfo.InvariantCulture);
            var head = 1 + _random.Next(Heads.Length);
            var serial = Next(counters, $"file/{department.Code}/{head}/{office.SectionCode}/{year}");
            var fileNumber = $"F.{head}({serial})/{department.Code}/{office.SectionCode}/{year}";
            var computerNumber = Next(counters, "computer-number");
            var subject = Subjects[_random.Next(Subjects.Length)] + " — " + Places[_random.Next(Places.Length)];
            var category = Heads[head - 1].En;

            // The path: up the reporting chain and back down, like a paper file.
            var chain = new List<GeneratedPost> { creator };
            while (chain.Count < 5 && chain[^1].ReportsTo is { } up) chain.Add(org.Posts[up - 1]);
            var at = createdAt;
            var holder = creator;
            var position = 0;
            var direction = 1;
            var onPath = new HashSet<int> { creator.Id };
            var noteNumber = 0;
            var movementsBefore = movementCount;
            var fileAudit = new List<(DateTimeOffset, int?, int?, string, string, string, string)>
            {
                (createdAt, creator.Id, creator.Id, "EFile.Added", "file", fileId.ToString(CultureInfo.InvariantCulture), $"FileNumber: {fileNumber}; Subject: {subject}"),
            };
            await movements.WriteAsync(++movementId, fileId, (int)MovementKind.Created, creator.Id, creator.Id, creator.Id, null, (int)Priority.Normal, null, createdAt, createdAt, null);
            fileAudit.Add((createdAt, creator.Id, creator.Id, "Movement.Added", "file", fileId.ToString(CultureInfo.InvariantCulture), "Kind: Created"));
            movementCount++;
            DateTimeOffset lastAt = createdAt;
            var arrival = (Kind: MovementKind.Created, From: creator.Id, At: createdAt, Priority: Priority.Normal, Due: (DateOnly?)null, Remarks: (string?)null, Opened: (DateTimeOffset?)createdAt);
            for (var m = 0; m < moves && at < now.AddHours(-2); m++)
            {
                if (chain.Count == 1) break;
                if (position + direction >= chain.Count || position + direction < 0) direction = -direction;
                var next = chain[position + direction];
                // The sender notes before sending about two times in five.
                if (_random.NextDouble() < scale.NotesPerFile / (scale.MovementsPerFile - 1))
                {
                    var text = notes[_random.Next(notes.Count)];
                    var written = at.AddMinutes(5 + _random.Next(120));
                    var body = text.Text + "\n\n" + Detail(fileNumber);
                    await noteRows.WriteAsync(++noteId, fileId, ++noteNumber, holder.Id, holder.Id, body, text.Html + "<p>" + System.Net.WebUtility.HtmlEncode(Detail(fileNumber)) + "</p>",
                        true, written, written, written.AddMinutes(1), SearchTerms.Of(body));
                    fileAudit.Add((written, holder.Id, holder.Id, "Note.Added", "file", fileId.ToString(CultureInfo.InvariantCulture), $"Number: {noteNumber}"));
                    noteCount++;
                    at = written.AddMinutes(1);
                }
                var sentAt = at.AddMinutes(2 + _random.Next(30));
                var opened = sentAt.AddMinutes(10 + _random.Next(60 * 24));
                var isLast = m == moves - 1;
                DateTimeOffset? openedAt = isLast && _random.NextDouble() < 0.35 ? null : opened;
                var priority = _random.NextDouble() < 0.1 ? Priority.Urgent : _random.NextDouble() < 0.03 ? Priority.Immediate : Priority.Normal;
                DateOnly? due = _random.NextDouble() < 0.15 ? DateOnly.FromDateTime(sentAt.UtcDateTime).AddDays(3 + _random.Next(10)) : null;
                var remarks = _random.NextDouble() < 0.3 ? Remarks[_random.Next(Remarks.Length)] : null;
                await movements.WriteAsync(++movementId, fileId, (int)MovementKind.Sent, holder.Id, next.Id, holder.Id, remarks, (int)priority, due, sentAt, openedAt, null);
                arrival = (MovementKind.Sent, holder.Id, sentAt, priority, due, remarks, openedAt);
                fileAudit.Add((sentAt, holder.Id, holder.Id, "Movement.Added", "file", fileId.ToString(CultureInfo.InvariantCulture), $"Kind: Sent; ToPostId: {next.Id}"));
                movementCount++;
                holder = next;
                onPath.Add(next.Id);
                position += direction;
                lastAt = sentAt;
                at = (openedAt ?? sentAt).AddHours(1 + _random.Next(72));
            }

            // About one old file in five ends closed by the post that holds it when it is the creator or senior to it.
            var status = FileStatus.Open;
            if ((now - createdAt).TotalDays > 180 && _random.NextDouble() < 0.2 && Ladder[holder.DesignationIndex].Level <= Ladder[creator.DesignationIndex].Level)
            {
                status = FileStatus.Closed;
                lastAt = lastAt.AddHours(2);
                await movements.WriteAsync(++movementId, fileId, (int)MovementKind.Closed, holder.Id, holder.Id, holder.Id, "Disposed of", (int)Priority.Normal, null, lastAt, lastAt, null);
                fileAudit.Add((lastAt, holder.Id, holder.Id, "Movement.Added", "file", fileId.ToString(CultureInfo.InvariantCulture), "Kind: Closed"));
                movementCount++;
            }
            else if (_random.NextDouble() < 0.04)
            {
                status = FileStatus.Parked;
                lastAt = lastAt.AddHours(2);
                await movements.WriteAsync(++movementId, fileId, (int)MovementKind.Parked, holder.Id, holder.Id, holder.Id, null, (int)Priority.Normal, null, lastAt, lastAt, null);
                fileAudit.Add((lastAt, holder.Id, holder.Id, "Movement.Added", "file", fileId.ToString(CultureInfo.InvariantCulture), "Kind: Parked"));
                movementCount++;
            }
            // Some open files carry their holder's yellow draft, as officers leave them between sittings. Without them the
            // statistics of a generated state say that there are no drafts, and a plan that reads every draft looks cheap.
            if (status == FileStatus.Open && _random.NextDouble() < DraftsPerOpenFile)
            {
                var text = notes[_random.Next(notes.Count)];
                var written = lastAt.AddMinutes(10 + _random.Next(600));
                if (written > now) written = now;
                await noteRows.WriteAsync(++noteId, fileId, null, holder.Id, holder.Id, text.Text, text.Html, false, written, written, null, null);
                fileAudit.Add((written, holder.Id, holder.Id, "Note.Added", "file", fileId.ToString(CultureInfo.InvariantCulture), "IsConfirmed: False"));
                draftCount++;
            }
            await files.WriteAsync(fileId, computerNumber, fileNumber, subject, category, (int)FileKind.Electronic, (int)Grading.Normal, (int)RetentionCategory.C, 10,
                (int)status, department.Id, office.Id, creator.Id, createdAt, createdOn, holder.Id, lastAt, Guid.NewGuid(),
                SearchTerms.Of(fileNumber, computerNumber.ToString(CultureInfo.InvariantCulture), subject, category), null,
                (int)arrival.Kind, arrival.From, arrival.From, arrival.At, (int)arrival.Priority, arrival.Due, arrival.Remarks, arrival.Opened, noteNumber, (int)(movementCount - movementsBefore));
            foreach (var p in onPath) await participants.WriteAsync(fileId, p);
            heldCount[holder.Id]++;

            // The receipt that opened the file (six files in ten), diarised by its creator, put in as the PUC.
            if (_random.NextDouble() < scale.ReceiptsPerFile)
            {
                var receivedOn = DateOnly.FromDateTime(createdAt.UtcDateTime);
                var diary = Next(counters, $"diary/{department.Code}/{office.SectionCode}/{receivedOn.Year}");
                var diaryNumber = $"{diary}/{receivedOn.Year}/{department.Code}-{office.SectionCode.Replace("-", "")}";
                var sender = Senders[_random.Next(Senders.Length)];
                var letter = $"F.{_random.Next(1, 40)}({_random.Next(1, 900)})/{receivedOn.Year}/{_random.Next(100, 9999)}";
                await receipts.WriteAsync(++receiptId, diaryNumber, department.Id, office.Id, creator.Id, creator.Id, sender, letter, receivedOn.AddDays(-_random.Next(1, 10)),
                    receivedOn, subject, category, (int)ReceiptMode.Post, "hi", (int)Grading.Normal, false, (int)ReceiptStatus.Filed, fileId, createdAt.AddMinutes(-30),
                    Guid.NewGuid(), SearchTerms.Of(diaryNumber, sender, letter, subject, category));
                await receiptMovements.WriteAsync(++receiptMovementId, receiptId, creator.Id, creator.Id, creator.Id, null, createdAt.AddMinutes(-30));
                await correspondence.WriteAsync(++correspondenceId, fileId, 1, 1, 1, receiptId, $"{diaryNumber} — {subject}", creator.Id, createdAt, true, false);
                fileAudit.Add((createdAt.AddMinutes(-30), creator.Id, creator.Id, "Receipt.Added", "receipt", receiptId.ToString(CultureInfo.InvariantCulture), $"DiaryNumber: {diaryNumber}"));
                receiptCount++;
            }

            // The file's audit events, in time order, sealed into the chain as the sealer would.
            foreach (var (exactAt, actor, post, action, type, id, summary) in fileAudit.OrderBy(e => e.Item1))
            {
                // Stored (and hashed) to the microsecond, as PostgreSQL keeps it.
                var eventAt = new DateTimeOffset(exactAt.UtcTicks - exactAt.UtcTicks % 10, TimeSpan.Zero);
                var hash = AuditEvent.HashOf(previousHash, ++sequence, ++auditId, eventAt, actor, post, action, type, id, summary);
                await audit.WriteAsync(auditId, eventAt, actor, post, action, type, id, summary, sequence, previousHash, hash, eventAt);
                previousHash = hash;
            }
            if (fileId % 100_000 == 0 || fileId == scale.Files)
                Step(progress, watch, $"Files: {fileId:N0} of {scale.Files:N0} ({movementCount:N0} movements, {noteCount:N0} notes and {draftCount:N0} drafts, {receiptCount:N0} receipts)");
        }
        foreach (var table in new IBulkTable[] { files, participants, movements, noteRows, receipts, receiptMovements, correspondence, audit }) await table.DisposeAsync();

        Step(progress, watch, "Building indexes and constraints");
        await sink.AfterLoadAsync(Tables, progress, ct);
        await InboxCounting.RebuildAsync(db, ct);
        await db.Database.ExecuteSqlRawAsync("ANALYZE \"InboxCounts\"", ct);
        Step(progress, watch, "Inbox counts of every post");
        await Daftar.Web.Features.Search.FileWords.RebuildAsync(db, ct);
        Step(progress, watch, "Search words of every file");

        // --- Counters continue after the generated numbers; accounts and tokens for the load generator --------------
        db.ChangeTracker.Clear();
        foreach (var (key, last) in counters) db.NumberSequences.Add(new NumberSequence(key, last + 1));
        await db.SaveChangesAsync(ct);
        var tokens = await CreateLoadUsersAsync(org, heldCount, scale.LoadUsers, now, ct);
        Step(progress, watch, $"Done: {scale.Files:N0} files, {movementCount:N0} movements, {noteCount:N0} notes and {draftCount:N0} drafts, {receiptCount:N0} receipts, {auditId - lastEventId:N0} audit events; {tokens.Count} load users");
        return new Outcome(scale.Files, movementCount, noteCount, receiptCount, auditId - lastEventId, watch.Elapsed, tokens);
    }

    /// <summary>Accounts and API tokens for the posts that hold the most files (a realistic load: busy officers).</summary>
    private async Task<List<string>> CreateLoadUsersAsync(Organisation org, int[] heldCount, int count, DateTimeOffset now, CancellationToken ct)
    {
        var hash = new PasswordHasher<Daftar.Accounts.Account>().HashPassword(new Daftar.Accounts.Account(), "Daftar@2026");
        var chosen = org.Posts.OrderByDescending(p => heldCount[p.Id]).ThenBy(p => p.Id).Take(count).ToList();
        var lines = new List<string>();
        var issued = new List<(Daftar.Accounts.Account Account, GeneratedPost Post)>();
        foreach (var p in chosen)
        {
            var account = new Daftar.Accounts.Account
            {
                UserName = p.EmployeeCode,
                NormalizedUserName = p.EmployeeCode,
                EmployeeId = p.Id,
                PasswordHash = hash,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
            };
            db.Users.Add(account);
            issued.Add((account, p));
        }
        await db.SaveChangesAsync(ct);
        foreach (var (account, p) in issued)
        {
            var (token, secret) = ApiToken.Issue(account, "load", now, null);
            db.ApiTokens.Add(token);
            lines.Add($"{secret},{p.EmployeeCode},{p.Id}");
        }
        await db.SaveChangesAsync(ct);
        return lines;
    }

    private static long Next(Dictionary<string, long> counters, string key) => counters[key] = counters.GetValueOrDefault(key) + 1;

    private string Detail(string fileNumber) =>
        _random.Next(3) switch
        {
            0 => $"प्रकरण {fileNumber} में {Places[_random.Next(Places.Length)]} से प्राप्त प्रस्ताव राशि ₹{_random.Next(1, 99)},{_random.Next(10, 99)},000 का है।",
            1 => $"The estimate for {Places[_random.Next(Places.Length)]} is Rs. {_random.Next(1, 99)} lakh; the file is {fileNumber}.",
            _ => $"{Places[_random.Next(Places.Length)]} के {_random.Next(2, 60)} लाभार्थियों की सूची संलग्न है।",
        };

    private sealed record PoolNote(string Text, string Html);

    private List<PoolNote> NotePool()
    {
        var pool = new List<PoolNote>();
        for (var i = 0; i < 400; i++)
        {
            var paragraphs = Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => string.Join(" ",
                Enumerable.Range(0, 2 + _random.Next(3)).Select(_ => Sentences[_random.Next(Sentences.Length)])));
            var text = string.Join("\n\n", paragraphs);
            pool.Add(new PoolNote(text, noteText.ToHtml(text)));
        }
        return pool;
    }

    private static void Step(Action<string> progress, Stopwatch watch, string message) => progress($"[{watch.Elapsed:hh\\:mm\\:ss}] {message}");

    // --- The organisation ---------------------------------------------------------------------------------------

    private sealed record GeneratedDepartment(int Id, string Code, string NameEn, string NameHi);
    private sealed record GeneratedOffice(int Id, int DepartmentIndex, int DepartmentId, string Code, string NameEn, string NameHi, OfficeType Type, int? ParentId,
        int Depth, string SectionCode);
    private sealed record GeneratedPost(int Id, string Code, int OfficeIndex, int DesignationIndex, int? ReportsTo, string EmployeeCode, string NameEn, string NameHi);
    private sealed record Organisation(List<GeneratedDepartment> Departments, List<GeneratedOffice> Offices, List<GeneratedPost> Posts);
    private sealed record Rank(int Id, string Code, string En, string Hi, int Level);

    private static readonly Rank[] Ladder =
    [
        new(1, "ACS", "Additional Chief Secretary", "अतिरिक्त मुख्य सचिव", 2), new(2, "JS", "Joint Secretary", "संयुक्त शासन सचिव", 4),
        new(3, "DS", "Deputy Secretary", "उप शासन सचिव", 5), new(4, "SO", "Section Officer", "अनुभागाधिकारी", 6),
        new(5, "DIR", "Director", "निदेशक", 4), new(6, "JD", "Joint Director", "संयुक्त निदेशक", 5), new(7, "DO", "District Officer", "जिला अधिकारी", 5),
        new(8, "SDO", "Sub-Divisional Officer", "उपखण्ड अधिकारी", 6), new(9, "BDO", "Block Development Officer", "विकास अधिकारी", 7),
        new(10, "AO", "Administrative Officer", "प्रशासनिक अधिकारी", 7), new(11, "UDC", "Senior Assistant", "वरिष्ठ सहायक", 8),
        new(12, "LDC", "Junior Assistant", "कनिष्ठ सहायक", 9), new(13, "GVA", "Gram Vikas Adhikari", "ग्राम विकास अधिकारी", 9),
    ];

    /// <summary>The posts an office of each type has, most senior first (indices into <see cref="Ladder"/>), before extra clerks.</summary>
    private static int[] HeadsOf(OfficeType type) => type switch
    {
        OfficeType.Secretariat => [0, 1, 2, 3, 9],
        OfficeType.Directorate => [4, 5, 9],
        OfficeType.District => [6, 9],
        OfficeType.SubDivision => [7],
        OfficeType.Block => [8],
        _ => [12],
    };

    private Organisation BuildOrganisation(Scale scale)
    {
        var departments = Enumerable.Range(0, scale.Departments)
            .Select(i => new GeneratedDepartment(i + 1, $"D{i + 1:00}", $"{DepartmentNames[i % DepartmentNames.Length].En} {i / DepartmentNames.Length + 1}".Replace(" 1", ""),
                $"{DepartmentNames[i % DepartmentNames.Length].Hi}{(i / DepartmentNames.Length > 0 ? " " + (i / DepartmentNames.Length + 1) : "")}"))
            .ToList();
        var offices = new List<GeneratedOffice>();
        var perDepartment = Math.Max(2, scale.Offices / scale.Departments);
        OfficeType[] levels = [OfficeType.Secretariat, OfficeType.Directorate, OfficeType.District, OfficeType.SubDivision, OfficeType.Block, OfficeType.GramPanchayat];
        int[] fanout = [1, 33, 3, 4, 1_000];
        for (var d = 0; d < departments.Count; d++)
        {
            var department = departments[d];
            var made = 0;
            var frontier = new List<GeneratedOffice>();
            GeneratedOffice Add(OfficeType type, GeneratedOffice? parent, int n)
            {
                var id = offices.Count + 1;
                var place = Places[(id * 7 + n) % Places.Length];
                var (en, hi) = type switch
                {
                    OfficeType.Secretariat => ($"{department.NameEn}, Secretariat", $"{department.NameHi}, सचिवालय"),
                    OfficeType.Directorate => ($"Directorate, {department.NameEn}", $"निदेशालय, {department.NameHi}"),
                    OfficeType.District => ($"District Office {place}", $"जिला कार्यालय {place}"),
                    OfficeType.SubDivision => ($"Sub-Divisional Office {place} {n}", $"उपखण्ड कार्यालय {place} {n}"),
                    OfficeType.Block => ($"Block Office {place} {n}", $"ब्लॉक कार्यालय {place} {n}"),
                    _ => ($"Gram Panchayat {place} {n}", $"ग्राम पंचायत {place} {n}"),
                };
                var office = new GeneratedOffice(id, d, department.Id, $"{department.Code}-{id}", en, hi, type, parent?.Id, parent is null ? 0 : parent.Depth + 1,
                    type == OfficeType.Secretariat ? "GR-1" : "GEN");
                offices.Add(office);
                made++;
                return office;
            }
            frontier.Add(Add(OfficeType.Secretariat, null, 1));
            for (var level = 1; level < levels.Length && made < perDepartment; level++)
            {
                var next = new List<GeneratedOffice>();
                foreach (var parent in frontier)
                    for (var n = 1; n <= fanout[level - 1] && made < perDepartment; n++)
                        next.Add(Add(levels[level], parent, n));
                frontier = next;
            }
        }

        // Posts: the heads of each office, then clerks to reach the employee count, weighted to bigger offices.
        var posts = new List<GeneratedPost>();
        var headPostOf = new Dictionary<int, int>();
        var lowestOf = new Dictionary<int, int>();
        int AddPost(GeneratedOffice office, int rank, int? reportsTo)
        {
            var id = posts.Count + 1;
            var (first, last) = (FirstNames[_random.Next(FirstNames.Length)], LastNames[_random.Next(LastNames.Length)]);
            posts.Add(new GeneratedPost(id, $"{Ladder[rank].Code}-{office.Code}-{id}", office.Id - 1, rank, reportsTo,
                $"RJ{1_000_000 + id}", $"{first.En} {last.En}", $"{first.Hi} {last.Hi}"));
            return id;
        }
        foreach (var office in offices)
        {
            // An office's head reports to the head of its parent office.
            int? boss = office.ParentId is { } parent && headPostOf.TryGetValue(parent, out var senior) ? senior : null;
            foreach (var rank in HeadsOf(office.Type))
            {
                var id = AddPost(office, rank, boss);
                if (!headPostOf.ContainsKey(office.Id)) headPostOf[office.Id] = id;
                boss = id;
            }
            lowestOf[office.Id] = boss!.Value;
        }
        var weights = offices.Select(o => o.Type switch { OfficeType.Secretariat => 40, OfficeType.Directorate => 30, OfficeType.District => 20, OfficeType.SubDivision => 8, OfficeType.Block => 6, _ => 1 }).ToArray();
        var total = weights.Sum();
        var remaining = Math.Max(0, scale.Employees - posts.Count);
        for (var i = 0; i < offices.Count && remaining > 0; i++)
        {
            var extra = Math.Min(remaining, (int)Math.Round((double)scale.Employees * weights[i] / total) - HeadsOf(offices[i].Type).Length);
            for (var k = 0; k < extra; k++) AddPost(offices[i], k % 3 == 0 ? 10 : 11, lowestOf[offices[i].Id]);
            remaining -= Math.Max(0, extra);
        }
        for (var i = 0; remaining > 0; i = (i + 1) % offices.Count, remaining--) AddPost(offices[i], 11, lowestOf[offices[i].Id]);
        return new Organisation(departments, offices, posts);
    }

    private static readonly (string En, string Hi)[] DepartmentNames =
    [
        ("General Administration", "सामान्य प्रशासन"), ("Revenue", "राजस्व"), ("Home", "गृह"), ("Finance", "वित्त"), ("Medical and Health", "चिकित्सा एवं स्वास्थ्य"),
        ("School Education", "स्कूल शिक्षा"), ("Rural Development", "ग्रामीण विकास"), ("Panchayati Raj", "पंचायती राज"), ("Public Works", "सार्वजनिक निर्माण"),
        ("Water Resources", "जल संसाधन"), ("Agriculture", "कृषि"), ("Information Technology", "सूचना प्रौद्योगिकी"), ("Energy", "ऊर्जा"), ("Forest", "वन"),
        ("Social Justice", "सामाजिक न्याय"), ("Women and Child Development", "महिला एवं बाल विकास"), ("Urban Development", "नगरीय विकास"), ("Transport", "परिवहन"),
        ("Industries", "उद्योग"), ("Mines", "खान"), ("Cooperation", "सहकारिता"), ("Food and Civil Supplies", "खाद्य एवं नागरिक आपूर्ति"),
    ];

    private static readonly (string En, string Hi)[] Heads =
    [
        ("General administration", "सामान्य प्रशासन"), ("Establishment", "स्थापना"), ("Accounts", "लेखा"), ("Schemes", "योजनाएँ"), ("Procurement", "क्रय"),
        ("Legal", "विधिक"), ("Grievances", "परिवेदनाएँ"), ("Works", "निर्माण कार्य"), ("Audit", "अंकेक्षण"), ("e-Governance", "ई-गवर्नेंस"),
    ];

    private static readonly string[] Subjects =
    [
        "ग्राम पंचायत भवन की मरम्मत", "Procurement of laptops for work from home", "पेंशन प्रकरण का निस्तारण", "Transfer and posting of staff",
        "सड़क निर्माण हेतु प्रशासनिक स्वीकृति", "Annual maintenance contract", "जल आपूर्ति योजना", "Court case: writ petition", "छात्रवृत्ति भुगतान",
        "Budget re-appropriation", "आंगनबाड़ी केंद्र का निर्माण", "Grievance on land records", "वर्षा से क्षतिग्रस्त भवनों का सर्वे", "Audit para reply",
    ];

    private static readonly string[] Sentences =
    [
        "प्रस्ताव अवलोकनार्थ एवं अनुमोदनार्थ प्रस्तुत है।", "कृपया पत्रावली पर आवश्यक निर्देश प्रदान करें।", "वित्तीय स्वीकृति हेतु प्रकरण प्रस्तुत है।",
        "संबंधित अनुभाग से टिप्पणी प्राप्त कर ली गई है।", "बजट प्रावधान उपलब्ध है।", "पूर्व में जारी आदेश की प्रति संलग्न है।",
        "The proposal is placed below for approval.", "Budget provision is available under the relevant head.", "The report of the committee is at page 12/C.",
        "Legal opinion may be obtained before a decision.", "The tender committee has recommended the lowest bidder.", "Put up with the draft reply.",
        "Approved as proposed.", "Discussed; please process as per rules.", "स्वीकृत। आदेश जारी करें।", "यथा प्रस्तावित अनुमोदित।",
    ];

    private static readonly string[] Remarks = ["For approval", "अवलोकनार्थ", "Please examine", "आवश्यक कार्यवाही हेतु", "For orders", "Discussed"];
    private static readonly string[] Senders = ["जिला कलेक्टर", "Collector", "मुख्य कार्यकारी अधिकारी, जिला परिषद", "Director", "तहसीलदार", "Commissioner", "सरपंच"];
    private static readonly string[] Places =
    [
        "Jaipur", "जोधपुर", "Udaipur", "कोटा", "Ajmer", "बीकानेर", "Bharatpur", "अलवर", "Sikar", "भीलवाड़ा", "Pali", "नागौर", "Tonk", "बाड़मेर", "Churu", "झुंझुनूं",
        "Dausa", "सवाई माधोपुर", "Bundi", "चित्तौड़गढ़", "Banswara", "डूंगरपुर", "Jaisalmer", "सिरोही", "Jalore", "हनुमानगढ़", "Ganganagar", "करौली", "Dholpur", "बारां",
        "Jhalawar", "प्रतापगढ़", "Rajsamand",
    ];
    private static readonly (string En, string Hi)[] FirstNames =
        [("Ramesh", "रमेश"), ("Sunita", "सुनीता"), ("Mahesh", "महेश"), ("Kavita", "कविता"), ("Rajendra", "राजेन्द्र"), ("Pooja", "पूजा"), ("Vikram", "विक्रम"), ("Anita", "अनीता"), ("Deepak", "दीपक"), ("Neha", "नेहा")];
    private static readonly (string En, string Hi)[] LastNames =
        [("Sharma", "शर्मा"), ("Meena", "मीणा"), ("Gupta", "गुप्ता"), ("Singh", "सिंह"), ("Jat", "जाट"), ("Choudhary", "चौधरी"), ("Saini", "सैनी"), ("Rathore", "राठौड़"), ("Yadav", "यादव"), ("Soni", "सोनी")];
}
