using Daftar.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Daftar.Tests.Architecture;

/// <summary>
/// Every routable page has a PageModel: the query string is bound and the data loaded there, where a test and a reader
/// find it, never parsed in Razor. A compiled page without <c>@model</c> is its own model.
/// </summary>
[Trait(TestTraits.Database, TestTraits.None)]
public class EveryPageHasAModelTests
{
    [Fact]
    public void EveryPage_HasAPageModel()
    {
        var pages = typeof(Daftar.Web.SharedResource).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(Page).IsAssignableFrom(t))
            .ToList();
        Assert.True(pages.Count > 40, $"only {pages.Count} compiled pages found");
        var withoutModel = pages.Where(t => t.GetProperty("Model")?.PropertyType is not { } model || !typeof(PageModel).IsAssignableFrom(model))
            .Select(t => t.FullName).Order().ToList();
        Assert.Empty(withoutModel);
    }
}
