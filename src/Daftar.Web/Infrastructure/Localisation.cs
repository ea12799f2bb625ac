using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Infrastructure;

public static class Localisation
{
    public static readonly CultureInfo English = new("en-IN");
    public static readonly CultureInfo Hindi = new("hi-IN");
    public static readonly CultureInfo[] Supported = [English, Hindi];

    /// <summary>A moment as officers read it: the installation's time, day first, 24-hour clock (no am/pm to translate).</summary>
    public static string Time(DateTimeOffset moment) =>
        OfficeTime.Local(moment).ToString("dd-MM-yyyy HH:mm", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset moment) =>
        OfficeTime.Local(moment).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly day) => day.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    /// <summary>The language of text an officer typed, for the lang attribute (screen readers, fonts, hyphenation).</summary>
    public static string LangOf(string? text) => text is not null && text.Any(c => c is >= '\u0900' and <= '\u097F') ? "hi" : "en";

    public static bool IsHindi => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "hi";

    /// <summary>Picks the Hindi or English form of a name for the current request's language.</summary>
    public static string Pick(string en, string hi) => IsHindi && !string.IsNullOrEmpty(hi) ? hi : en;

    public static string CultureFor(string language) => language == "hi" ? Hindi.Name : English.Name;

    public static void WriteCultureCookie(HttpResponse response, string language) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureFor(language))),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = response.HttpContext.Request.IsHttps });

    /// <summary>The error's message in the request's language, its arguments translated too.</summary>
    public static string Describe(this IStringLocalizer localizer, Error error) => localizer.Describe(error.Message, error.Args);

    /// <summary>A message template (also its translation key) in the request's language, with its values filled in.</summary>
    public static string Describe(this IStringLocalizer localizer, string message, IReadOnlyList<object> args) =>
        string.Format(CultureInfo.CurrentCulture, localizer[message].Value, args.Select(a => a is string s ? localizer[s].Value : a).ToArray());

    /// <summary>
    /// Reads Accept-Language as browsers send it: "hi" or "hi-*" means Hindi and "en" or "en-*" English, in the
    /// order of the header's weights. The stock provider matched only the exact cultures, so "hi" fell back to English.
    /// </summary>
    public sealed class AcceptLanguageProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var wanted = httpContext.Request.GetTypedHeaders().AcceptLanguage;
            foreach (var language in wanted.Where(l => l.Quality is not 0).OrderByDescending(l => l.Quality ?? 1))
            {
                var tag = language.Value.Value ?? "";
                var culture = tag.StartsWith("hi", StringComparison.OrdinalIgnoreCase) && (tag.Length == 2 || tag[2] == '-') ? Hindi.Name
                    : tag.StartsWith("en", StringComparison.OrdinalIgnoreCase) && (tag.Length == 2 || tag[2] == '-') ? English.Name
                    : null;
                if (culture is not null) return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture));
            }
            return NullProviderCultureResult;
        }
    }

    /// <summary>
    /// A language chosen before signing in, marked so that signing in makes it the account's language; a language cookie
    /// left by an earlier session on a shared computer is not a choice and does not change anyone's account.
    /// </summary>
    public const string ChosenBeforeSignInCookie = "daftar.lang-chosen";
}
