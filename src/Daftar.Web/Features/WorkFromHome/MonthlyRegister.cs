using Daftar.Data;
using Daftar.People;
using Daftar.Web.Infrastructure;
using Daftar.WorkFromHome;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.WorkFromHome;

/// <summary>
/// The month's attendance register of the posts below the caller as an Excel workbook (issue #32 item 5): a row per
/// employee, a column per day with where they worked (O office, H home, F field, L leave; B when filled from a biometric
/// punch), and the month's totals.
/// </summary>
public sealed class MonthlyRegister(DaftarDb db, WorkFromHomeAccess access, IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    /// <summary>The register's letter for each place, in the order of <see cref="WorkPlace"/>: office, home, field, leave.</summary>
    private static readonly string[] Letters = ["O", "H", "F", "L"];

    public async Task<Result<byte[]>> HandleAsync(string? month, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return WorkFromHomeErrors.NoPost;
        var first = clock.Today() is var today ? new DateOnly(today.Year, today.Month, 1) : default;
        if (month is not null && !DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out first))
            return WorkFromHomeErrors.InvalidMonth;
        var last = first.AddMonths(1).AddDays(-1);
        var below = await access.PostsBelowAsync(viewer.PostId, ct);
        var people = await db.PostAssignments.AsNoTracking()
            .PrimaryDuring(first, last).Where(a => below.Contains(a.PostId))
            .OrderBy(a => a.Post.Level).ThenBy(a => a.Post.Code)
            .Select(a => new { a.EmployeeId, a.Employee.Code, a.Employee.NameEn, a.Employee.NameHi, PostCode = a.Post.Code }).ToListAsync(ct);
        var ids = people.Select(p => p.EmployeeId).Distinct().ToList();
        var marks = (await db.DailyAttendance.AsNoTracking().Where(a => ids.Contains(a.EmployeeId) && a.Date >= first && a.Date <= last).ToListAsync(ct))
            .ToDictionary(a => (a.EmployeeId, a.Date));
        var days = Enumerable.Range(0, last.Day).Select(first.AddDays).ToList();

        var header = new List<string> { l["Employee code"], l["Name"], l["Post"] };
        header.AddRange(days.Select(d => d.Day.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        header.AddRange([l["Office"], l["At home"], l["Field or tour"], l["On leave"], l["Not marked"]]);
        var rows = new List<List<string>> { header };
        foreach (var p in people.GroupBy(p => p.EmployeeId).Select(g => g.First()))
        {
            var row = new List<string> { p.Code, Localisation.Pick(p.NameEn, p.NameHi), p.PostCode };
            var counts = new Dictionary<WorkPlace, int>();
            var unmarked = 0;
            foreach (var d in days)
            {
                if (marks.TryGetValue((p.EmployeeId, d), out var mark))
                {
                    counts[mark.Place] = counts.GetValueOrDefault(mark.Place) + 1;
                    row.Add(Letters[(int)mark.Place - 1] + (mark.Source == MarkSource.Biometric ? "B" : ""));
                }
                else
                {
                    row.Add("");
                    if (d <= clock.Today() && d.DayOfWeek != DayOfWeek.Sunday) unmarked++;
                }
            }
            row.AddRange([.. new[] { WorkPlace.Office, WorkPlace.Home, WorkPlace.Field, WorkPlace.Leave }.Select(w => counts.GetValueOrDefault(w).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                unmarked.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            rows.Add(row);
        }
        return Workbook($"{first:yyyy-MM}", rows);
    }

    /// <summary>A one-sheet .xlsx with text cells (inline strings): what the register needs, written with the OpenXML SDK.</summary>
    public static byte[] Workbook(string sheetName, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            foreach (var values in rows)
            {
                var row = new Row();
                foreach (var value in values)
                    row.Append(int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && value.Length < 10
                        ? new Cell { DataType = CellValues.Number, CellValue = new CellValue(number) }
                        : new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(value)) });
                data.Append(row);
            }
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
        }
        return stream.ToArray();
    }
}

/// <summary>Biometric punches from the office's attendance system fill office days (issue #32 item 5). Columns: employee_code, date (YYYY-MM-DD).</summary>
public sealed class ImportPunches(DaftarDb db, WorkFromHomeAccess access, IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    public async Task<Result<TaskImportAnswer>> HandleAsync(Stream stream, string fileName, People.Import.ImportMode mode, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return WorkFromHomeErrors.NoPost;
        if (!viewer.IsAdministrator) return WorkFromHomeErrors.NotAdministrator;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var errors = new List<TaskImportAnswer.Problem>();
        void Add(int? row, string? column, string message, params object[] args) =>
            errors.Add(new(row, column, string.Format(System.Globalization.CultureInfo.CurrentCulture, l[message], args)));
        List<People.Import.ImportRow> rows;
        try
        {
            rows = People.Import.ImportFile.Read(stream, fileName);
        }
        catch (People.Import.ImportFileException ex)
        {
            Add(null, null, ex.Message, ex.Args);
            return new TaskImportAnswer(mode, 0, 0, 0, 0, errors, false, watch.Elapsed.TotalSeconds);
        }
        var employees = await db.Employees.AsNoTracking().ToDictionaryAsync(e => e.Code, e => e.Id, ct);
        var punches = new HashSet<(int, DateOnly)>();
        foreach (var row in rows)
        {
            var code = Daftar.People.Text.Clean(row["employee_code"])?.ToUpperInvariant();
            if (code is null || !employees.TryGetValue(code, out var employee)) { Add(row.Number, "employee_code", "No employee has the code {0}.", code ?? ""); continue; }
            if (!DateOnly.TryParseExact(row["date"]?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date) || date > clock.Today())
            { Add(row.Number, "date", "Write the date as YYYY-MM-DD, not later than today."); continue; }
            punches.Add((employee, date));
        }
        var applied = mode == People.Import.ImportMode.ValidRows || errors.Count == 0;
        var filled = 0;
        if (applied)
        {
            var ids = punches.Select(p => p.Item1).Distinct().ToList();
            var existing = (await db.DailyAttendance.Where(a => ids.Contains(a.EmployeeId)).ToListAsync(ct)).ToDictionary(a => (a.EmployeeId, a.Date));
            foreach (var (employee, date) in punches)
            {
                // A punch is proof of a day in the office: it fills an unmarked day and corrects "home"; leave and field stay.
                if (!existing.TryGetValue((employee, date), out var mark)) db.DailyAttendance.Add(new DailyAttendance(employee, null, date, WorkPlace.Office, MarkSource.Biometric, clock.GetUtcNow()));
                else if (mark.Place == WorkPlace.Home) mark.Change(WorkPlace.Office, MarkSource.Biometric, clock.GetUtcNow());
                else continue;
                filled++;
            }
            await db.SaveChangesAsync(ct);
        }
        return new TaskImportAnswer(mode, rows.Count, filled, 0, errors.Where(e => e.Row is not null).Select(e => e.Row).Distinct().Count(), errors, applied, watch.Elapsed.TotalSeconds);
    }
}
