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

    /// <summary>Whether the employee has signed this PDF already, with any certificate they have held (Daftar's or a DSC).</summary>
    public static async Task<bool> IsSignedByAsync(DaftarDb db, byte[] pdf, TrustContext trust, int employeeId, CancellationToken ct)
    {
        var theirs = (await db.SigningCredentials.AsNoTracking().Where(c => c.EmployeeId == employeeId).Select(c => c.Certificate).ToListAsync(ct))
            .Select(Convert.ToHexString).ToHashSet();
        return PdfVerifier.Verify(pdf, trust).Any(r => r.Check.Signer is { } signer && theirs.Contains(Convert.ToHexString(signer.RawData)));
    }
}
