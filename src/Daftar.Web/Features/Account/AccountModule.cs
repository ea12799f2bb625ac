namespace Daftar.Web.Features.Account;

/// <summary>Signing in and out, two-factor sign-in, recovery and one's own account settings (pages only).</summary>
public static class AccountModule
{
    public static IServiceCollection AddAccount(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<AccountQueries>();
        services.AddScoped<IssueTemporaryPassword>();
        services.AddScoped<UnlockAccount>();
        services.AddScoped<ResetTwoFactor>();
        services.AddScoped<RevokeApiTokens>();
        return services;
    }
}
