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

    /// <summary>What the signature dictionary carries: the name, the designation as the reason, the office as the location (Hindi and English).</summary>
    public static PdfSignatureRequest Request(Employee employee, Post post) =>
        new(employee.NameEn, post.Designation.NameEn, post.Office.Department.NameEn,
            $"{post.Designation.NameHi} / {post.Designation.NameEn}", $"{post.Office.NameHi} / {post.Office.NameEn}");

    /// <summary>Whether the officer has signed this PDF already: each certificate names its holder's employee code (serialNumber).</summary>
    public static bool IsSignedBy(byte[] pdf, TrustContext trust, string employeeCode) =>
        PdfVerifier.Verify(pdf, trust).Any(r => (r.Check.Signer?.Subject ?? "").Contains($"SERIALNUMBER={employeeCode}", StringComparison.OrdinalIgnoreCase));
}
