using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Infrastructure;

public static class Localisation
{
    public static readonly CultureInfo English = new("en-IN");
    public static readonly CultureInfo Hindi = new("hi-IN");
    public static readonly CultureInfo[] Supported = [English, Hindi];

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
    public static string Describe(this IStringLocalizer localizer, Error error) =>
        string.Format(CultureInfo.CurrentCulture, localizer[error.Message].Value,
            error.Args.Select(a => a is string s ? localizer[s].Value : a).ToArray());
}
