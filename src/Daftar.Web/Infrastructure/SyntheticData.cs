using System.Runtime.Loader;

namespace Daftar.Web.Infrastructure;

/// <summary>What the <c>generate</c> verb made: how long it took, and the load users' token lines ("token,code,post").</summary>
public sealed record SyntheticOutcome(TimeSpan Elapsed, IReadOnlyList<string> TokenLines);

/// <summary>
/// The synthetic-data generator behind <c>generate</c>. It is bench tooling, not product: it lives in
/// bench/Daftar.Generator and is used only when its assembly sits beside Daftar.Web.dll (ADR 0027).
/// </summary>
public interface ISyntheticData
{
    /// <summary>Fills an empty, migrated database with a synthetic state; null when the scale has no such name.</summary>
    Task<SyntheticOutcome?> GenerateAsync(IServiceProvider services, string? scale, Action<string> progress, CancellationToken ct);

    /// <summary>API tokens for the load generator on the demo organisation: its busiest officers.</summary>
    Task<IReadOnlyList<string>> DemoLoadUsersAsync(IServiceProvider services, int count, CancellationToken ct);
}

public static class SyntheticData
{
    public const string AssemblyFile = "Daftar.Generator.dll";

    /// <summary>The generator, when its assembly is beside this one; null in an installation that does not carry it.</summary>
    public static ISyntheticData? Find()
    {
        var path = Path.Combine(AppContext.BaseDirectory, AssemblyFile);
        if (!File.Exists(path)) return null;
        var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
        var type = assembly.GetTypes().FirstOrDefault(t => t is { IsClass: true, IsAbstract: false } && typeof(ISyntheticData).IsAssignableFrom(t));
        return type is null ? null : (ISyntheticData?)Activator.CreateInstance(type);
    }
}
