using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Daftar.Web.Infrastructure;

/// <summary>CSV for Excel: UTF-8 with a BOM (so Hindi shows), and a field a spreadsheet would run as a formula escaped.</summary>
public static class CsvExport
{
    public static byte[] Write(IEnumerable<string> header, IEnumerable<IEnumerable<string?>> rows)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape }))
        {
            foreach (var row in rows.Prepend(header))
            {
                foreach (var field in row) csv.WriteField(field);
                csv.NextRecord();
            }
        }
        return [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(writer.ToString())];
    }
}
