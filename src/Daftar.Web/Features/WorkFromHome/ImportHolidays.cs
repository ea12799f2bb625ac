using System.Diagnostics;
using System.Globalization;
using Daftar.Data;
using Daftar.Web.Features.People.Import;
using Daftar.Web.Infrastructure;
using Daftar.WorkFromHome;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.WorkFromHome;

/// <summary>
/// Imports a holiday calendar (issue #32 item 4) from CSV or Excel — columns date (YYYY-MM-DD), name_en, name_hi, office
/// (an office's code for a district's local holidays; empty for the whole state) — all or nothing, or the valid rows.
/// Administrators only; a holiday already on record for that day and office is left as it is.
/// </summary>
public sealed class ImportHolidays(DaftarDb db, WorkFromHomeAccess access, IStringLocalizer<SharedResource> l)
{
    public async Task<Result<TaskImportAnswer>> HandleAsync(Stream stream, string fileName, ImportMode mode, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return WorkFromHomeErrors.NoPost;
        if (!viewer.IsAdministrator) return WorkFromHomeErrors.NotAdministrator;
        var watch = Stopwatch.StartNew();
        var errors = new List<TaskImportAnswer.Problem>();
        void Add(int? row, string? column, string message, params object[] args) =>
            errors.Add(new(row, column, string.Format(CultureInfo.CurrentCulture, l[message], args)));
        TaskImportAnswer Answer(int rows, int created, bool applied) =>
            new(mode, rows, created, 0, errors.Where(e => e.Row is not null).Select(e => e.Row).Distinct().Count(), errors, applied, watch.Elapsed.TotalSeconds);

        List<ImportRow> rows;
        try
        {
            rows = ImportFile.Read(stream, fileName);
        }
        catch (ImportFileException ex)
        {
            Add(null, null, ex.Message, ex.Args);
            return Answer(0, 0, false);
        }
        if (rows.Count == 0) Add(null, null, "The file has no data rows.");
        foreach (var missing in new[] { "date", "name_en", "name_hi" }.Where(c => rows.Count > 0 && !rows[0].Cells.ContainsKey(c))) Add(null, missing, "The column {0} is missing.", missing);
        if (errors.Count > 0) return Answer(rows.Count, 0, false);

        var offices = await db.Offices.AsNoTracking().ToDictionaryAsync(o => o.Code, o => o.Id, ct);
        var known = (await db.Holidays.AsNoTracking().Select(h => new { h.Date, h.OfficeId }).ToListAsync(ct)).Select(h => (h.Date, h.OfficeId)).ToHashSet();
        var created = 0;
        foreach (var row in rows)
        {
            var before = errors.Count;
            void Fail(string column, string message, params object[] args) => Add(row.Number, column, message, args);
            var v = new Validation();
            var nameEn = v.Required(row["name_en"], "name_en", "Name (English)", 200);
            var nameHi = v.Required(row["name_hi"], "name_hi", "Name (Hindi)", 200);
            foreach (var e in v.Errors) Fail(e.Field!, e.Message, e.Args);
            if (!DateOnly.TryParseExact(row["date"]?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                Fail("date", "Write the date as YYYY-MM-DD.");
            int? office = null;
            if (Daftar.People.Text.Clean(row["office"])?.ToUpperInvariant() is { } code)
            {
                if (offices.TryGetValue(code, out var id)) office = id;
                else Fail("office", "No office has the code {0}.", code);
            }
            if (errors.Count > before || !known.Add((date, office))) continue;
            db.Holidays.Add(new Holiday(date, nameEn!, nameHi!, office));
            created++;
        }
        var applied = mode == ImportMode.ValidRows || errors.Count == 0;
        if (!applied) return Answer(rows.Count, 0, false);
        await db.SaveChangesAsync(ct);
        return Answer(rows.Count, created, true);
    }
}
