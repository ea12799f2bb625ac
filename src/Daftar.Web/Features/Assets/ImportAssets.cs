using System.Diagnostics;
using System.Globalization;
using Daftar.Assets;
using Daftar.Data;
using Daftar.Web.Features.People.Import;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Assets;

/// <summary>An import of an asset register: rows read, assets registered, and every error with its row and column (in the caller's language).</summary>
public sealed record AssetImportAnswer(ImportMode Mode, int Rows, int Created, int RowsWithErrors, IReadOnlyList<AssetImportAnswer.Problem> Errors, bool Applied, double Seconds)
{
    public sealed record Problem(int? Row, string? Column, string Message);
}

/// <summary>
/// Imports an existing asset register from CSV or Excel (issue #34 item 1), with the employee import's rules
/// (<see cref="ImportFile"/>): all or nothing by default, or the valid rows only; every error names its row and column,
/// and a serial number or tag already registered, or repeated in the file, is refused with the row named.
/// Columns: office (code), kind (Laptop, Desktop, Tablet, PrinterScanner, DataCard, Sim, Broadband, VpnToken, SigningToken),
/// make, model, serial_number, tag, purchase_order, purchased_on (YYYY-MM-DD), cost, warranty_ends (YYYY-MM-DD).
/// </summary>
public sealed class ImportAssets(DaftarDb db, AssetsAccess access, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public static readonly string[] Columns = ["office", "kind", "make", "model", "serial_number", "tag", "purchase_order", "purchased_on", "cost", "warranty_ends"];
    private static readonly string[] Required = ["office", "kind", "make", "model", "serial_number", "tag"];

    public async Task<Result<AssetImportAnswer>> HandleAsync(Stream stream, string fileName, ImportMode mode, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return AssetsErrors.NoPost;
        if (!viewer.IsAdministrator && viewer.KeepsOffices.Count == 0) return AssetsErrors.NotKeeper;
        return await ImportAsync(stream, fileName, mode, viewer.MayKeep, viewer.EmployeeId, ct);
    }

    public async Task<AssetImportAnswer> ImportAsync(Stream stream, string fileName, ImportMode mode, Func<int, bool> mayKeep, int? byEmployeeId, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var errors = new List<AssetImportAnswer.Problem>();
        void Add(int? row, string? column, string message, params object[] args) =>
            errors.Add(new(row, column, string.Format(CultureInfo.CurrentCulture, l[message], args)));
        AssetImportAnswer Answer(int rows, int created, bool applied) =>
            new(mode, rows, created, errors.Where(e => e.Row is not null).Select(e => e.Row).Distinct().Count(), errors, applied, watch.Elapsed.TotalSeconds);

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
        var headers = rows.FirstOrDefault()?.Cells.Keys.ToHashSet() ?? [];
        foreach (var missing in Required.Where(c => rows.Count > 0 && !headers.Contains(c))) Add(null, missing, "The column {0} is missing.", missing);
        if (rows.Count == 0) Add(null, null, "The file has no data rows.");
        if (errors.Count > 0) return Answer(rows.Count, 0, false);

        var offices = await db.Offices.AsNoTracking().ToDictionaryAsync(o => o.Code, o => o.Id, ct);
        var serials = rows.Select(r => Daftar.People.Text.Clean(r["serial_number"])?.ToUpperInvariant()).OfType<string>().Distinct().ToList();
        var tags = rows.Select(r => Daftar.People.Text.Clean(r["tag"])?.ToUpperInvariant()).OfType<string>().Distinct().ToList();
        // Chunked: a register of a district's thousands of assets stays within the providers' parameter limits.
        var takenSerials = new HashSet<string>();
        foreach (var chunk in serials.Chunk(500)) takenSerials.UnionWith(await db.Assets.Where(a => chunk.Contains(a.SerialNumber)).Select(a => a.SerialNumber).ToListAsync(ct));
        var takenTags = new HashSet<string>();
        foreach (var chunk in tags.Chunk(500)) takenTags.UnionWith(await db.Assets.Where(a => chunk.Contains(a.Tag)).Select(a => a.Tag).ToListAsync(ct));
        var seenSerials = new Dictionary<string, int>();
        var seenTags = new Dictionary<string, int>();
        var today = clock.Today();
        var now = clock.GetUtcNow();
        var created = 0;
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            var before = errors.Count;
            void Fail(string column, string message, params object[] args) => Add(row.Number, column, message, args);
            var officeCode = Daftar.People.Text.Clean(row["office"])?.ToUpperInvariant();
            var office = 0;
            if (officeCode is null || !offices.TryGetValue(officeCode, out office)) Fail("office", "No office has the code {0}.", officeCode ?? "");
            else if (!mayKeep(office)) Fail("office", "Only the office's store keepers (or an administrator) keep its inventory.");
            if (!Enum.TryParse<AssetKind>(row["kind"], ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
                Fail("kind", "{0} is not one of the kinds: {1}.", row["kind"] ?? "", string.Join(", ", Enum.GetNames<AssetKind>()));
            var purchasedOn = Date(row, "purchased_on", Fail);
            var warrantyEnds = Date(row, "warranty_ends", Fail);
            decimal? cost = null;
            if (Daftar.People.Text.Clean(row["cost"]) is { } costText)
            {
                if (decimal.TryParse(costText.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var c)) cost = c;
                else Fail("cost", "Write the cost as a number, e.g. 58500.00.");
            }
            // Repeats and registered ones are named even on a row with other errors.
            var serial = Daftar.People.Text.Clean(row["serial_number"])?.ToUpperInvariant();
            var tag = Daftar.People.Text.Clean(row["tag"])?.ToUpperInvariant();
            if (serial is not null && takenSerials.Contains(serial)) Fail("serial_number", "Another asset already has this serial number.");
            else if (serial is not null && seenSerials.TryGetValue(serial, out var firstSerial)) Fail("serial_number", "Serial number {0} also appears in row {1}.", serial, firstSerial);
            if (tag is not null && takenTags.Contains(tag)) Fail("tag", "Another asset already has this asset tag.");
            else if (tag is not null && seenTags.TryGetValue(tag, out var firstTag)) Fail("tag", "Asset tag {0} also appears in row {1}.", tag, firstTag);
            if (serial is not null) seenSerials.TryAdd(serial, row.Number);
            if (tag is not null) seenTags.TryAdd(tag, row.Number);
            if (errors.Count > before) continue;
            var checkedRow = RegisterAsset.Check(new RegisterAssetCommand(kind, row["make"], row["model"], row["serial_number"], row["tag"], office, row["purchase_order"], purchasedOn, cost, warrantyEnds), today);
            foreach (var e in checkedRow.Errors) Fail(ColumnOf(e.Field), e.Message, e.Args);
            if (!checkedRow.Succeeded) continue;
            var f = checkedRow.Value!;
            db.Assets.Add(new Asset(kind, f.Make, f.Model, f.Serial, f.Tag, office, f.PurchaseOrder, purchasedOn, cost, warrantyEnds, byEmployeeId, now));
            created++;
        }
        var applied = mode == ImportMode.ValidRows || errors.Count == 0;
        if (!applied)
        {
            db.ChangeTracker.Clear();
            return Answer(rows.Count, 0, false);
        }
        await db.SaveChangesAsync(ct);
        return Answer(rows.Count, created, true);
    }

    private static DateOnly? Date(ImportRow row, string column, Action<string, string, object[]> fail)
    {
        if (Daftar.People.Text.Clean(row[column]) is not { } text) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        fail(column, "Write the date as YYYY-MM-DD; {0} is not.", [text]);
        return null;
    }

    private static string ColumnOf(string? field) => field switch
    {
        "serialNumber" => "serial_number",
        "purchaseOrder" => "purchase_order",
        "purchasedOn" => "purchased_on",
        "warrantyEnds" => "warranty_ends",
        null => "",
        _ => field,
    };
}
