using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Infrastructure;

public static class Localisation
{
    public static readonly CultureInfo English = new("en-IN");
    public static readonly CultureInfo Hindi = new("hi-IN");
    public static readonly CultureInfo[] Supported = [English, Hindi];

    private static readonly TimeZoneInfo India = FindIndia();

    /// <summary>A moment as officers read it: Indian time, day first, 24-hour clock (no am/pm to translate).</summary>
    public static string Time(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, India).ToString("dd-MM-yyyy HH:mm", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, India).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly day) => day.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    private static TimeZoneInfo FindIndia()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("IST", TimeSpan.FromMinutes(330), "India Standard Time", "IST");
        }
    }

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
    public static string Describe(this IStringLocalizer localizer, Error error) =>
        string.Format(CultureInfo.CurrentCulture, localizer[error.Message].Value,
            error.Args.Select(a => a is string s ? localizer[s].Value : a).ToArray());
}
