using System.Text.RegularExpressions;
using Daftar.Tests.Infrastructure;
using Daftar.Tests.Localisation;

namespace Daftar.Tests.Architecture;

/// <summary>
/// Issue #31 item 1: each area's refusals are typed in its one <c>XxxErrors.cs</c>, so that a reader (and a translator)
/// finds every code and message of an area in one place. A handler returns them; it does not make up its own.
/// </summary>
[Trait(TestTraits.Database, TestTraits.None)]
public partial class ErrorsInOnePlaceTests
{
    [Fact]
    public void NoFeatureMakesAnErrorWithItsOwnCode_OutsideItsAreasErrorsFile()
    {
        var features = Path.Combine(HindiTests.FindRepositoryRoot(), "src", "Daftar.Web", "Features");
        var strays = Directory.EnumerateFiles(features, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("Errors.cs", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => NewError().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(features, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.Empty(strays);
    }

    // An Error (not a FileError, which the core's entities type) made from a literal code.
    [GeneratedRegex("""(?<![A-Za-z])(new Error|new)\("[a-z_]+", "[^"]""")]
    private static partial Regex NewError();
}
