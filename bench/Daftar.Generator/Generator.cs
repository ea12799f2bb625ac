using Daftar.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Daftar.Generator;

/// <summary>The <c>generate</c> verb's way in: Daftar finds this class when the assembly sits beside it.</summary>
public sealed class Generator : ISyntheticData
{
    public async Task<SyntheticOutcome?> GenerateAsync(IServiceProvider services, string? scale, Action<string> progress, CancellationToken ct)
    {
        if (Scale.Named(scale) is not { } chosen) return null;
        var outcome = await ActivatorUtilities.CreateInstance<DataGenerator>(services).RunAsync(chosen, progress, ct);
        return new SyntheticOutcome(outcome.Elapsed, outcome.TokenLines);
    }

    public Task<IReadOnlyList<string>> DemoLoadUsersAsync(IServiceProvider services, int count, CancellationToken ct) =>
        ActivatorUtilities.CreateInstance<DemoLoadUsers>(services).IssueAsync(count, ct);
}
