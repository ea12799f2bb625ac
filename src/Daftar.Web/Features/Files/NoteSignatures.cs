using Daftar.Files;
using Daftar.Signing;
using Daftar.Web.Infrastructure;

namespace Daftar.Web.Features.Files;

/// <summary>A note's signature as the file shows it, checked when it is read.</summary>
public sealed record NoteSignatureView(int NoteId, bool Valid, string? ProblemCode, string? Problem, string SignerName, string? SignerEmployeeCode, string PostCode,
    string DesignationEn, string DesignationHi, string DepartmentCode, DateTimeOffset SignedAt, bool Timestamped, CertificateStatus StatusAtSigning,
    CertificateStatus StatusNow, DateTimeOffset? RevokedAt, string CertificateSerial, string CertificateIssuer, string ContentUrl, string SignatureUrl)
{
    /// <summary>The signer's name in Hindi, for Hindi pages.</summary>
    public string? SignerNameHi { get; init; }
}

/// <summary>Why a note's signature does not hold, in words an officer understands.</summary>
public static class SignatureProblems
{
    /// <summary>What to tell an officer (English text, the key of its translation) for a problem code of <see cref="SignatureCheck"/>.</summary>
    public static string Describe(string? code) => code switch
    {
        "changed" => "The note was changed after it was signed.",
        "untrusted" => "The signer's certificate is not trusted.",
        "revoked" => "The signer's certificate was revoked before the note was signed.",
        "revocation_unknown" => "Whether the certificate was revoked could not be checked.",
        "bad_timestamp" => "The signature's timestamp is not valid.",
        _ => "The signature could not be read.",
    };
}

/// <summary>
/// What the file needs of note signing: the signatures of its notes, and signing one from the file page. Files owns this
/// interface and Signing implements it, so the dependency runs Signing → Files only (ADR 0024).
/// </summary>
public interface INoteSignatures
{
    Task<Dictionary<int, NoteSignatureView>> ViewsAsync(IReadOnlyList<Note> notes, CancellationToken ct);

    Task<Result<NoteSignatureView>> SignAsync(int noteId, string? pin, CancellationToken ct);
}
