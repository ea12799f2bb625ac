using Daftar.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Infrastructure;

public static class WebSecurity
{
    /// <summary>
    /// A strict Content-Security-Policy (no inline script or style anywhere in Daftar's pages) and the usual
    /// hardening headers. The API reference page ships Swagger UI, which needs inline styles.
    /// </summary>
    public static void UseSecurityHeaders(this WebApplication app) => app.Use(async (ctx, next) =>
    {
        var headers = ctx.Response.Headers;
        var styles = ctx.Request.Path.StartsWithSegments("/api/docs") ? "'self' 'unsafe-inline'" : "'self'";
        headers.ContentSecurityPolicy =
            $"default-src 'self'; script-src 'self'; style-src {styles}; img-src 'self' data:; font-src 'self'; " +
            "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "geolocation=(), microphone=(self), camera=(self)";
        await next();
    });

    public static void UseLocalisedMessages(this DefaultModelBindingMessageProvider p, IStringLocalizerFactory factory)
    {
        var l = factory.Create(typeof(SharedResource));
        p.SetAttemptedValueIsInvalidAccessor((v, f) => l["The value '{0}' is not valid for {1}.", v, l[f]]);
        p.SetMissingBindRequiredValueAccessor(f => l["A value for {0} was not provided.", l[f]]);
        p.SetMissingKeyOrValueAccessor(() => l["A value is required."]);
        p.SetMissingRequestBodyRequiredValueAccessor(() => l["A non-empty request body is required."]);
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(v => l["The value '{0}' is not valid.", v]);
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["The value supplied is invalid."]);
        p.SetNonPropertyValueMustBeANumberAccessor(() => l["The field must be a number."]);
        p.SetUnknownValueIsInvalidAccessor(f => l["The value supplied is invalid for {0}.", l[f]]);
        p.SetValueIsInvalidAccessor(v => l["The value '{0}' is invalid.", v]);
        p.SetValueMustBeANumberAccessor(f => l["The field {0} must be a number.", l[f]]);
        p.SetValueMustNotBeNullAccessor(v => l["A value is required."]);
    }
}

/// <summary>
/// What a signed-in officer must do before anything else: choose their own password after an administrator issued a
/// temporary one, and, for administrators, set up two-factor sign-in. Until then every page except those under
/// /Account sends them there.
/// </summary>
public sealed class SignInRequirements(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext ctx, UserManager<Account> users)
    {
        var user = ctx.User;
        var path = ctx.Request.Path;
        var exempt = path.StartsWithSegments("/Account") || path.StartsWithSegments("/lib") || path.StartsWithSegments("/css")
            || path.StartsWithSegments("/js") || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/api");
        if (user.Identity?.IsAuthenticated == true && user.Identity.AuthenticationType != ApiTokenHandler.SchemeName && !exempt)
        {
            if (user.HasClaim(DaftarClaims.MustChangePassword, "true"))
            {
                ctx.Response.Redirect("/Account/Manage/Password?required=true");
                return;
            }
            if (user.IsInRole(Roles.Administrator) && !user.HasClaim("amr", "mfa")
                && await users.GetUserAsync(user) is { TwoFactorEnabled: false })
            {
                ctx.Response.Redirect("/Account/Manage/TwoFactor?required=true");
                return;
            }
        }
        await next(ctx);
    }
}

public sealed class LocalisedIdentityErrors(IStringLocalizer<SharedResource> l) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = l["Passwords must be at least {0} characters.", length] };
    public override IdentityError PasswordRequiresNonAlphanumeric() => new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = l["Passwords must have at least one character that is not a letter or digit."] };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = l["Passwords must have at least one digit ('0'-'9')."] };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = l["Passwords must have at least one uppercase letter ('A'-'Z')."] };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = l["Passwords must have at least one lowercase letter ('a'-'z')."] };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = l["The current password is wrong."] };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = l["An account for {0} already exists.", userName] };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = l["Something went wrong. Please try again."] };
}
