using System.Net;
using System.Net.Http.Json;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Account;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.Accounts;

/// <summary>Issue #30, item 4: an administrator's password reset, two-factor reset or explicit revocation ends a user's API tokens.</summary>
public class TokenRevocationTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    [Fact]
    public async Task AnAdministratorsPasswordReset_RevokesTheUsersTokens()
    {
        const string code = "RJ100043";
        var api = await app.ApiClientAsync(code);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/me")).StatusCode);
        var admin = await app.ApiClientAsync(Demo.Admin);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/employees/{await app.EmployeeIdAsync(code)}/account/temporary-password", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task ATwoFactorReset_RevokesTheUsersTokens()
    {
        const string code = "RJ100044";
        await app.EnableTwoFactorAsync(code);
        var api = await app.ApiClientAsync(code);
        var admin = await app.ApiClientAsync(Demo.Admin);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/employees/{await app.EmployeeIdAsync(code)}/account/reset-two-factor", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task AnAdministrator_RevokesTokens_ThroughTheApi_AndThePage()
    {
        const string code = "RJ100045";
        var id = await app.EmployeeIdAsync(code);
        var first = await app.ApiClientAsync(code);
        var second = await app.ApiClientAsync(code);
        var admin = await app.ApiClientAsync(Demo.Admin);
        Assert.Equal(2, (await admin.GetFromJsonAsync<AccountStatus>($"/api/employees/{id}/account"))!.ActiveTokens);
        var revoked = await admin.PostAsync($"/api/employees/{id}/account/revoke-tokens", null);
        Assert.Equal(2, (await revoked.Content.ReadFromJsonAsync<RevokedTokens>())!.Revoked);
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/me")).StatusCode);

        var third = await app.ApiClientAsync(code);
        var browser = await app.SignInAsync(Demo.Admin);
        var page = await DaftarFactory.PageAsync(browser, $"/People/Admin/Employee?id={id}");
        Assert.Equal("1", page.QuerySelector("#active-tokens")!.TextContent);
        var form = page.QuerySelector("form[action*='handler=RevokeTokens']")!;
        Assert.NotNull(form);
        var posted = await DaftarFactory.PostFormAsync(browser, $"/People/Admin/Employee?id={id}", new(), "RevokeTokens");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await third.GetAsync("/api/me")).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.ApiTokens.CountAsync(t => t.Account.EmployeeId == id && t.RevokedAt == null)));
    }
}
