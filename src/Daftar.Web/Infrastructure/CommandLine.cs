namespace Daftar.Web.Infrastructure;

/// <summary>What the command-line verbs of every area share (AdminCommands and the areas' own verbs).</summary>
public static class CommandLine
{
    /// <summary>Says what went wrong on standard error, and gives the exit code of a refused command.</summary>
    public static int Fail(TextWriter errors, string message)
    {
        errors.WriteLine($"Error: {message}");
        return 1;
    }
}
