using Daftar.People;
using Microsoft.AspNetCore.Identity;

namespace Daftar.Accounts;

/// <summary>A sign-in identity. User name is the employee code, so officers sign in by code or e-mail.</summary>
public class Account : IdentityUser<int>
{
    public int? EmployeeId { get; set; }
    public Employee? Employee { get; set; }
    /// <summary>"hi" or "en"; applied on sign-in so the language follows the officer between devices.</summary>
    public string PreferredCulture { get; set; } = "en";
    public DateTimeOffset CreatedAt { get; set; }
}

public static class Roles
{
    public const string Administrator = "Administrator";
}
