using System.Linq.Expressions;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Infrastructure;

namespace Daftar.Tests.Platform;

[Trait(TestTraits.Database, TestTraits.None)]
public class QueryRulesTests
{
    private static readonly Expression<Func<int, int[], bool>> InOrZeroRule = (x, set) => set.Contains(x) || x == 0;

    [QueryRule(nameof(InOrZeroRule))]
    private static bool InOrZero(int x, int[] set) => throw QueryRules.NotInlined(nameof(InOrZero));

    [QueryRule("NoSuchRule")]
    private static bool Broken(int x) => throw QueryRules.NotInlined(nameof(Broken));

    [Fact]
    public void Inline_PutsTheRuleInPlaceOfItsMarker_BoundToTheCallsArguments()
    {
        int[] set = [3, 5];
        var inlined = QueryRules.Inline<Func<int, bool>>(x => InOrZero(x + 1, set)).Compile();
        Assert.True(inlined(2));
        Assert.True(inlined(-1));
        Assert.False(inlined(3));
        // The argument stays what it was (here a captured variable, which EF turns into a parameter), not a copy of its value.
        set[0] = 10;
        Assert.True(inlined(9));
    }

    [Fact]
    public void AMarkerRunWithoutInline_SaysWhatWasForgotten() =>
        Assert.Contains("QueryRules.Inline", Assert.Throws<InvalidOperationException>(() => InOrZero(1, [])).Message);

    [Fact]
    public void AMarkerNamingNoRule_IsRefused() =>
        Assert.Contains("NoSuchRule", Assert.Throws<InvalidOperationException>(() => QueryRules.Inline<Func<int, bool>>(x => Broken(x))).Message);
}
