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
        // The administrator is asked what becomes of the postings: without an answer nothing changes.
        var asked = await admin.PutAsJsonAsync($"/api/employees/{employee.Id}",
            new SaveEmployeeCommand(null, employee.NameEn, employee.NameHi, employee.Email, employee.Mobile, IsActive: false));
        Assert.Equal(HttpStatusCode.Conflict, asked.StatusCode);
        Assert.Contains("postings_remain", await asked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/me")).StatusCode);
        var changed = await admin.PutAsJsonAsync($"/api/employees/{employee.Id}",
            new SaveEmployeeCommand(null, employee.NameEn, employee.NameHi, employee.Email, employee.Mobile, IsActive: false, EndPostings: false));
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        // Kept postings (leave, suspension) stay; the tokens are revoked, not just refused.
        Assert.True(await app.WithDbAsync(db => db.PostAssignments.AnyAsync(a => a.EmployeeId == employee.Id && a.To == null)));
        Assert.False(await app.WithDbAsync(db => db.ApiTokens.AnyAsync(t => t.Account.EmployeeId == employee.Id && t.RevokedAt == null)));

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

    [Fact]
    public async Task MadeInactive_WithTheirPostingsEnded_LeavesThePostsVacantFromToday()
    {
        const string code = "RJ100040";
        var employee = await app.WithDbAsync(db => db.Employees.SingleAsync(e => e.Code == code));
        var admin = await app.ApiClientAsync(Demo.Admin);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PutAsJsonAsync($"/api/employees/{employee.Id}",
            new SaveEmployeeCommand(null, employee.NameEn, employee.NameHi, employee.Email, employee.Mobile, IsActive: false, EndPostings: true))).StatusCode);
        var today = Daftar.OfficeTime.DateOf(DateTimeOffset.UtcNow);
        var postings = await app.WithDbAsync(db => db.PostAssignments.Where(a => a.EmployeeId == employee.Id).ToListAsync());
        Assert.NotEmpty(postings);
        Assert.All(postings, a => Assert.True(a.To < today || a.To == a.From, $"posting {a.Id} still runs to {a.To}"));
    }

    [Fact]
    public async Task TheAdministrationPage_AsksWhatBecomesOfThePostings()
    {
        const string code = "RJ100041";
        var id = await app.EmployeeIdAsync(code);
        var admin = await app.SignInAsync(Demo.Admin);
        var page = await DaftarFactory.PageAsync(admin, $"/People/Admin/Employee?id={id}");
        var form = page.QuerySelector("form[action*='handler=Save']")!;
        var fields = form.QuerySelectorAll("input[name]").Where(i => i.GetAttribute("type") != "checkbox")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        var asked = await admin.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
        var html = await asked.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("id=\"ask-postings\"", html);
        Assert.True(await app.WithDbAsync(db => db.Employees.Where(e => e.Id == id).Select(e => e.IsActive).SingleAsync()));

        fields["EndPostings"] = "true";
        var done = await admin.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Employees.Where(e => e.Id == id).Select(e => e.IsActive).SingleAsync()));
        Assert.False(await app.WithDbAsync(db => db.PostAssignments.AnyAsync(a => a.EmployeeId == id && a.To == null)));
    }
}
