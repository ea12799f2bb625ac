using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Me;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.Accounts;

public class ApiTokenTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    [Fact]
    public async Task Me_WithToken_TellsWhoAndWhichPosts()
    {
        var api = await app.ApiClientAsync(Demo.SdoSanganer);
        var me = await api.GetFromJsonAsync<MeResponse>("/api/me");
        Assert.Equal(Demo.SdoSanganer, me!.UserName);
        Assert.Equal(["SDO-SANGANER", "SDO-CHAKSU"], me.Posts.Select(p => p.Code));
        Assert.Equal("SDO-SANGANER", me.ActingPost!.Code);
    }

    [Fact]
    public async Task Me_WithoutOrWithBadToken_IsUnauthorized()
    {
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/me")).StatusCode);
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "dft_notarealtoken");
        var bad = await anonymous.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Token_CreatedThroughTheApi_IsShownOnce_StoredHashed_AndRevocable()
    {
        var api = await app.ApiClientAsync(Demo.Clerk);
        var created = await (await api.PostAsJsonAsync("/api/me/tokens", new CreateApiTokenCommand("reporting script", 30)))
            .Content.ReadFromJsonAsync<CreatedApiToken>();
        Assert.StartsWith("dft_", created!.Token);
        Assert.False(await app.WithDbAsync(db => db.ApiTokens.AnyAsync(t => t.Hash == created.Token || t.Hint == created.Token)));

        var list = await api.GetFromJsonAsync<List<ApiTokenSummary>>("/api/me/tokens");
        Assert.Contains(list!, t => t.Name == "reporting script" && t.ExpiresAt != null);
        Assert.DoesNotContain(await api.GetStringAsync("/api/me/tokens"), created.Token);

        var second = app.CreateClient();
        second.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Token);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/me/tokens/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Token_OfSomeoneElse_CannotBeRevoked()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var officer = await app.ApiClientAsync(Demo.SectionOfficer);
        var created = await (await officer.PostAsJsonAsync("/api/me/tokens", new CreateApiTokenCommand("mine", null))).Content.ReadFromJsonAsync<CreatedApiToken>();
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.DeleteAsync($"/api/me/tokens/{created!.Id}")).StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.ApiTokens.Where(t => t.Id == created.Id).Select(t => t.RevokedAt).SingleAsync()));
    }

    [Fact]
    public async Task Token_Expired_IsRefused()
    {
        var api = await app.ApiClientAsync(Demo.Collector);
        await app.WithDbAsync(async db =>
        {
            var token = await db.ApiTokens.OrderByDescending(t => t.Id).FirstAsync(t => t.Account.UserName == Demo.Collector);
            db.Entry(token).Property(t => t.ExpiresAt).CurrentValue = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Token_BadRequest_GivesProblemDetails()
    {
        var api = await app.ApiClientAsync(Demo.Clerk);
        var response = await api.PostAsJsonAsync("/api/me/tokens", new CreateApiTokenCommand("", 99999));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("days", out _));
    }

    [Fact]
    public async Task Token_CreatedOnTheMePage_WorksForTheApi()
    {
        var browser = await app.SignInAsync("RJ100012");
        var response = await DaftarFactory.PostFormAsync(browser, "/Me", new() { ["TokenName"] = "my laptop", ["TokenDays"] = "7" }, "CreateToken");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var secret = page.QuerySelector("#new-token")!.TextContent.Trim();
        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var me = await api.GetFromJsonAsync<MeResponse>("/api/me");
        Assert.Equal("RJ100012", me!.UserName);
        // Cookies do not authenticate the API, so a page session cannot be abused cross-site against it.
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
    }
}
