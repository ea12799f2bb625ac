using Daftar.Tests.Infrastructure;

namespace Daftar.Tests.Platform;

/// <summary>run.sh as an administrator uses it: the second verb does not build again when nothing changed.</summary>
[Trait(TestTraits.Database, TestTraits.None)]
public class RunScriptTests
{
    [Fact]
    public void ASecondVerb_WithNothingChanged_DoesNotPublishAgain_AndAChangedSourceDoes()
    {
        var root = Localisation.HindiTests.FindRepositoryRoot();
        var log = Path.Combine(root, ".build.log");
        var first = Tools.Run("bash", Path.Combine(root, "run.sh"), "--help");
        Assert.True(first.Code == 0, first.Output + first.Errors);
        Assert.Contains("Usage", first.Output);
        var publishedAt = File.GetLastWriteTimeUtc(log);

        var second = Tools.Run("bash", Path.Combine(root, "run.sh"), "--help");
        Assert.True(second.Code == 0, second.Output + second.Errors);
        Assert.Equal(publishedAt, File.GetLastWriteTimeUtc(log));

        // A source file touched: the next verb publishes again.
        var source = Path.Combine(root, "src", "Daftar.Web", "appsettings.json");
        var touched = File.GetLastWriteTimeUtc(source);
        try
        {
            File.SetLastWriteTimeUtc(source, DateTime.UtcNow.AddSeconds(5));
            var third = Tools.Run("bash", Path.Combine(root, "run.sh"), "--help");
            Assert.True(third.Code == 0, third.Output + third.Errors);
            Assert.NotEqual(publishedAt, File.GetLastWriteTimeUtc(log));
        }
        finally
        {
            File.SetLastWriteTimeUtc(source, touched);
        }
    }
}
