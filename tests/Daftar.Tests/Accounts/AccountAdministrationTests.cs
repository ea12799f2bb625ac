using System.Net;
using System.Net.Http.Json;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Account;
using Daftar.Web.Features.People;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.Accounts;

public class AccountAdministrationTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    [Fact]
    public async Task ImportedEmployee_GetsAnAccount_AndMustChooseTheirOwnPasswordFirst()
    {
        var admin = await app.ApiClientAsync(Demo.Admin);
        var created = await admin.PostAsJsonAsync("/api/employees", new SaveEmployeeCommand("RJ450001", "Naveen Jain", "नवीन जैन", "naveen.jain@rajasthan.example", null));
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt32();
        Assert.False((await admin.GetFromJsonAsync<AccountStatus>($"/api/employees/{id}/account"))!.Exists);

        var issued = await (await admin.PostAsync($"/api/employees/{id}/account/temporary-password", null)).Content.ReadFromJsonAsync<TemporaryPassword>();
        Assert.Equal("RJ450001", issued!.UserName);
        Assert.True(issued.Password.Length >= 12);

        var officer = await app.SignInAsync("RJ450001", issued.Password);
        var home = await officer.GetAsync("/");
        Assert.Equal("/Account/Manage/Password?required=true", home.Headers.Location!.OriginalString);
        var changed = await DaftarFactory.PostFormAsync(officer, "/Account/Manage/Password?required=true",
            new() { ["Current"] = issued.Password, ["New"] = "Mera-Naya-Password-1", ["Confirm"] = "Mera-Naya-Password-1" });
        Assert.True(changed.StatusCode == HttpStatusCode.Redirect, await changed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/")).StatusCode);
        Assert.False((await admin.GetFromJsonAsync<AccountStatus>($"/api/employees/{id}/account"))!.MustChangePassword);
    }

    [Fact]
    public async Task ForgottenPassword_IsResetByTheAdministrator_AndTheOldSessionEnds()
    {
        const string code = "RJ100027";
        var oldSession = await app.SignInAsync(code);
        var admin = await app.SignInAsync(Demo.Admin);
        var id = await app.EmployeeIdAsync(code);
        var response = await DaftarFactory.PostFormAsync(admin, $"/People/Admin/Employee?id={id}", new(), "Password");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var temporary = page.QuerySelector("#temporary-password")!.TextContent.Trim();

        Assert.Equal("/Account/SignIn", (await oldSession.GetAsync("/Me")).Headers.Location!.AbsolutePath);
        var withOld = await DaftarFactory.PostFormAsync(app.Browser(), "/Account/SignIn", new() { ["Login"] = code, ["Password"] = Demo.Password });
        Assert.Equal(HttpStatusCode.OK, withOld.StatusCode);
        var fresh = await app.SignInAsync(code, temporary);
        Assert.StartsWith("/Account/Manage/Password", (await fresh.GetAsync("/People")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SlowedOfficer_IsLetInAtOnceByTheAdministratorsUnlock()
    {
        const string code = "RJ100058";
        var browser = app.Browser();
        for (var i = 0; i < 8; i++)
            await DaftarFactory.PostFormAsync(browser, "/Account/SignIn", new() { ["Login"] = code, ["Password"] = "Wrong-Password-9" });
        var slowed = await DaftarFactory.PostFormAsync(browser, "/Account/SignIn", new() { ["Login"] = code, ["Password"] = Demo.Password });
        Assert.Contains("Too many wrong attempts. Wait", await slowed.Content.ReadAsStringAsync());
        var admin = await app.ApiClientAsync(Demo.Admin);
        var id = await app.EmployeeIdAsync(code);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/employees/{id}/account/unlock", null)).StatusCode);
        await app.SignInAsync(code);
    }

    [Fact]
    public async Task LostPhone_TwoFactorIsReset_AndTheOfficerSignsInWithThePasswordAgain()
    {
        const string code = "RJ100009";
        await app.EnableTwoFactorAsync(code);
        var admin = await app.ApiClientAsync(Demo.Admin);
        var id = await app.EmployeeIdAsync(code);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/employees/{id}/account/reset-two-factor", null)).StatusCode);
        var browser = app.Browser();
        var signIn = await DaftarFactory.PostFormAsync(browser, "/Account/SignIn", new() { ["Login"] = code, ["Password"] = Demo.Password });
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task OnlyAdministrators_ManageAccounts()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var id = await app.EmployeeIdAsync(Demo.Collector);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsync($"/api/employees/{id}/account/temporary-password", null)).StatusCode);
        var hash = await app.WithDbAsync(db => db.Users.Where(u => u.EmployeeId == id).Select(u => u.PasswordHash).SingleAsync());
        Assert.NotNull(hash);
    }
}
