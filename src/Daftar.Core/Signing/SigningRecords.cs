using Daftar.People;

namespace Daftar.Signing;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<AuthorityKind>))]
public enum AuthorityKind { Root = 1, Issuing = 2, Timestamping = 3 }

/// <summary>
/// One of Daftar's own certificate authorities: the installation's root, a department's issuing CA, or the timestamp
/// authority. The private key is stored encrypted under the server's master key. A renewed CA is a new record; the old
/// one stays (not current) so that what it signed still verifies and its CRL is still published.
/// </summary>
[Daftar.Audit.Audited("authority", nameof(Code))]
public class Authority
{
    private Authority() { }

    public Authority(AuthorityKind kind, string code, Department? department, byte[] certificate, byte[] protectedKey, string subject, string serialHex,
        DateTimeOffset notBefore, DateTimeOffset notAfter, DateTimeOffset now)
    {
        Kind = kind;
        Code = code;
        Department = department;
        DepartmentId = department?.Id;
        Certificate = certificate;
        ProtectedKey = protectedKey;
        Subject = subject;
        SerialHex = serialHex;
        NotBefore = notBefore;
        NotAfter = notAfter;
        CreatedAt = now;
        IsCurrent = true;
    }

    public int Id { get; private set; }
    public AuthorityKind Kind { get; private set; }
    /// <summary>What the public URLs use: "root", "tsa", or the department code (with "-2", "-3"… for renewals).</summary>
    public string Code { get; private set; } = "";
    public int? DepartmentId { get; private set; }
    public Department? Department { get; private set; }
    public byte[] Certificate { get; private set; } = [];
    public byte[] ProtectedKey { get; private set; } = [];
    public string Subject { get; private set; } = "";
    public string SerialHex { get; private set; } = "";
    public DateTimeOffset NotBefore { get; private set; }
    public DateTimeOffset NotAfter { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public bool IsCurrent { get; private set; }
    public long CrlNumber { get; private set; }
    public byte[]? Crl { get; private set; }
    public DateTimeOffset? CrlThisUpdate { get; private set; }
    public DateTimeOffset? CrlNextUpdate { get; private set; }

    public void Retire() => IsCurrent = false;

    public long NextCrlNumber() => ++CrlNumber;

    public void Publish(byte[] crl, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate)
    {
        Crl = crl;
        CrlThisUpdate = thisUpdate;
        CrlNextUpdate = nextUpdate;
    }
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<CredentialSource>))]
public enum CredentialSource { Daftar = 1, External = 2 }

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<CredentialStatus>))]
public enum CredentialStatus
{
    Active = 1,
    Revoked = 2,
    Superseded = 3,
    /// <summary>An outside DSC whose name is not the employee's: it signs nothing until an administrator approves it.</summary>
    AwaitingApproval = 4,
}

/// <summary>
/// An employee's signing certificate and its private key, encrypted under a key that needs both their PIN and the
/// server's master key. Issued by the department's CA when they enrol, or a DSC from a licensed CA they registered.
/// Five wrong PINs lock it until an administrator unlocks it or the employee enrols again.
/// </summary>
[Daftar.Audit.Audited("signing-credential", nameof(Id))]
public class SigningCredential
{
    public const int MaxPinAttempts = 5;

    private SigningCredential() { }

    public SigningCredential(Employee employee, CredentialSource source, Authority? issuer, byte[] certificate, byte[] protectedKey, string subject,
        string issuerName, string serialHex, string algorithm, DateTimeOffset notBefore, DateTimeOffset notAfter, DateTimeOffset now)
    {
        Employee = employee;
        EmployeeId = employee.Id;
        Source = source;
        Issuer = issuer;
        IssuerId = issuer?.Id;
        Certificate = certificate;
        ProtectedKey = protectedKey;
        Subject = subject;
        IssuerName = issuerName;
        SerialHex = serialHex;
        Algorithm = algorithm;
        NotBefore = notBefore;
        NotAfter = notAfter;
        CreatedAt = now;
        Status = CredentialStatus.Active;
        Version = Guid.NewGuid();
    }

    public int Id { get; private set; }
    public int EmployeeId { get; private set; }
    public Employee Employee { get; private set; } = null!;
    public CredentialSource Source { get; private set; }
    /// <summary>The Daftar CA that issued it (null for an outside DSC).</summary>
    public int? IssuerId { get; private set; }
    public Authority? Issuer { get; private set; }
    public byte[] Certificate { get; private set; } = [];
    public byte[] ProtectedKey { get; private set; } = [];
    public string Subject { get; private set; } = "";
    public string IssuerName { get; private set; } = "";
    public string SerialHex { get; private set; } = "";
    public string Algorithm { get; private set; } = "";
    public DateTimeOffset NotBefore { get; private set; }
    public DateTimeOffset NotAfter { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public CredentialStatus Status { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevocationReason { get; private set; }
    public int FailedPinAttempts { get; private set; }
    public DateTimeOffset? LockedAt { get; private set; }
    public Guid Version { get; private set; }

    public bool IsLocked => LockedAt is not null;

    /// <summary>
    /// CRLs carry revocation times in whole seconds; the revocation is recorded at the next whole second, so that a
    /// signature made earlier in the same second (when the key was still good) is not taken for one made after.
    /// </summary>
    private static DateTimeOffset WholeSecondAfter(DateTimeOffset t) =>
        new DateTimeOffset(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(1);

    /// <summary>Counts a wrong PIN; true when this one locked the credential.</summary>
    public bool WrongPin(DateTimeOffset now)
    {
        FailedPinAttempts++;
        if (FailedPinAttempts >= MaxPinAttempts && LockedAt is null) LockedAt = now;
        Version = Guid.NewGuid();
        return LockedAt == now;
    }

    public void RightPin()
    {
        if (FailedPinAttempts == 0) return;
        FailedPinAttempts = 0;
        Version = Guid.NewGuid();
    }

    public void Unlock()
    {
        FailedPinAttempts = 0;
        LockedAt = null;
        Version = Guid.NewGuid();
    }

    public void Revoke(string reason, DateTimeOffset now)
    {
        Status = CredentialStatus.Revoked;
        RevokedAt = WholeSecondAfter(now);
        RevocationReason = reason;
        Version = Guid.NewGuid();
    }

    /// <summary>An outside DSC that names someone else than the employee waits for an administrator before it can sign.</summary>
    public void AwaitApproval()
    {
        Status = CredentialStatus.AwaitingApproval;
        Version = Guid.NewGuid();
    }

    /// <summary>An administrator vouches that the certificate is the employee's although its name differs; false if it was not waiting.</summary>
    public bool Approve()
    {
        if (Status != CredentialStatus.AwaitingApproval) return false;
        Status = CredentialStatus.Active;
        Version = Guid.NewGuid();
        return true;
    }

    /// <summary>Replaced by a new enrolment: no longer used to sign, and revoked (superseded) so it cannot be.</summary>
    public void Supersede(DateTimeOffset now)
    {
        Status = CredentialStatus.Superseded;
        RevokedAt = WholeSecondAfter(now);
        RevocationReason = "superseded";
        Version = Guid.NewGuid();
    }
}

/// <summary>A signature on a green note: detached CMS over the note's canonical text, time-stamped by Daftar's TSA.</summary>
[Daftar.Audit.Audited("note", nameof(NoteId))]
public class NoteSignature
{
    private NoteSignature() { }

    public NoteSignature(int noteId, SigningCredential credential, int postId, string contentSha256, byte[] cms, DateTimeOffset signedAt, DateTimeOffset now)
    {
        NoteId = noteId;
        Credential = credential;
        CredentialId = credential.Id;
        EmployeeId = credential.EmployeeId;
        PostId = postId;
        ContentSha256 = contentSha256;
        Cms = cms;
        SignedAt = signedAt;
        CreatedAt = now;
    }

    public int Id { get; private set; }
    public int NoteId { get; private set; }
    public int CredentialId { get; private set; }
    public SigningCredential Credential { get; private set; } = null!;
    public int EmployeeId { get; private set; }
    public int PostId { get; private set; }
    public string ContentSha256 { get; private set; } = "";
    public byte[] Cms { get; private set; } = [];
    /// <summary>The time in the signature's timestamp token.</summary>
    public DateTimeOffset SignedAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}
