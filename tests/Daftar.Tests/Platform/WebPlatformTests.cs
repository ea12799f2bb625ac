using System.Net;
using System.Text.Json;
using Daftar.Tests.Infrastructure;

namespace Daftar.Tests.Platform;

public class WebPlatformTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    [Fact]
    public async Task Healthz_AnswersOkWhenTheDatabaseIsReachable()
    {
        var response = await app.CreateClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheApi_AndTheReferencePageServesIt()
    {
        var client = app.CreateClient();
        var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/me", "/api/offices", "/api/offices/{id}", "/api/directory", "/api/employees", "/api/employees/{id}/assignments", "/api/imports/employees", "/api/me/tokens" })
            Assert.True(paths.TryGetProperty(path, out _), path);
        var reference = await client.GetAsync("/api/docs/index.html");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("swagger", await reference.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Pages_CarryAStrictContentSecurityPolicy_AndNoInlineScript()
    {
        var client = app.Browser();
        var response = await client.GetAsync("/Account/SignIn");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var page = await DaftarFactory.PageAsync(client, "/Account/SignIn");
        Assert.All(page.Scripts, s => Assert.False(string.IsNullOrEmpty(s.Source), "inline script"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
    }

    [Fact]
    public void NoPageWritesAnInlineStyle_WhichThePolicyWouldRefuse()
    {
        // style-src 'self' refuses style attributes too: a page that carried one would lose that styling in every browser.
        var root = Daftar.Tests.Localisation.HindiTests.FindRepositoryRoot();
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "src", "Daftar.Web"), "*.cshtml", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, Text: line)))
            .Where(l => System.Text.RegularExpressions.Regex.IsMatch(l.Text, @"\sstyle\s*="))
            .Select(l => $"{l.File}:{l.Line}")
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public async Task PagesNeedSignIn_AndFormsRefusePostsWithoutAntiforgeryToken()
    {
        var client = app.Browser();
        var home = await client.GetAsync("/People");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/Account/SignIn", home.Headers.Location!.AbsolutePath);
        var forged = await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent([new("Login", Demo.Clerk), new("Password", Demo.Password)]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task SignInIsRateLimited()
    {
        await using var strict = new StrictRateFactory();
        await ((IAsyncLifetime)strict).InitializeAsync();
        var client = strict.Browser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await client.GetAsync("/Account/SignIn")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task GuessingApiTokens_IsCutOffAfterTheLimit_EvenForARealTokenFromThatAddress()
    {
        await using var strict = new StrictRateFactory();
        await ((IAsyncLifetime)strict).InitializeAsync();
        var real = await strict.ApiClientAsync(Demo.Clerk);
        Assert.Equal(HttpStatusCode.OK, (await real.GetAsync("/api/me")).StatusCode);
        var guesser = strict.CreateClient();
        var statuses = new List<HttpStatusCode>();
        foreach (var guess in new[] { "dft_guess1", "dft_guess2", "not-a-token", "dft_guess4" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", guess);
            statuses.Add((await guesser.SendAsync(request)).StatusCode);
        }
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        var blocked = await real.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Equal("60", blocked.Headers.RetryAfter?.ToString());
        Assert.Equal("application/problem+json", blocked.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ThePublicVerificationPage_IsRateLimited()
    {
        await using var strict = new StrictRateFactory();
        await ((IAsyncLifetime)strict).InitializeAsync();
        var citizen = strict.Browser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await citizen.GetAsync($"/verify/ABCDEFGH{i}J")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    private sealed class StrictRateFactory : DaftarFactory
    {
        protected override int SignInAttemptsPerMinute => 3;
        protected override int FailedTokensPerMinute => 3;
        protected override int VerificationsPerMinute => 3;
    }
}
