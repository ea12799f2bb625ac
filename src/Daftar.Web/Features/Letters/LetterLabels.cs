using Daftar.Files;

namespace Daftar.Web.Features.Letters;

/// <summary>The English words for the kinds, languages, statuses and modes of drafts and dispatches; each is the key of its Hindi.</summary>
public static class LetterLabels
{
    public static string Of(DraftKind kind) => kind switch
    {
        DraftKind.Letter => "Letter",
        DraftKind.OfficeOrder => "Office order",
        DraftKind.Memorandum => "Memorandum",
        DraftKind.Notice => "Notice",
        _ => "Minutes",
    };

    public static string Of(DraftLanguage language) => language switch { DraftLanguage.Hindi => "Hindi", DraftLanguage.English => "English", _ => "Hindi and English" };

    public static string Of(DraftStatus status) => status switch { DraftStatus.Open => "Being drafted", DraftStatus.Approved => "Approved", _ => "Issued" };

    public static string Of(DispatchMode mode) => mode switch
    {
        DispatchMode.Email => "E-mail",
        DispatchMode.Post => "Post",
        DispatchMode.Hand => "By hand",
        _ => "Electronic (Daftar)",
    };

    public static string Of(PostalMode mode) => mode switch { PostalMode.Ordinary => "Ordinary post", PostalMode.Registered => "Registered post", _ => "Speed post" };
}
