using Daftar.Web.Infrastructure;

namespace Daftar.Web.Features.Account;

/// <summary>What the Account area answers when it refuses a request: every code and message in one place (ADR 0025).</summary>
public static class AccountErrors
{
    public static readonly Error EmployeeInactive = new("employee_inactive", "The employee is inactive; make them active first.", ErrorKind.Conflict);
    public static Error AccountRefused(object description) => new("account_refused", "The account could not be saved: {0}", ErrorKind.Conflict, null, description);
}
