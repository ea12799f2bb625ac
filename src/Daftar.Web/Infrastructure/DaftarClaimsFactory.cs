using System.Security.Claims;
using Daftar.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Daftar.Web.Infrastructure;

/// <summary>Adds Daftar's own claims (a pending password change) to the signed-in principal, so checking them needs no query.</summary>
public sealed class DaftarClaimsFactory(UserManager<Account> users, RoleManager<IdentityRole<int>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Account, IdentityRole<int>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Account user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.MustChangePassword) identity.AddClaim(new Claim(DaftarClaims.MustChangePassword, "true"));
        if (user.EmployeeId is { } employeeId)
            identity.AddClaim(new Claim(DaftarClaims.EmployeeId, employeeId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return identity;
    }
}
