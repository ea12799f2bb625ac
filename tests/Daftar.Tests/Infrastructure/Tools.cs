using System.Diagnostics;

namespace Daftar.Tests.Infrastructure;

/// <summary>Outside command-line tools the tests check Daftar's output with (pdftotext, pdfsig, qpdf, certutil, zbarimg…).</summary>
public static class Tools
{
    /// <summary>Runs a tool; Output is what it wrote to standard output, Errors what it wrote to standard error.</summary>
    public static (int Code, string Output, string Errors) Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} is not installed (./test.sh installs it)");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    /// <summary>The text poppler's pdftotext extracts from a PDF.</summary>
    public static string PdfToText(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        File.WriteAllBytes(file, pdf);
        try
        {
            var start = new ProcessStartInfo("pdftotext", [file, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
