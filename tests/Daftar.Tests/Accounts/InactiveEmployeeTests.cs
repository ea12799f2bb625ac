using System.Net;
using System.Net.Http.Json;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.People;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.Accounts;

/// <summary>Issue #30, item 1: an employee made inactive is out at once — token, session and sign-in.</summary>
public class InactiveEmployeeTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    [Fact]
    public async Task AnEmployeeMadeInactive_LosesTheirToken_TheirSession_AndCannotSignIn()
    {
        const string code = "RJ100033";
        var api = await app.ApiClientAsync(code);
        var browser = await app.SignInAsync(code);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Files/Inbox")).StatusCode);

        var employee = await app.WithDbAsync(db => db.Employees.SingleAsync(e => e.Code == code));
        var admin = await app.ApiClientAsync(Demo.Admin);
        var changed = await admin.PutAsJsonAsync($"/api/employees/{employee.Id}",
            new SaveEmployeeCommand(null, employee.NameEn, employee.NameHi, employee.Email, employee.Mobile, IsActive: false));
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsJsonAsync("/api/files", new Daftar.Web.Features.Files.CreateFileCommand("After leaving", 1, null))).StatusCode);
        var inbox = await browser.GetAsync("/Files/Inbox");
        Assert.Equal(HttpStatusCode.Redirect, inbox.StatusCode);
        Assert.Contains("/Account/SignIn", inbox.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        var again = await DaftarFactory.PostFormAsync(app.Browser(), "/Account/SignIn", new() { ["Login"] = code, ["Password"] = Demo.Password });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        // Made active again, they can sign in (their old token and session stay ended).
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/employees/{employee.Id}",
            new SaveEmployeeCommand(null, employee.NameEn, employee.NameHi, employee.Email, employee.Mobile, IsActive: true))).StatusCode);
        Assert.NotNull(await app.SignInAsync(code));
    }
}
