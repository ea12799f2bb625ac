using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Daftar.Web.Features.People.Import;

/// <summary>One data row of an import file: its 1-based row number as the user sees it, and its cells by column name.</summary>
public sealed record ImportRow(int Number, IReadOnlyDictionary<string, string?> Cells)
{
    public string? this[string column] => Cells.TryGetValue(column, out var v) ? v : null;
}

public sealed class ImportFileException(string message, params object[] args) : Exception(message)
{
    /// <summary>Values for the placeholders in the message, which is also its translation key.</summary>
    public object[] Args { get; } = args;
}

/// <summary>Reads CSV (UTF-8, with or without BOM) and Excel .xlsx files into header-named rows.</summary>
public static class ImportFile
{
    public const int MaxRows = 200_000;

    public static List<ImportRow> Read(Stream stream, string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return extension switch
        {
            ".csv" or ".txt" => ReadCsv(stream),
            ".xlsx" => ReadXlsx(stream),
            _ => throw new ImportFileException("Only .csv and .xlsx files can be imported."),
        };
    }

    public static string NormaliseHeader(string? header) =>
        (header ?? "").Trim().Trim('\uFEFF').ToLowerInvariant().Replace(' ', '_').Replace('-', '_');

    private static List<ImportRow> ReadCsv(Stream stream)
    {
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = null,
            MissingFieldFound = null,
            DetectDelimiter = true,
            TrimOptions = TrimOptions.Trim,
        };
        using var csv = new CsvReader(reader, config);
        var rows = new List<ImportRow>();
        try
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is null)
                throw new ImportFileException("The file is empty: the first line must name the columns.");
            var headers = csv.HeaderRecord.Select(NormaliseHeader).ToArray();
            var line = 1;
            while (csv.Read())
            {
                line++;
                var cells = new Dictionary<string, string?>();
                for (var i = 0; i < headers.Length; i++)
                    cells[headers[i]] = csv.TryGetField<string>(i, out var value) ? value : null;
                if (cells.Values.All(string.IsNullOrWhiteSpace)) continue;
                rows.Add(new ImportRow(line, cells));
                if (rows.Count > MaxRows) throw new ImportFileException("The file has more than {0} rows. Split it into smaller files.", MaxRows);
            }
        }
        catch (CsvHelperException ex)
        {
            throw new ImportFileException("The CSV file could not be read near line {0}.", ex.Context?.Parser?.RawRow ?? 0);
        }
        return rows;
    }

    /// <summary>No part of a workbook may unpack to more than this many times its packed size once it is this large.</summary>
    private const int MaxPackingRatio = 50;
    private const long RatioCheckedFrom = 32L * 1024 * 1024;
    private const long MaxUnpackedBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// A zip bomb is refused before any part is read: text compresses a few times over, never hundreds. (.NET's zip
    /// reader does not inflate an entry past the size it declares, so the declared sizes can be trusted.)
    /// </summary>
    private static void RefuseBombs(Stream stream)
    {
        try
        {
            using var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (total > MaxUnpackedBytes || entry.Length > RatioCheckedFrom && entry.Length > MaxPackingRatio * Math.Max(1, entry.CompressedLength))
                    throw new ImportFileException("The workbook unpacks to far more data than an employee master needs, so it was not read.");
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or ArgumentException or NotSupportedException)
        {
            // .NET's zip reader answers a file too short to be a zip with ArgumentOutOfRangeException.
            throw new ImportFileException("The file is not a valid Excel (.xlsx) workbook.");
        }
        finally
        {
            stream.Position = 0;
        }
    }

    private static List<ImportRow> ReadXlsx(Stream stream)
    {
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }
        RefuseBombs(stream);
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(stream, false);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException or ArgumentException or System.Xml.XmlException)
        {
            throw new ImportFileException("The file is not a valid Excel (.xlsx) workbook.");
        }
        using (document)
        {
            try
            {
                return ReadFirstSheet(document);
            }
            catch (Exception ex) when (ex is System.Xml.XmlException or InvalidCastException or ArgumentException or KeyNotFoundException
                                           or InvalidOperationException or OpenXmlPackageException or InvalidDataException or IOException or FormatException)
            {
                // A workbook whose parts are damaged or are not what their names say.
                throw new ImportFileException("The file is not a valid Excel (.xlsx) workbook.");
            }
        }
    }

    private static List<ImportRow> ReadFirstSheet(SpreadsheetDocument document)
    {
        var workbook = document.WorkbookPart ?? throw new ImportFileException("The workbook has no sheets.");
        var firstSheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault()
            ?? throw new ImportFileException("The workbook has no sheets.");
        var part = (WorksheetPart)workbook.GetPartById(firstSheet.Id!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];
        var rows = new List<ImportRow>();
        string[]? headers = null;
        using var reader = DocumentFormat.OpenXml.OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
            var row = (Row)reader.LoadCurrentElement()!;
            var number = (int)(row.RowIndex?.Value ?? (uint)(rows.Count + 2));
            var values = new Dictionary<int, string?>();
            foreach (var cell in row.Elements<Cell>())
                values[ColumnIndex(cell.CellReference?.Value, values.Count)] = CellText(cell, shared);
            if (headers is null)
            {
                var width = values.Count == 0 ? 0 : values.Keys.Max() + 1;
                headers = Enumerable.Range(0, width).Select(i => NormaliseHeader(values.GetValueOrDefault(i))).ToArray();
                continue;
            }
            var cells = new Dictionary<string, string?>();
            for (var i = 0; i < headers.Length; i++) cells[headers[i]] = values.GetValueOrDefault(i)?.Trim();
            if (cells.Values.All(string.IsNullOrWhiteSpace)) continue;
            rows.Add(new ImportRow(number, cells));
            if (rows.Count > MaxRows) throw new ImportFileException("The file has more than {0} rows. Split it into smaller files.", MaxRows);
        }
        if (headers is null) throw new ImportFileException("The file is empty: the first line must name the columns.");
        return rows;
    }

    private static int ColumnIndex(string? reference, int fallback)
    {
        if (string.IsNullOrEmpty(reference)) return fallback;
        var index = 0;
        foreach (var ch in reference)
        {
            if (!char.IsAsciiLetter(ch)) break;
            index = index * 26 + (char.ToUpperInvariant(ch) - 'A' + 1);
        }
        return index - 1;
    }

    private static string? CellText(Cell cell, string[] shared)
    {
        var raw = cell.CellValue?.Text ?? cell.InlineString?.InnerText;
        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(raw, out var i) && i >= 0 && i < shared.Length)
            return shared[i];
        return raw;
    }
}
