using Daftar.Data;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web;

public static class DaftarStartup
{
    /// <summary>Before the first request: migrate (unless turned off) and, for the embedded demo, seed once and say how to sign in.</summary>
    public static async Task PrepareAsync(WebApplication app)
    {
        var config = app.Configuration;
        if (config.GetValue("Database:MigrateOnStart", true))
            await DatabaseStartup.MigrateAsync(app.Services);
        if (!config.GetValue("Daftar:SeedDemo", false)) return;

        await using var scope = app.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<Daftar.Web.Features.Demo.DemoOrganisation>().SeedAsync();
        await scope.ServiceProvider.GetRequiredService<Daftar.Web.Features.Signing.Pki>().EnsureAsync(CancellationToken.None);
        // The demo's meetings come with the demo organisation (not with the test database, whose meetings each test makes).
        if (outcome.Seeded) await scope.ServiceProvider.GetRequiredService<Daftar.Web.Features.Demo.DemoMeetings>().SeedAsync(CancellationToken.None);
        await PrintDemoAccountsAsync(scope.ServiceProvider.GetRequiredService<DaftarDb>(), outcome.Seeded, Console.Out);
    }

    public static async Task PrintDemoAccountsAsync(DaftarDb db, bool justSeeded, TextWriter output)
    {
        var rows = await db.Users.AsNoTracking().Where(a => a.Employee != null)
            .OrderBy(a => a.UserName)
            .Select(a => new
            {
                a.UserName,
                a.Employee!.NameEn,
                Post = a.Employee.Assignments.Where(p => p.Kind == Daftar.People.ChargeKind.Primary && p.To == null)
                    .Select(p => p.Post.Designation.NameEn + ", " + p.Post.Office.NameEn).FirstOrDefault(),
                Admin = db.UserRoles.Any(r => r.UserId == a.Id && db.Roles.Any(x => x.Id == r.RoleId && x.Name == Daftar.Accounts.Roles.Administrator)),
            })
            .ToListAsync();
        output.WriteLine();
        output.WriteLine(justSeeded ? "Demo organisation created." : "Demo organisation already present (kept as it is).");
        output.WriteLine($"Sign in with an employee code (or e-mail) and the password {Daftar.Web.Features.Demo.DemoOrganisation.DemoPassword}:");
        foreach (var r in rows)
            output.WriteLine($"  {r.UserName,-10} {r.NameEn,-28} {r.Post}{(r.Admin ? "   [administrator: sets up two-factor sign-in at first sign-in]" : "")}");
        output.WriteLine();
    }
}
