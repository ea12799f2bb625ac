using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Daftar.Data;
using Daftar.People;
using Daftar.Signing;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Signing;

/// <summary>What letters and minutes share when an officer signs a PDF: the post as the signature names it, and one signature per officer.</summary>
public static class PdfSignatures
{
    /// <summary>The signing officer's post with what a letter and its signature block name: designation, section, office, department.</summary>
    public static Task<Post> SigningPostAsync(DaftarDb db, int postId, CancellationToken ct) =>
        db.Posts.Include(p => p.Designation).Include(p => p.Section).Include(p => p.Office).ThenInclude(o => o.Department).SingleAsync(p => p.Id == postId, ct);

    /// <summary>
    /// What the signature dictionary and the visible block carry: the name on the signing certificate (what any verifier
    /// reads from the certificate itself, never Daftar's record of the person in its place), the Daftar post's designation
    /// as the reason, the department, and the office as the location (Hindi and English).
    /// </summary>
    public static PdfSignatureRequest Request(X509Certificate2 certificate, Post post) =>
        new(certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false), post.Designation.NameEn, post.Office.Department.NameEn,
            $"{post.Designation.NameHi} / {post.Designation.NameEn}", $"{post.Office.NameHi} / {post.Office.NameEn}");

    /// <summary>
    /// The request with its visible block rendered by Chromium in the document's language (Hindi, English or both):
    /// Devanagari shaped, department names whole. Without Chromium the block falls back to the signer's Latin-only one.
    /// </summary>
    public static async Task<PdfSignatureRequest> RequestAsync(PdfRenderer renderer, X509Certificate2 certificate, Post post, bool hindi, bool english,
        DateTimeOffset now, CancellationToken ct)
    {
        var request = Request(certificate, post);
        if (!renderer.IsAvailable) return request;
        try
        {
            return request with { Block = await renderer.RenderBlockAsync(BlockHtml(request.SignerName, post, hindi, english, now), PdfSigner.BlockWidth, PdfSigner.BlockHeight, ct) };
        }
        catch (RendererUnavailableException)
        {
            return request;
        }
    }

    /// <summary>The visible block: who signed (as the certificate names them), the post's designation, the department, the time.</summary>
    public static string BlockHtml(string signer, Post post, bool hindi, bool english, DateTimeOffset now)
    {
        if (!hindi && !english) english = true;
        static string E(string text) => WebUtility.HtmlEncode(text);
        var lines = new List<string>
        {
            hindi && english ? "डिजिटल हस्ताक्षरकर्ता / Digitally signed by" : hindi ? "डिजिटल हस्ताक्षरकर्ता" : "Digitally signed by",
            $"<b>{E(signer)}</b>",
            hindi && english ? $"{E(post.Designation.NameHi)} / {E(post.Designation.NameEn)}" : E(hindi ? post.Designation.NameHi : post.Designation.NameEn),
        };
        if (hindi) lines.Add(E(post.Office.Department.NameHi));
        if (english) lines.Add(E(post.Office.Department.NameEn));
        lines.Add(OfficeTime.Local(now).ToString("dd-MM-yyyy, HH:mm", CultureInfo.InvariantCulture) + " IST");
        return $$"""
            <!doctype html><html lang="{{(hindi ? "hi" : "en")}}"><head><meta charset="utf-8"><style>
            html, body { margin: 0; padding: 0; }
            body { width: {{PdfSigner.BlockWidth}}pt; height: {{PdfSigner.BlockHeight}}pt; box-sizing: border-box; overflow: hidden;
                   border: 0.8pt solid #1a4d99; padding: 2pt 4pt; color: #1a3366; font-size: 6pt; line-height: 1.25;
                   font-family: 'Noto Sans', 'Noto Sans Devanagari', 'Lohit Devanagari', sans-serif; }
            p { margin: 0; }
            b { font-size: 7.5pt; }
            </style></head><body>{{string.Concat(lines.Select(l => $"<p>{l}</p>"))}}</body></html>
            """;
    }

    /// <summary>Whether the employee has signed this PDF already, with any certificate they have held (Daftar's or a DSC).</summary>
    public static async Task<bool> IsSignedByAsync(DaftarDb db, byte[] pdf, TrustContext trust, int employeeId, CancellationToken ct)
    {
        var theirs = (await db.SigningCredentials.AsNoTracking().Where(c => c.EmployeeId == employeeId).Select(c => c.Certificate).ToListAsync(ct))
            .Select(Convert.ToHexString).ToHashSet();
        return PdfVerifier.Verify(pdf, trust).Any(r => r.Check.Signer is { } signer && theirs.Contains(Convert.ToHexString(signer.RawData)));
    }
}
