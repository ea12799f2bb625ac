using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Daftar.Accounts;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Me;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.Accounts;

/// <summary>Issue #30, item 10: administration through the API needs a token made with a fresh authenticator code.</summary>
public class AdministrationTokenTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    private HttpClient WithToken(string secret)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    [Fact]
    public async Task AnAdministratorsToken_MadeWithoutACurrentCode_CannotAdminister_OneMadeWithACode_Can()
    {
        var key = await app.EnableTwoFactorAsync(Demo.Admin);
        // A token the administrator made without a second factor (as the API itself lets anyone make one).
        var plain = await app.WithDbAsync(async db =>
        {
            var (token, secret) = ApiToken.Issue(await db.Users.SingleAsync(a => a.UserName == Demo.Admin), "no second factor", DateTimeOffset.UtcNow, null);
            db.ApiTokens.Add(token);
            await db.SaveChangesAsync();
            return secret;
        });
        var single = WithToken(plain);
        Assert.Equal(HttpStatusCode.OK, (await single.GetAsync("/api/me")).StatusCode);
        var clerkId = await app.EmployeeIdAsync(Demo.Clerk);
        Assert.Equal(HttpStatusCode.Forbidden, (await single.GetAsync($"/api/employees/{clerkId}/account")).StatusCode);

        // Through the API: a wrong code is refused; without a code the new token is no administrator's either.
        var wrong = await single.PostAsJsonAsync("/api/me/tokens", new CreateApiTokenCommand("admin", 1, "000000"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("invalid_authenticator_code", await wrong.Content.ReadAsStringAsync());
        var withoutCode = await (await single.PostAsJsonAsync("/api/me/tokens", new CreateApiTokenCommand("admin", 1))).Content.ReadFromJsonAsync<CreatedApiToken>();
        Assert.False(withoutCode!.SecondFactor);
        Assert.Equal(HttpStatusCode.Forbidden, (await WithToken(withoutCode.Token).GetAsync($"/api/employees/{clerkId}/account")).StatusCode);

        var withCode = await (await single.PostAsJsonAsync("/api/me/tokens", new CreateApiTokenCommand("admin", 1, await app.FreshTotpAsync(Demo.Admin, key))))
            .Content.ReadFromJsonAsync<CreatedApiToken>();
        Assert.True(withCode!.SecondFactor);
        Assert.Equal(HttpStatusCode.OK, (await WithToken(withCode.Token).GetAsync($"/api/employees/{clerkId}/account")).StatusCode);

        // Through the Me page, the same.
        var browser = await app.SignInAsync(Demo.Admin);
        var made = await DaftarFactory.PostFormAsync(browser, "/Me", new() { ["TokenName"] = "from the page", ["TokenCode"] = await app.FreshTotpAsync(Demo.Admin, key) }, "CreateToken");
        var secretFromPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await made.Content.ReadAsStringAsync()).QuerySelector("#new-token")!.TextContent;
        Assert.Equal(HttpStatusCode.OK, (await WithToken(secretFromPage).GetAsync($"/api/employees/{clerkId}/account")).StatusCode);
    }
}
