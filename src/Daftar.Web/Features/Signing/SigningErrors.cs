using Daftar.Web.Infrastructure;

namespace Daftar.Web.Features.Signing;

/// <summary>What the Signing area answers when it refuses a request: every code and message in one place (ADR 0025).</summary>
public static class SigningErrors
{
    public static readonly Error BadPkcs12 = new("bad_pkcs12", "The file is not a PKCS#12 certificate file, or the password is wrong.", ErrorKind.Invalid, "file");
    public static readonly Error NotEnrolled = new("not_enrolled", "You have no signing certificate yet. Enrol first, choosing a signing PIN.", ErrorKind.Invalid);
    public static readonly Error Locked = new("signing_locked", "Signing is locked after five wrong PINs. Ask the administrator to unlock it, or enrol again.", ErrorKind.Conflict);
    public static readonly Error NoSession = new("pin_needed", "Enter your signing PIN to sign.", ErrorKind.Invalid, "pin");
    public static readonly Error EnrolledMeanwhile = new("enrolled_meanwhile", "Your signing certificate changed at the same moment (another enrolment). Look at it again before enrolling.", ErrorKind.Conflict);
    public static readonly Error NotSigned = new("not_signed", "This note is not signed.", ErrorKind.NotFound);
    public static readonly Error AwaitingApproval = new("awaiting_approval", "Your DSC names someone other than you in Daftar, so it can sign only after your IT nodal officer approves it.", ErrorKind.Invalid);
    public static Error OwnCertificateRevoked(object createdAt, object revocationReason) => new("certificate_revoked", "Your signing certificate was revoked on {0} (reason: {1}). Enrol again on My profile → Digital signature to get a new one; what you signed before it was revoked stays valid.", ErrorKind.Invalid, null, createdAt, revocationReason);
    public static readonly Error PinMismatch = new("pin_mismatch", "The two PINs are not the same.", ErrorKind.Invalid, "confirmPin");
    public static readonly Error AlreadyEnrolled = new("already_enrolled", "You already have a signing certificate. To choose a new PIN or replace a lost key, enrol again and say so.", ErrorKind.Conflict);
    public static readonly Error WrongPinLastAttempt = new("wrong_pin", "Wrong PIN. One attempt left before signing is locked.", ErrorKind.Invalid, "pin");
    public static Error WrongPin(object left) => new("wrong_pin", "Wrong PIN. {0} attempts left before signing is locked.", ErrorKind.Invalid, "pin", left);
    public static Error TooLarge(object value) => new("too_large", "The document is larger than {0} MB.", ErrorKind.Invalid, "file", value);
    public static readonly Error NoPrivateKey = new("no_private_key", "The file holds no private key; export the certificate with its key.", ErrorKind.Invalid, "file");
    public static readonly Error CertificateNotCurrent = new("certificate_not_current", "The certificate is expired or not yet valid.", ErrorKind.Invalid, "file");
    public static readonly Error NotForSigning = new("not_for_signing", "The certificate is not meant for signing (its key usage has neither digital signature nor non-repudiation).", ErrorKind.Invalid, "file");
    public static Error UntrustedCertificate(object value) => new("untrusted_certificate", "The certificate does not chain to a certifying authority this installation trusts: {0}", ErrorKind.Invalid, "file", value);
    public static readonly Error CertificateHeldByAnother = new("certificate_held_by_another", "This certificate is already registered to another employee, and a certificate can belong to one employee only. If it is yours, ask your IT nodal officer: they can see to whom it is registered.", ErrorKind.Conflict, "file");
    public static Error RevocationUnavailable(object tried) => new("revocation_unavailable", "Daftar cannot check whether this certificate has been revoked: no current revocation list (CRL) of its certifying authority is available ({0}). Every signature with it would show \"revocation could not be checked\". Ask your IT nodal officer to place the authority's current CRL in the trust anchors folder, then register again.", ErrorKind.Invalid, "file", tried);
    public static readonly Error CertificateRevokedByAuthority = new("certificate_revoked", "Its certifying authority has revoked this certificate.", ErrorKind.Invalid, "file");
    public static readonly Error AlreadyRevoked = new("already_revoked", "This certificate is already revoked or replaced.", ErrorKind.Conflict);
    public static readonly Error PinFormat = new("pin_format", "The PIN must be 6 to 12 digits.", ErrorKind.Invalid, "pin");
    public static readonly Error PinWeak = new("pin_weak", "Choose a PIN that is not all one digit or a run such as 123456.", ErrorKind.Invalid, "pin");
    public static readonly Error NotAwaitingApproval = new("not_awaiting_approval", "This certificate is not waiting for approval.", ErrorKind.Conflict);
    public static readonly Error ChangedMeanwhile = new("changed_meanwhile", "This certificate changed at the same moment. Look at it again.", ErrorKind.Conflict);
}
