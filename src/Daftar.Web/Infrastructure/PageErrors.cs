using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
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

    /// <summary>
    /// After a page's operation: on success, the message for the next page and <paramref name="done"/> (a redirect); for a
    /// thing the viewer may not see, 404; otherwise the errors beside the form fields and the page again (<paramref name="reload"/>).
    /// </summary>
    public static async Task<IActionResult> AfterOperationAsync(this PageModel page, Result<int> result, string message, IStringLocalizer localizer,
        Func<IActionResult> done, Func<Task<IActionResult>> reload)
    {
        if (result.Succeeded)
        {
            page.TempData["Message"] = message;
            return done();
        }
        if (result.Errors[0].Kind == ErrorKind.NotFound) return page.NotFound();
        page.ModelState.AddErrors(result.Errors, localizer);
        return await reload();
    }
}
