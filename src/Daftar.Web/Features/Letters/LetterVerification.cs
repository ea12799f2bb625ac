using Daftar.Data;
using Daftar.Signing;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Letters;

/// <summary>
/// One signature as the public page shows it: only what the PDF itself carries, checked against Daftar's trust now.
/// <see cref="Signer"/> is the name in the signing certificate (what openssl and pdfsig show too); the Daftar post it was
/// signed as (<see cref="Designation"/>, <see cref="Department"/>) is what the signature dictionary says beside it.
/// </summary>
public sealed record VerifiedSignature(int Index, string? Signer, string? Designation, string? Department, string? CertificateSubject,
    DateTimeOffset? SignedAt, bool Timestamped, CertificateStatus StatusThen, CertificateStatus StatusNow, bool ChangedAfter, bool Valid, string? Problem)
{
    /// <summary>Everything holds except that revocation could not be checked (no current CRL of the issuer): not a forgery,
    /// not a tampered document, but not proven either; shown as its own state.</summary>
    public bool RevocationUnknown { get; init; }
}

public sealed record Verification(string? LetterNumber, string? Code, IReadOnlyList<VerifiedSignature> Signatures)
{
    public bool AllValid => Signatures.Count > 0 && Signatures.All(s => s.Valid);

    /// <summary>No signature is invalid, but at least one certificate's revocation could not be checked.</summary>
    public bool RevocationUnknown => Signatures.Count > 0 && !AllValid && Signatures.All(s => s.Valid || s.RevocationUnknown);
}

/// <summary>Checks a signed PDF — one Daftar issued (found by its code) or one uploaded — against Daftar's roots and CRLs.</summary>
public sealed class LetterVerification(DaftarDb db, BlobStore blobs, Daftar.Web.Features.Signing.Pki pki)
{
    public const int MaxUploadBytes = 20 * 1024 * 1024;

    public async Task<(Verification Result, byte[] Pdf)?> ByCodeAsync(string code, CancellationToken ct)
    {
        var clean = new string(code.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        if (clean.Length is < 6 or > 20) return null;
        var letter = await db.IssuedLetters.AsNoTracking().Where(l => l.VerificationCode == clean).Select(l => new { l.LetterNumber, l.PdfHash }).SingleOrDefaultAsync(ct);
        if (letter is null || await blobs.ReadAllAsync(letter.PdfHash, ct) is not { } pdf) return null;
        var result = await CheckAsync(pdf, ct);
        return (result with { LetterNumber = letter.LetterNumber, Code = clean }, pdf);
    }

    public async Task<Verification> CheckAsync(byte[] pdf, CancellationToken ct)
    {
        var trust = await pki.TrustAsync(ct);
        var reports = PdfVerifier.Verify(pdf, trust);
        return new Verification(null, null, reports.Select(r =>
        {
            var certificateName = r.Check.Signer?.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false);
            // A signature whose signed bytes no longer match was changed after signing, as surely as one with later changes.
            var changed = r.ChangedAfterSigning || r.Check.ProblemCode == "changed";
            return new VerifiedSignature(r.Index, certificateName ?? r.SignerName, r.Designation, r.Department, r.Check.Signer?.Subject,
                r.Check.SignedAt, r.Check.Timestamped, r.Check.StatusAtSigning, r.Check.StatusNow, changed, r.Valid, r.Problem ?? r.Check.Problem)
            {
                RevocationUnknown = !changed && r.Problem is null && r.Check.ProblemCode == "revocation_unknown",
            };
        }).ToList());
    }
}
