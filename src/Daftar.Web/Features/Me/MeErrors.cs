using Daftar.Web.Infrastructure;

namespace Daftar.Web.Features.Me;

/// <summary>What the Me area answers when it refuses a request: every code and message in one place (ADR 0025).</summary>
public static class MeErrors
{
    public static readonly Error WrongCode = new("invalid_authenticator_code", "The code is wrong or has expired. Enter the current code from your app.", ErrorKind.Invalid, "authenticatorCode");
    public static readonly Error InvalidDays = new("invalid_days", "Validity must be between 1 and 3650 days.", ErrorKind.Invalid, "days");
    public static readonly Error TooManyTokens = new("too_many_tokens", "You already have 20 tokens. Revoke one you no longer use.", ErrorKind.Conflict);
}
