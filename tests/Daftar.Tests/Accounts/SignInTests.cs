using System.Net;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Daftar.Tests.Accounts;

public class SignInTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    [Fact]
    public async Task SignIn_ByEmployeeCode_OpensTheHomePage()
    {
        var client = await app.SignInAsync(Demo.Clerk);
        var home = await DaftarFactory.PageAsync(client, "/");
        Assert.Contains("Priyanka Sharma", home.QuerySelector("h1")!.TextContent);
        Assert.Contains("Junior Assistant, DoIT&C, Secretariat", home.Body!.TextContent);
    }

    [Fact]
    public async Task SignIn_ByEmail_Works()
    {
        var client = app.Browser();
        var response = await DaftarFactory.PostFormAsync(client, "/Account/SignIn",
            new() { ["Login"] = "ANITA.CHOUDHARY@rajasthan.example", ["Password"] = Demo.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_WrongPassword_SaysSoWithoutRevealingWhetherTheAccountExists()
    {
        var client = app.Browser();
        var wrongPassword = await DaftarFactory.PostFormAsync(client, "/Account/SignIn", new() { ["Login"] = Demo.Collector, ["Password"] = "wrong" });
        var noSuchUser = await DaftarFactory.PostFormAsync(client, "/Account/SignIn", new() { ["Login"] = "RJ000000", ["Password"] = "wrong" });
        Assert.Equal(HttpStatusCode.OK, wrongPassword.StatusCode);
        var a = await wrongPassword.Content.ReadAsStringAsync();
        var b = await noSuchUser.Content.ReadAsStringAsync();
        Assert.Contains("The employee code, e-mail or password is wrong.", a);
        Assert.Contains("The employee code, e-mail or password is wrong.", b);
    }

    [Fact]
    public async Task WrongPasswords_SlowFurtherAttempts_AlikeForKnownAndUnknownNames_AndLeaveTokensWorking()
    {
        const string known = "RJ100059";
        var token = await app.ApiClientAsync(known);
        var client = app.Browser();
        for (var i = 0; i < SignInThrottle.FromOneAddressFreely; i++)
        {
            await DaftarFactory.PostFormAsync(client, "/Account/SignIn", new() { ["Login"] = known, ["Password"] = "Wrong-password-1" });
            await DaftarFactory.PostFormAsync(client, "/Account/SignIn", new() { ["Login"] = "RJ999998", ["Password"] = "Wrong-password-1" });
        }
        // Even the right password waits now, and an unknown name gets the very same answer.
        var slowed = await (await DaftarFactory.PostFormAsync(client, "/Account/SignIn", new() { ["Login"] = known, ["Password"] = Demo.Password })).Content.ReadAsStringAsync();
        var unknown = await (await DaftarFactory.PostFormAsync(client, "/Account/SignIn", new() { ["Login"] = "RJ999998", ["Password"] = Demo.Password })).Content.ReadAsStringAsync();
        Assert.Matches("Too many wrong attempts. Wait [12] seconds and try again.", slowed);
        Assert.Matches("Too many wrong attempts. Wait [12] seconds and try again.", unknown);
        Assert.DoesNotContain("locked", slowed);
        // The officer's integration is not stopped by someone else's guessing.
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync("/api/me")).StatusCode);

        // A little later the right password works, and the officer is told what happened meanwhile.
        await Task.Delay(TimeSpan.FromSeconds(2.1));
        var signedIn = await DaftarFactory.PostFormAsync(client, "/Account/SignIn", new() { ["Login"] = known, ["Password"] = Demo.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var home = await DaftarFactory.PageAsync(client, "/");
        Assert.Contains("3 wrong password(s) were typed for your account since you last signed in", home.QuerySelector("#failed-sign-ins")!.TextContent);
        Assert.Null((await DaftarFactory.PageAsync(client, "/")).QuerySelector("#failed-sign-ins"));
    }

    [Fact]
    public async Task AnUnknownName_TakesTheWorkOfAKnownOne_AndNoAnswerStatesItsTiming()
    {
        // One attempt per name, so no delay comes into it; alternated, so a slow moment falls on both alike.
        string[] knownNames = ["RJ100020", "RJ100021", "RJ100022", "RJ100023", "RJ100024", "RJ100028", "RJ100029"];
        var client = app.Browser();
        List<double> knownTimes = [], unknownTimes = [];
        for (var i = 0; i < knownNames.Length; i++)
        {
            foreach (var (name, times) in new[] { (knownNames[i], knownTimes), ($"RJ98{i:0000}", unknownTimes) })
            {
                var page = await DaftarFactory.PageAsync(client, "/Account/SignIn");
                var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var answer = await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string>
                { ["Login"] = name, ["Password"] = "Wrong-password-1", ["__RequestVerificationToken"] = token }));
                times.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Assert.False(answer.Headers.Contains("Server-Timing"));
                Assert.Contains("The employee code, e-mail or password is wrong.", await answer.Content.ReadAsStringAsync());
            }
        }
        double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        // Before the decoy hash an unknown name took a tenth of a known one's time (3-13 ms against 51-72 ms).
        Assert.True(Median(unknownTimes) > 0.5 * Median(knownTimes), $"unknown {Median(unknownTimes):0.0} ms, known {Median(knownTimes):0.0} ms");
    }

    [Fact]
    public async Task Administrator_WithoutTwoFactor_IsSentToSetItUp_AndCannotOpenAdministration()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Daftar.Accounts.Account>>();
            await users.SetTwoFactorEnabledAsync((await users.FindByNameAsync(Demo.Admin))!, false);
        }
        var client = app.Browser();
        var signIn = await DaftarFactory.PostFormAsync(client, "/Account/SignIn", new() { ["Login"] = Demo.Admin, ["Password"] = Demo.Password });
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
        var home = await client.GetAsync("/");
        Assert.Equal("/Account/Manage/TwoFactor?required=true", home.Headers.Location!.OriginalString);
        var admin = await client.GetAsync("/People/Admin");
        Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
        Assert.StartsWith("/Account/Manage/TwoFactor", admin.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AnAuthenticatorCode_IsGoodForOneSignInOnly()
    {
        const string code = "RJ100016";
        var key = await app.EnableTwoFactorAsync(code);
        var totp = await app.FreshTotpAsync(code, key);

        async Task<HttpResponseMessage> SignInWithAsync(string oneTimeCode)
        {
            var client = app.Browser();
            var first = await DaftarFactory.PostFormAsync(client, "/Account/SignIn", new() { ["Login"] = code, ["Password"] = Demo.Password });
            Assert.StartsWith("/Account/TwoFactor", first.Headers.Location!.OriginalString);
            return await DaftarFactory.PostFormAsync(client, first.Headers.Location.OriginalString, new() { ["Code"] = oneTimeCode });
        }

        Assert.Equal(HttpStatusCode.Redirect, (await SignInWithAsync(totp)).StatusCode);
        var replayed = await SignInWithAsync(totp);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Contains("The code is wrong or has expired.", await replayed.Content.ReadAsStringAsync());
        // The next code still works.
        Assert.Equal(HttpStatusCode.Redirect, (await SignInWithAsync(await app.FreshTotpAsync(code, key))).StatusCode);
    }

    [Fact]
    public async Task TwoFactor_SetUpFromThePage_ThenRequiredAtNextSignIn_WithRecoveryCodesAsFallback()
    {
        var code = "RJ100010";
        var client = await app.SignInAsync(code);
        var setup = await DaftarFactory.PageAsync(client, "/Account/Manage/TwoFactor");
        var key = setup.QuerySelector("#shared-key")!.TextContent.Replace(" ", "").ToUpperInvariant();
        Assert.NotNull(setup.QuerySelector("img[src^='data:image/svg+xml']"));

        var wrong = await DaftarFactory.PostFormAsync(client, "/Account/Manage/TwoFactor", new() { ["Code"] = "000000" }, "Enable");
        Assert.Contains("The code is wrong", await wrong.Content.ReadAsStringAsync());
        var enabled = await DaftarFactory.PostFormAsync(client, "/Account/Manage/TwoFactor", new() { ["Code"] = await app.FreshTotpAsync(code, key) }, "Enable");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await enabled.Content.ReadAsStringAsync());
        var recovery = page.QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(10, recovery.Count);

        var again = app.Browser();
        var first = await DaftarFactory.PostFormAsync(again, "/Account/SignIn", new() { ["Login"] = code, ["Password"] = Demo.Password });
        Assert.StartsWith("/Account/TwoFactor", first.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/")).StatusCode);
        var viaRecovery = await DaftarFactory.PostFormAsync(again, "/Account/Recovery?returnUrl=%2F", new() { ["Code"] = recovery[0] });
        Assert.Equal("/", viaRecovery.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/Me")).StatusCode);

        var third = app.Browser();
        await DaftarFactory.PostFormAsync(third, "/Account/SignIn", new() { ["Login"] = code, ["Password"] = Demo.Password });
        var reused = await DaftarFactory.PostFormAsync(third, "/Account/Recovery?returnUrl=%2F", new() { ["Code"] = recovery[0] });
        Assert.Contains("That recovery code is wrong or has been used.", await reused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Administrator_WithTwoFactor_OpensAdministration()
    {
        var client = await app.SignInAsync(Demo.Admin);
        var response = await client.GetAsync("/People/Admin");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task NonAdministrator_IsDeniedAdministrationPages()
    {
        var client = await app.SignInAsync(Demo.SectionOfficer);
        var response = await client.GetAsync("/People/Admin/Import");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/AccessDenied", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var client = await app.SignInAsync("RJ100015");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Me")).StatusCode);
        await DaftarFactory.PostFormAsync(client, "/Me", new(), handler: null);
        var signOut = await PostSignOutAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.StartsWith("/Account/SignIn", (await client.GetAsync("/Me")).Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task PasswordChange_SignsOutOtherSessions()
    {
        const string code = "RJ100020";
        var laptop = await app.SignInAsync(code);
        var phone = await app.SignInAsync(code);
        var changed = await DaftarFactory.PostFormAsync(laptop, "/Account/Manage/Password",
            new() { ["Current"] = Demo.Password, ["New"] = "Naya-Password-2026", ["Confirm"] = "Naya-Password-2026" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/Me")).StatusCode);
        var onPhone = await phone.GetAsync("/Me");
        Assert.Equal(HttpStatusCode.Redirect, onPhone.StatusCode);
        Assert.Equal("/Account/SignIn", onPhone.Headers.Location!.AbsolutePath);
        var again = app.Browser();
        var withOld = await DaftarFactory.PostFormAsync(again, "/Account/SignIn", new() { ["Login"] = code, ["Password"] = Demo.Password });
        Assert.Equal(HttpStatusCode.OK, withOld.StatusCode);
        await app.SignInAsync(code, "Naya-Password-2026");
    }

    private static async Task<HttpResponseMessage> PostSignOutAsync(HttpClient client)
    {
        var page = await DaftarFactory.PageAsync(client, "/Me");
        var form = page.Forms.First(f => f.GetAttribute("action") == "/Account/SignOut");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.PostAsync("/Account/SignOut", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
    }
}
