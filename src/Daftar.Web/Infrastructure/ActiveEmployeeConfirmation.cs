using Daftar.Accounts;
using Daftar.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Infrastructure;

/// <summary>
/// Who may sign in: an account of an active employee (or one that is no employee's). Identity asks before it checks the
/// password and again before two-factor sign-in, so an employee made inactive cannot start a session.
/// </summary>
public sealed class ActiveEmployeeConfirmation(DaftarDb db) : IUserConfirmation<Account>
{
    public async Task<bool> IsConfirmedAsync(UserManager<Account> manager, Account user) =>
        user.EmployeeId is not { } id || await db.Employees.AnyAsync(e => e.Id == id && e.IsActive);
}
