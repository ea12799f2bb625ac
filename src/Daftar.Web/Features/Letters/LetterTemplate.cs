using System.Globalization;
using System.Net;
using Daftar.Files;
using Daftar.People;
using Daftar.Web.Features.Files;
using QRCoder;

namespace Daftar.Web.Features.Letters;

/// <summary>Everything printed on a letter: the approved version, the department's letterhead, the number, the signatory, the verification code.</summary>
public sealed record LetterParts(DraftKind Kind, DraftLanguage Language, DraftContent Content, Department Department, Office Office, string LetterNumber,
    DateOnly Date, string SignatoryEn, string SignatoryHi, string DesignationEn, string DesignationHi, string VerificationCode, string VerifyUrl);

/// <summary>
/// The HTML Chromium prints: letterhead (Government of Rajasthan, the department and office, in Hindi, English or both),
/// number and date, addressee, subject and reference, the body (the same Markdown subset as notes, every other
/// character encoded), the signatory, and the QR code with the short code that lead to the public verification page.
/// The bottom margin is left free for the visible signature blocks.
/// </summary>
public static class LetterTemplate
{
    private static readonly Dictionary<DraftKind, (string En, string Hi)> Titles = new()
    {
        [DraftKind.Letter] = ("", ""),
        [DraftKind.OfficeOrder] = ("OFFICE ORDER", "कार्यालय आदेश"),
        [DraftKind.Memorandum] = ("MEMORANDUM", "ज्ञापन"),
        [DraftKind.Notice] = ("NOTICE", "सूचना"),
        [DraftKind.Minutes] = ("MINUTES", "कार्यवाही विवरण"),
    };

    /// <summary>The text a new draft starts from, by kind and language: the office's usual opening and closing.</summary>
    public static string StarterText(DraftKind kind, DraftLanguage language)
    {
        var hi = kind switch
        {
            DraftKind.Letter => "महोदय,\n\nउपरोक्त विषयान्तर्गत लेख है कि …\n\nअतः अनुरोध है कि …",
            DraftKind.OfficeOrder => "एतद्द्वारा आदेशित किया जाता है कि …\n\nयह आदेश तत्काल प्रभाव से लागू होगा।",
            DraftKind.Memorandum => "विषयान्तर्गत ध्यान आकर्षित किया जाता है कि …",
            DraftKind.Notice => "सर्वसाधारण को सूचित किया जाता है कि …",
            _ => "बैठक दिनांक … को … की अध्यक्षता में आयोजित की गई।\n\nउपस्थिति: …\n\nनिर्णय:\n\n1. …",
        };
        var en = kind switch
        {
            DraftKind.Letter => "Sir/Madam,\n\nWith reference to the subject cited above, …\n\nYou are therefore requested to …",
            DraftKind.OfficeOrder => "It is hereby ordered that …\n\nThis order comes into force with immediate effect.",
            DraftKind.Memorandum => "Attention is drawn to …",
            DraftKind.Notice => "It is hereby notified for general information that …",
            _ => "The meeting was held on … under the chairmanship of ….\n\nPresent: …\n\nDecisions:\n\n1. …",
        };
        return language switch { DraftLanguage.Hindi => hi, DraftLanguage.English => en, _ => hi + "\n\n" + en };
    }

    public static string Html(LetterParts p, NoteText markdown)
    {
        var hi = p.Language != DraftLanguage.English;
        var en = p.Language != DraftLanguage.Hindi;
        string Both(string english, string hindi) => hi && en ? $"{E(hindi)} / {E(english)}" : hi ? E(hindi) : E(english);
        var (titleEn, titleHi) = Titles[p.Kind];
        var qr = Convert.ToBase64String(PngByteQRCodeHelper.GetQRCode(p.VerifyUrl, QRCodeGenerator.ECCLevel.M, 4));
        var date = p.Date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        return $$"""
            <!doctype html>
            <html lang="{{(hi ? "hi" : "en")}}"><head><meta charset="utf-8"><title>{{E(p.LetterNumber)}}</title>
            <style>
              @page { size: A4; }
              body { font-family: 'Noto Sans Devanagari', 'Lohit Devanagari', 'Noto Sans', sans-serif; font-size: 11.5pt; line-height: 1.5; color: #111; }
              .head { text-align: center; border-bottom: 2px solid #1a3d7c; padding-bottom: 6px; margin-bottom: 10px; }
              .gov { font-size: 10pt; letter-spacing: .5px; }
              .dept { font-size: 15pt; font-weight: bold; color: #1a3d7c; }
              .office { font-size: 10.5pt; }
              .meta { display: flex; justify-content: space-between; margin: 8px 0 14px; }
              .title { text-align: center; font-weight: bold; text-decoration: underline; margin: 8px 0; }
              .subject { font-weight: bold; margin: 10px 0; }
              .sign { margin-top: 28px; margin-left: 55%; text-align: center; }
              .verify { position: fixed; bottom: 0; right: 0; display: flex; align-items: center; gap: 8px; font-size: 8pt; color: #333; }
              .verify img { width: 78px; height: 78px; }
            </style></head>
            <body>
              <div class="head">
                <div class="gov">{{Both("Government of Rajasthan", "राजस्थान सरकार")}}</div>
                <div class="dept">{{Both(p.Department.NameEn, p.Department.NameHi)}}</div>
                <div class="office">{{Both(p.Office.NameEn, p.Office.NameHi)}}</div>
              </div>
              <div class="meta"><span>{{(hi ? "क्रमांक" : "No.")}}: {{E(p.LetterNumber)}}</span><span>{{(hi ? "दिनांक" : "Date")}}: {{date}}</span></div>
              {{(titleEn.Length > 0 ? $"<div class=\"title\">{Both(titleEn, titleHi)}</div>" : "")}}
              {{(p.Content.Addressee is { } to ? $"<div class=\"to\">{(hi ? "प्रति" : "To")},<br>{E(to).Replace("\n", "<br>")}</div>" : "")}}
              <div class="subject">{{(hi ? "विषय" : "Subject")}}: {{E(p.Content.Subject)}}</div>
              {{(p.Content.Reference is { } reference ? $"<div class=\"reference\">{(hi ? "संदर्भ" : "Reference")}: {E(reference)}</div>" : "")}}
              <div class="body">{{markdown.ToHtml(p.Content.Body)}}</div>
              <div class="sign">
                <div>({{Both(p.SignatoryEn, p.SignatoryHi)}})</div>
                <div>{{Both(p.DesignationEn, p.DesignationHi)}}</div>
                <div>{{(hi ? "डिजिटल हस्ताक्षरित" : "Digitally signed")}}</div>
              </div>
              <div class="verify"><img src="data:image/png;base64,{{qr}}" alt="">
                <div>{{(hi ? "सत्यापन" : "Verify")}}: {{E(p.VerifyUrl)}}<br>{{(hi ? "कोड" : "Code")}}: <b>{{E(p.VerificationCode)}}</b></div></div>
            </body></html>
            """;
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
