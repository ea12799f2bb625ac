using Daftar.People;
using Microsoft.AspNetCore.Identity;

namespace Daftar.Accounts;

/// <summary>A sign-in identity. User name is the employee code, so officers sign in by code or e-mail.</summary>
[Daftar.Audit.Audited]
public class Account : IdentityUser<int>
{
    public int? EmployeeId { get; set; }
    public Employee? Employee { get; set; }
    /// <summary>"hi" or "en"; applied on sign-in so the language follows the officer between devices.</summary>
    public string PreferredCulture { get; set; } = "en";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Set when an administrator issued a temporary password; the officer must choose their own before anything else.</summary>
    public bool MustChangePassword { get; set; }
    /// <summary>The 30-second step of the last authenticator code accepted: a code is good once (ASVS 2.8.4).</summary>
    public long? LastTotpStep { get; set; }
    /// <summary>Wrong passwords typed for this account since its officer last signed in, and when the last was: told to
    /// the officer at their next sign-in (and by e-mail when they pile up).</summary>
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LastFailedSignInAt { get; set; }
}

/// <summary>Claim types Daftar adds to a signed-in principal.</summary>
public static class DaftarClaims
{
    public const string MustChangePassword = "daftar:must_change_password";
    public const string EmployeeId = "daftar:employee_id";
    /// <summary>The server-side session a sign-in cookie belongs to (<see cref="SignInSession"/>).</summary>
    public const string SessionId = "daftar:sid";
}

public static class Roles
{
    public const string Administrator = "Administrator";
}
