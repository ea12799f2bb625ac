using System.Diagnostics;
using System.Globalization;
using Daftar.Data;
using Daftar.People;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.People.Import;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ImportMode>))]
public enum ImportMode
{
    /// <summary>Any error in any row: nothing changes.</summary>
    AllOrNothing = 1,
    /// <summary>Valid rows are imported; rows with errors are reported and left out.</summary>
    ValidRows = 2,
}

public sealed record ImportProgress(string Stage, int Done, int Total);

/// <summary>A problem with one cell (or the whole file when Row is null); Message is an English text that is also a translation key.</summary>
public sealed record ImportError(int? Row, string? Column, string Message, params object[] Args)
{
    /// <summary>The message in English with its values filled in (the command line, logs of the job).</summary>
    public string Text => string.Format(CultureInfo.InvariantCulture, Message, Args);
}

public sealed record ImportReport(ImportMode Mode, int Rows, int Created, int Updated, int PostingsAdded, int PostsCreated,
    IReadOnlyList<ImportError> Errors, bool Applied, TimeSpan Took)
{
    public int RowsWithErrors => Errors.Where(e => e.Row is not null).Select(e => e.Row).Distinct().Count();

    public string Summary(IFormatProvider culture) => Applied
        ? string.Format(culture, "Imported: {0} employees created, {1} updated, {2} postings added, {3} posts created; {4} rows left out because of errors ({5:0.0} s).",
            Created, Updated, PostingsAdded, PostsCreated, RowsWithErrors, Took.TotalSeconds)
        : string.Format(culture, "Nothing was imported: {0} rows have errors. Correct them and import the file again.", Math.Max(RowsWithErrors, 1));
}

/// <summary>
/// Imports the employee master. Every row is checked first and every error names its row and column; then either
/// everything valid is saved in one transaction, or (all-or-nothing mode, the default) nothing is saved at all.
/// Re-importing updates employees by employee code.
/// </summary>
public sealed class EmployeeImporter(DaftarDb db, TimeProvider clock)
{
    public static readonly string[] Columns =
        ["employee_code", "name_en", "name_hi", "email", "mobile", "post_code", "charge", "from_date", "to_date",
         "designation_code", "office_code", "section_code", "reports_to"];
    private static readonly string[] RequiredColumns = ["employee_code", "name_en", "name_hi"];
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd-MM-yyyy", "dd/MM/yyyy", "d/M/yyyy", "d-M-yyyy", "dd.MM.yyyy"];

    public async Task<ImportReport> ImportAsync(Stream stream, string fileName, ImportMode mode, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        List<ImportRow> rows;
        try
        {
            progress?.Report(new ImportProgress("Reading", 0, 1));
            rows = ImportFile.Read(stream, fileName);
        }
        catch (ImportFileException ex)
        {
            return new ImportReport(mode, 0, 0, 0, 0, 0, [new ImportError(null, null, ex.Message, ex.Args)], false, watch.Elapsed);
        }

        var headerErrors = CheckHeaders(rows);
        if (headerErrors.Count > 0 || rows.Count == 0)
        {
            if (rows.Count == 0 && headerErrors.Count == 0) headerErrors.Add(new ImportError(null, null, "The file has no data rows."));
            return new ImportReport(mode, rows.Count, 0, 0, 0, 0, headerErrors, false, watch.Elapsed);
        }

        var today = clock.Today();
        var employees = await db.Employees.Include(e => e.Assignments).ThenInclude(a => a.Post).ToDictionaryAsync(e => e.Code, ct);
        var posts = await db.Posts.Include(p => p.Designation).Include(p => p.Office).ToDictionaryAsync(p => p.Code, ct);
        var holders = (await db.PostAssignments.ToListAsync(ct)).ToLookup(a => a.PostId);
        var designations = await db.Designations.ToDictionaryAsync(d => d.Code, ct);
        var offices = await db.Offices.ToDictionaryAsync(o => o.Code, ct);
        var sections = await db.Sections.ToListAsync(ct);

        var errors = new List<ImportError>();
        var seenCodes = new Dictionary<string, int>();
        var newHolders = new Dictionary<Post, List<PostAssignment>>();
        int created = 0, updated = 0, postings = 0, postsCreated = 0;

        for (var i = 0; i < rows.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            if (i % 500 == 0) progress?.Report(new ImportProgress("Checking", i, rows.Count));
            var row = rows[i];
            var rowErrors = new List<ImportError>();
            void Fail(string column, string message, params object[] args) => rowErrors.Add(new ImportError(row.Number, column, message, args));

            var v = new Validation();
            var code = v.Code(row["employee_code"], "employee_code", "Employee code", 40);
            var nameEn = v.Required(row["name_en"], "name_en", "Name (English)", 200);
            var nameHi = v.Required(row["name_hi"], "name_hi", "Name (Hindi)", 200);
            var email = v.Email(row["email"], "email", "E-mail");
            var mobile = v.Mobile(row["mobile"], "mobile", "Mobile");
            foreach (var e in v.Errors) Fail(e.Field!, e.Message, e.Args);
            if (nameHi is not null && !nameHi.Any(c => c is >= '\u0900' and <= '\u097F'))
                Fail("name_hi", "The Hindi name must be written in Devanagari.");
            if (code is not null && seenCodes.TryGetValue(code, out var firstRow))
                Fail("employee_code", "Employee code {0} also appears in row {1}.", code, firstRow);
            else if (code is not null) seenCodes[code] = row.Number;

            var kind = ChargeKind.Primary;
            switch (Daftar.People.Text.Clean(row["charge"])?.ToLowerInvariant())
            {
                case null or "primary" or "regular" or "p": break;
                case "additional" or "additional charge" or "additional_charge" or "a": kind = ChargeKind.AdditionalCharge; break;
                default: Fail("charge", "Charge must be 'primary' or 'additional'."); break;
            }
            var from = ParseDate(row["from_date"], "from_date", Fail) ?? today;
            var to = ParseDate(row["to_date"], "to_date", Fail);
            if (to is not null && to < from) Fail("to_date", "The end date is before the start date.");

            Post? post = null;
            var postCode = Daftar.People.Text.Clean(row["post_code"])?.ToUpperInvariant();
            if (postCode is not null && !posts.TryGetValue(postCode, out post))
            {
                post = NewPost(row, postCode, designations, offices, sections, posts, Fail);
            }
            else if (postCode is null && (Daftar.People.Text.Clean(row["designation_code"]) ?? Daftar.People.Text.Clean(row["office_code"])) is not null)
            {
                Fail("post_code", "Give a post code to create or fill a post.");
            }

            if (rowErrors.Count == 0)
            {
                var isNew = !employees.TryGetValue(code!, out var employee);
                employee ??= new Employee(code!, nameEn!, nameHi!, email, mobile);
                if (post is not null && !AlreadyHolds(employee, post, kind))
                {
                    var postHolders = holders[post.Id].Concat(newHolders.GetValueOrDefault(post) ?? []);
                    var refused = employee.AssignTo(post, kind, from, to, postHolders);
                    if (refused is not null) Fail("post_code", refused.Message);
                    else
                    {
                        postings++;
                        if (!newHolders.TryGetValue(post, out var list)) newHolders[post] = list = [];
                        list.Add(employee.Assignments[^1]);
                    }
                }
                if (rowErrors.Count == 0)
                {
                    if (isNew)
                    {
                        employees[code!] = employee;
                        db.Employees.Add(employee);
                        created++;
                    }
                    else
                    {
                        employee.Update(nameEn!, nameHi!, email, mobile);
                        updated++;
                    }
                    if (post is not null && post.Id == 0 && !posts.ContainsKey(post.Code))
                    {
                        posts[post.Code] = post;
                        db.Posts.Add(post);
                        postsCreated++;
                    }
                }
            }
            errors.AddRange(rowErrors);
        }
        progress?.Report(new ImportProgress("Checking", rows.Count, rows.Count));

        if (mode == ImportMode.AllOrNothing && errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return new ImportReport(mode, rows.Count, 0, 0, 0, 0, errors, false, watch.Elapsed);
        }
        progress?.Report(new ImportProgress("Saving", 0, 1));
        await db.SaveChangesAsync(ct);
        progress?.Report(new ImportProgress("Saving", 1, 1));
        return new ImportReport(mode, rows.Count, created, updated, postings, postsCreated, errors, true, watch.Elapsed);
    }

    private static List<ImportError> CheckHeaders(List<ImportRow> rows)
    {
        var errors = new List<ImportError>();
        var present = rows.FirstOrDefault()?.Cells.Keys.ToHashSet() ?? [];
        if (rows.Count == 0) return errors;
        foreach (var column in RequiredColumns.Where(c => !present.Contains(c)))
            errors.Add(new ImportError(null, column, "The column {0} is missing.", column));
        foreach (var column in present.Where(c => c.Length > 0 && !Columns.Contains(c)))
            errors.Add(new ImportError(null, column, "The column {0} is not known. Known columns: {1}.", column, string.Join(", ", Columns)));
        return errors;
    }

    private static bool AlreadyHolds(Employee employee, Post post, ChargeKind kind) =>
        employee.Assignments.Any(a => a.Post == post && a.Kind == kind && a.To is null);

    private static DateOnly? ParseDate(string? text, string column, Action<string, string, object[]> fail)
    {
        var clean = Daftar.People.Text.Clean(text);
        if (clean is null) return null;
        if (DateOnly.TryParseExact(clean, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        // Excel stores dates as day numbers.
        if (double.TryParse(clean, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 1 and < 2958465)
            return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
        fail(column, "'{0}' is not a date. Write dates as YYYY-MM-DD or DD-MM-YYYY.", [clean]);
        return null;
    }

    private static Post? NewPost(ImportRow row, string postCode, Dictionary<string, Designation> designations, Dictionary<string, Office> offices,
        List<Section> sections, Dictionary<string, Post> posts, Action<string, string, object[]> fail)
    {
        var designationCode = Daftar.People.Text.Clean(row["designation_code"])?.ToUpperInvariant();
        var officeCode = Daftar.People.Text.Clean(row["office_code"])?.ToUpperInvariant();
        if (designationCode is null || officeCode is null)
        {
            fail("post_code", "Post {0} does not exist. To create it, fill designation_code and office_code.", [postCode]);
            return null;
        }
        if (!postCode.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '&') || postCode.Length > 60)
        {
            fail("post_code", "{0} may contain only letters, digits and - _ . / &.", ["Post code"]);
            return null;
        }
        if (!designations.TryGetValue(designationCode, out var designation))
            fail("designation_code", "Designation {0} does not exist.", [designationCode]);
        if (!offices.TryGetValue(officeCode, out var office))
            fail("office_code", "Office {0} does not exist.", [officeCode]);
        Section? section = null;
        var sectionCode = Daftar.People.Text.Clean(row["section_code"])?.ToUpperInvariant();
        if (sectionCode is not null && office is not null)
        {
            section = sections.FirstOrDefault(s => s.OfficeId == office.Id && s.Code == sectionCode);
            if (section is null) fail("section_code", "Section {0} does not exist in office {1}.", [sectionCode, officeCode]);
        }
        Post? reportsTo = null;
        var reportsToCode = Daftar.People.Text.Clean(row["reports_to"])?.ToUpperInvariant();
        if (reportsToCode is not null && !posts.TryGetValue(reportsToCode, out reportsTo))
            fail("reports_to", "Post {0} does not exist.", [reportsToCode]);
        if (designation is null || office is null) return null;
        return new Post(postCode, designation, office, section, reportsTo);
    }
}
