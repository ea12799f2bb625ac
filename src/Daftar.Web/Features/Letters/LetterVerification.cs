using Daftar.Data;
using Daftar.Signing;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Letters;

/// <summary>One signature as the public page shows it: only what the PDF itself carries, checked against Daftar's trust now.</summary>
public sealed record VerifiedSignature(int Index, string? Signer, string? Designation, string? Department, string? CertificateSubject,
    DateTimeOffset? SignedAt, bool Timestamped, CertificateStatus StatusThen, CertificateStatus StatusNow, bool ChangedAfter, bool Valid, string? Problem);

public sealed record Verification(string? LetterNumber, string? Code, IReadOnlyList<VerifiedSignature> Signatures)
{
    public bool AllValid => Signatures.Count > 0 && Signatures.All(s => s.Valid);
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
        return new Verification(null, null, reports.Select(r => new VerifiedSignature(r.Index, r.SignerName, r.Designation, r.Department,
            r.Check.Signer?.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false),
            r.Check.SignedAt, r.Check.Timestamped, r.Check.StatusAtSigning, r.Check.StatusNow, r.ChangedAfterSigning, r.Valid, r.Problem ?? r.Check.Problem)).ToList());
    }
}
