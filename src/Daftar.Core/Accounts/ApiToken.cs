using System.Security.Cryptography;
using System.Text;

namespace Daftar.Accounts;

/// <summary>A bearer token for programs. Only its SHA-256 hash is stored; the token is shown once.</summary>
[Daftar.Audit.Audited]
public class ApiToken
{
    public const string Prefix = "dft_";

    private ApiToken() { }

    public int Id { get; private set; }
    public int AccountId { get; private set; }
    public Account Account { get; private set; } = null!;
    public string Name { get; private set; } = "";
    /// <summary>First characters of the token, safe to show so a user can tell tokens apart.</summary>
    public string Hint { get; private set; } = "";
    public string Hash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ExpiresAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    /// <summary>Made by someone who had just passed two-factor sign-in (or by the operator on the server): only such a
    /// token may call the administration endpoints.</summary>
    public bool SecondFactor { get; private set; }

    public bool IsUsableAt(DateTimeOffset now) => IsUsable(ExpiresAt, RevokedAt, now);

    /// <summary>The same rule over the two columns, for callers that read them without loading the token.</summary>
    public static bool IsUsable(DateTimeOffset? expiresAt, DateTimeOffset? revokedAt, DateTimeOffset now) =>
        revokedAt is null && (expiresAt is null || expiresAt > now);

    public static (ApiToken Token, string Secret) Issue(Account account, string name, DateTimeOffset now, DateTimeOffset? expiresAt, bool secondFactor = false)
    {
        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = new ApiToken
        {
            Account = account,
            AccountId = account.Id,
            Name = name,
            Hint = secret[..10],
            Hash = HashOf(secret),
            CreatedAt = now,
            ExpiresAt = expiresAt,
            SecondFactor = secondFactor,
        };
        return (token, secret);
    }

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    public static string HashOf(string secret) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
