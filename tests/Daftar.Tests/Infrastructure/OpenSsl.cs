using System.Diagnostics;

namespace Daftar.Tests.Infrastructure;

/// <summary>Runs the openssl command line in a folder: the outside tool that must agree with Daftar's signatures.</summary>
public static class OpenSsl
{
    public static (int Code, string Output) Run(string dir, string arguments)
    {
        var start = new ProcessStartInfo("openssl") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments.Split(' ')) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
