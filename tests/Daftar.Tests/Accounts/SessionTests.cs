using System.Net;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Daftar.Tests.Accounts;

/// <summary>Issue #30, item 3: the sign-in cookie names a session on the server; signing out, the idle time and the absolute lifetime end it.</summary>
public class SessionTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    private static readonly Uri Base = new("http://localhost");

    /// <summary>A client whose cookies the test can read, signed in as <paramref name="code"/>.</summary>
    private async Task<(HttpClient Client, string Cookie)> SignInAsync(string code)
    {
        var jar = new System.Net.CookieContainer();
        var client = app.CreateDefaultClient(Base, new CookieContainerHandler(jar));
        var signedIn = await DaftarFactory.PostFormAsync(client, "/Account/SignIn", new() { ["Login"] = code, ["Password"] = Demo.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (client, jar.GetCookies(Base)["daftar.auth"]!.Value);
    }

    private HttpClient WithCookie(string cookie)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", "daftar.auth=" + cookie);
        return client;
    }

    private static async Task AssertSentToSignInAsync(HttpClient client)
    {
        var inbox = await client.GetAsync("/Files/Inbox");
        Assert.Equal(HttpStatusCode.Redirect, inbox.StatusCode);
        Assert.Contains("/Account/SignIn", inbox.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private async Task<string> SessionOfAsync(string code) => await app.WithDbAsync(db =>
        db.SignInSessions.Where(s => s.EndedAt == null && db.Users.Any(u => u.Id == s.AccountId && u.UserName == code))
            .Select(s => s.Id).SingleAsync());

    [Fact]
    public async Task SigningOut_EndsTheSessionOnTheServer_SoACopyOfTheCookieIsRefused()
    {
        var (client, cookie) = await SignInAsync("RJ100031");
        var copy = WithCookie(cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/Files/Inbox")).StatusCode);

        var home = await DaftarFactory.PageAsync(client, "/");
        var token = home.QuerySelector("form[action='/Account/SignOut'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var signedOut = await client.PostAsync("/Account/SignOut", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        await AssertSentToSignInAsync(copy);
        Assert.Equal(0, await app.WithDbAsync(db => db.SignInSessions.CountAsync(s => s.EndedAt == null && db.Users.Any(u => u.Id == s.AccountId && u.UserName == "RJ100031"))));
    }

    [Fact]
    public async Task ASessionUnusedForLongerThanTheIdleTime_IsEnded()
    {
        var (client, _) = await SignInAsync("RJ100032");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Files/Inbox")).StatusCode);
        var sid = await SessionOfAsync("RJ100032");
        // 31 minutes without a request (the default idle time is 30).
        await app.WithDbAsync(db => db.SignInSessions.Where(s => s.Id == sid)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, DateTimeOffset.UtcNow.AddMinutes(-31))));
        app.Services.GetRequiredService<SignInCache>().ForgetAll();
        await AssertSentToSignInAsync(client);
    }

    [Fact]
    public async Task ASessionOlderThanTheAbsoluteLifetime_IsEnded_EvenWhileInUse()
    {
        var (client, _) = await SignInAsync("RJ100035");
        var sid = await SessionOfAsync("RJ100035");
        // Begun 13 hours ago (the default lifetime is 12), used a moment ago.
        await app.WithDbAsync(db => db.SignInSessions.Where(s => s.Id == sid)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.StartedAt, DateTimeOffset.UtcNow.AddHours(-13)).SetProperty(s => s.LastSeenAt, DateTimeOffset.UtcNow)));
        app.Services.GetRequiredService<SignInCache>().ForgetAll();
        await AssertSentToSignInAsync(client);
    }

    [Fact]
    public void TheLimits_AreTheAdministratorsToSet()
    {
        var limits = SignInSessions.LimitsFrom(new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Daftar:SessionHours"] = "4", ["Daftar:SessionIdleMinutes"] = "10" }).Build());
        Assert.Equal(TimeSpan.FromHours(4), limits.Absolute);
        Assert.Equal(TimeSpan.FromMinutes(10), limits.Idle);
        Assert.Equal(new Daftar.Accounts.SessionLimits(TimeSpan.FromHours(12), TimeSpan.FromMinutes(30)),
            app.Services.GetRequiredService<Daftar.Accounts.SessionLimits>());
    }
}
