using System.Diagnostics;
using System.Globalization;
using Daftar.Data;
using Daftar.People;
using Daftar.Web.Features.People.Import;
using Daftar.Web.Infrastructure;
using Daftar.WorkFromHome;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.WorkFromHome;

/// <summary>An import of the catalogue: rows read, tasks created and updated, and every error with its row and column (in the caller's language).</summary>
public sealed record TaskImportAnswer(ImportMode Mode, int Rows, int Created, int Updated, int RowsWithErrors, IReadOnlyList<TaskImportAnswer.Problem> Errors, bool Applied, double Seconds)
{
    public sealed record Problem(int? Row, string? Column, string Message);
}

/// <summary>
/// Imports a department's task catalogue from CSV or Excel (issue #32 item 1), with the employee import's rules
/// (<see cref="ImportFile"/>): all or nothing by default, or the valid rows only; every error names its row and column.
/// Columns: department, code, name_en, name_hi, sections (codes, ";"), facts (names, ";"), note, performers
/// ("LDC:Secretariat;ASO:Secretariat"). An existing task (same department and code) is updated.
/// </summary>
public sealed class ImportTasks(DaftarDb db, WorkFromHomeAccess access, IStringLocalizer<SharedResource> l)
{
    public static readonly string[] Columns = ["department", "code", "name_en", "name_hi", "sections", "facts", "note", "performers"];
    private static readonly string[] Required = ["department", "code", "name_en", "name_hi"];

    public async Task<Result<TaskImportAnswer>> HandleAsync(Stream stream, string fileName, ImportMode mode, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return WorkFromHomeErrors.NoPost;
        if (!viewer.IsAdministrator && viewer.Level > WorkFromHomeAccess.CatalogueLevel) return WorkFromHomeErrors.NotYourDepartment;
        return await ImportAsync(stream, fileName, mode, department => WorkFromHomeAccess.MayKeepCatalogue(viewer, department), null, ct);
    }

    /// <summary>
    /// The import itself. <paramref name="mayKeep"/> says whose catalogues the importer keeps (every department from the
    /// command line, whose user holds the installation); <paramref name="progress"/> hears each stage, as the employee import's does.
    /// </summary>
    public async Task<TaskImportAnswer> ImportAsync(Stream stream, string fileName, ImportMode mode, Func<int, bool> mayKeep, IProgress<ImportProgress>? progress,
        CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var errors = new List<TaskImportAnswer.Problem>();
        void Add(int? row, string? column, string message, params object[] args) =>
            errors.Add(new(row, column, string.Format(CultureInfo.CurrentCulture, l[message], args)));
        TaskImportAnswer Answer(int rows, int created, int updated, bool applied) =>
            new(mode, rows, created, updated, errors.Where(e => e.Row is not null).Select(e => e.Row).Distinct().Count(), errors, applied, watch.Elapsed.TotalSeconds);

        List<ImportRow> rows;
        progress?.Report(new ImportProgress("Reading", 0, 1));
        try
        {
            rows = ImportFile.Read(stream, fileName);
        }
        catch (ImportFileException ex)
        {
            Add(null, null, ex.Message, ex.Args);
            return Answer(0, 0, 0, false);
        }
        var headers = rows.FirstOrDefault()?.Cells.Keys.ToHashSet() ?? [];
        foreach (var missing in Required.Where(c => rows.Count > 0 && !headers.Contains(c))) Add(null, missing, "The column {0} is missing.", missing);
        if (rows.Count == 0) Add(null, null, "The file has no data rows.");
        if (errors.Count > 0) return Answer(rows.Count, 0, 0, false);

        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Id, ct);
        var designations = await db.Designations.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Id, ct);
        var sections = (await db.Sections.AsNoTracking().Select(s => new { s.Code, s.Office.DepartmentId }).ToListAsync(ct)).ToLookup(s => s.DepartmentId, s => s.Code);
        var existing = await db.WorkTasks.Include(t => t.Performers).ToDictionaryAsync(t => (t.DepartmentId, t.Code), ct);
        var seen = new Dictionary<(int, string), int>();
        int created = 0, updated = 0, done = 0;
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            if (++done % 200 == 0) progress?.Report(new ImportProgress("Checking", done, rows.Count));
            var before = errors.Count;
            void Fail(string column, string message, params object[] args) => Add(row.Number, column, message, args);
            var v = new Validation();
            var code = v.Code(row["code"], "code", "Task code", 40);
            var nameEn = v.Required(row["name_en"], "name_en", "Name (English)", 300);
            var nameHi = v.Required(row["name_hi"], "name_hi", "Name (Hindi)", 300);
            var note = v.Optional(row["note"], "note", "What the facts mean for this task", 1000);
            foreach (var e in v.Errors) Fail(e.Field!, e.Message, e.Args);
            var departmentCode = Text.Clean(row["department"])?.ToUpperInvariant();
            if (departmentCode is null || !departments.TryGetValue(departmentCode, out var department))
            {
                Fail("department", "No department has the code {0}.", departmentCode ?? "");
                continue;
            }
            if (!mayKeep(department)) Fail("department", "Only the department's administrators and section officers keep its catalogue.");
            var facts = TaskFact.None;
            foreach (var name in Split(row["facts"]))
            {
                if (Enum.TryParse<TaskFact>(name, ignoreCase: true, out var fact) && TaskFacts.All.Contains(fact)) facts |= fact;
                else Fail("facts", "{0} is not one of the facts: {1}.", name, string.Join(", ", TaskFacts.All));
            }
            var taskSections = Split(row["sections"]).Select(s => s.ToUpperInvariant()).ToList();
            foreach (var s in taskSections.Where(s => !sections[department].Contains(s))) Fail("sections", "The department has no section {0}.", s);
            var performers = new List<(int, OfficeType)>();
            foreach (var p in Split(row["performers"]))
            {
                var parts = p.Split(':', 2, StringSplitOptions.TrimEntries);
                if (parts.Length == 2 && designations.TryGetValue(parts[0].ToUpperInvariant(), out var designation) && Enum.TryParse<OfficeType>(parts[1], ignoreCase: true, out var type) && Enum.IsDefined(type))
                    performers.Add((designation, type));
                else Fail("performers", "Write performers as designation code and office type, e.g. LDC:Secretariat; {0} is not.", p);
            }
            if (TaskFacts.Contradiction(facts) is { } contradiction) Fail("facts", contradiction.Message);
            if (code is not null && seen.TryGetValue((department, code), out var first)) Fail("code", "Task code {0} also appears in row {1}.", code, first);
            else if (code is not null) seen[(department, code)] = row.Number;
            if (errors.Count > before) continue;

            if (!existing.TryGetValue((department, code!), out var task))
            {
                task = db.WorkTasks.Add(new WorkTask(department, code!, nameEn!, nameHi!)).Entity;
                existing[(department, code!)] = task;
                created++;
            }
            else updated++;
            task.Describe(nameEn!, nameHi!, taskSections, facts, note);
            task.SetPerformers(performers);
        }
        progress?.Report(new ImportProgress("Checking", rows.Count, rows.Count));
        var applied = mode == ImportMode.ValidRows || errors.Count == 0;
        if (!applied) return Answer(rows.Count, 0, 0, false);
        progress?.Report(new ImportProgress("Saving", 0, 1));
        await db.SaveChangesAsync(ct);
        progress?.Report(new ImportProgress("Saving", 1, 1));
        return Answer(rows.Count, created, updated, true);
    }

    private static IEnumerable<string> Split(string? cell) =>
        (cell ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
