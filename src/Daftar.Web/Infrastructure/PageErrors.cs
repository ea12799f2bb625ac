using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Infrastructure;

public static class PageErrors
{
    /// <summary>Shows a handler's errors next to the form fields they concern, in the page's language.</summary>
    public static void AddErrors(this ModelStateDictionary state, IReadOnlyList<Error> errors, IStringLocalizer localizer, string prefix = "")
    {
        foreach (var e in errors)
        {
            var key = e.Field is null ? "" : prefix + char.ToUpperInvariant(e.Field[0]) + e.Field[1..];
            state.AddModelError(key, localizer.Describe(e));
        }
    }
}
