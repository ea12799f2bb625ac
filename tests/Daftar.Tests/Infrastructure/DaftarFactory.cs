using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Daftar.Accounts;
using Daftar.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Daftar.Tests.Infrastructure;

/// <summary>Employee codes of the demo organisation that tests act as.</summary>
public static class Demo
{
    public const string Password = "Daftar@2026";
    public const string Admin = "RJ100014";            // IT nodal officer, DoIT&C — the administrator
    public const string Clerk = "RJ100013";            // Junior Assistant, DoIT&C GR-1
    public const string SectionOfficer = "RJ100011";   // Section Officer, DoIT&C GR-1
    public const string SdoSanganer = "RJ100042";      // SDO Sanganer, also additional charge of SDO Chaksu
    public const string Collector = "RJ100037";
}

/// <summary>Daftar in memory over an installation that already exists: its database and data folder are left as they are.</summary>
public sealed class ExistingInstallation(string dataPath, string connectionString, bool usesTestMasterKey = false)
    : DaftarFactory(dataPath, connectionString, usesTestMasterKey)
{
    public override Task InitializeAsync() => Task.CompletedTask;
}

/// <summary>
/// Daftar in memory on a real database of its own (SQLite file or PostgreSQL database), with intent methods
/// for what tests do: sign in as someone, call the API as someone, look into the database.
/// </summary>
public class DaftarFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public DaftarFactory() => DataPath = Directory.CreateTempSubdirectory("daftar-test-").FullName;

    /// <summary>An installation that already exists (one restored from a backup, say); without the test master key it reads its key file.</summary>
    protected DaftarFactory(string dataPath, string connectionString, bool usesTestMasterKey)
    {
        DataPath = dataPath;
        ConnectionString = connectionString;
        UsesTestMasterKey = usesTestMasterKey;
    }

    public string DataPath { get; }
    public string ConnectionString { get; private set; } = "";
    private bool UsesTestMasterKey { get; } = true;
    protected virtual int SignInAttemptsPerMinute => 10_000;
    protected virtual int FailedTokensPerMinute => 10_000;
    protected virtual int VerificationsPerMinute => 10_000;

    public virtual async Task InitializeAsync() => ConnectionString = await TestDatabase.CreateAsync(DataPath);

    /// <summary>Points this installation at a new, empty database (before the server starts), for tests of migration and generation.</summary>
    protected async Task SwitchToEmptyDatabaseAsync() => ConnectionString = await TestDatabase.CreateEmptyAsync(DataPath);

    /// <summary>Stops what a derived factory started (a browser, say) before the application stops.</summary>
    protected virtual Task CleanupAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await CleanupAsync();
        await DisposeAsync();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a background task only leaves a temp folder behind.
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", TestDatabase.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        builder.UseSetting("Daftar:DataPath", DataPath);
        builder.UseSetting("Daftar:SeedDemo", "false");
        if (UsesTestMasterKey) builder.UseSetting("Signing:MasterKey", TestDatabase.MasterKey);
        builder.UseSetting("Daftar:SessionRecheckSeconds", "0");
        // Every test client comes from one address; the limit itself has its own test.
        builder.UseSetting("Daftar:SignInAttemptsPerMinute", SignInAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Daftar:FailedTokensPerMinute", FailedTokensPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Daftar:VerificationsPerMinute", VerificationsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<T> WithDbAsync<T>(Func<DaftarDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<DaftarDb>());
    }

    public async Task WithDbAsync(Func<DaftarDb, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<DaftarDb>());
    }

    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A cookie-signed-in client. Administrators get two-factor set up and pass it with a TOTP code.</summary>
    public async Task<HttpClient> SignInAsync(string employeeCode, string password = Demo.Password)
    {
        if (await IsAdministratorAsync(employeeCode)) await EnableTwoFactorAsync(employeeCode);
        var client = Browser();
        var response = await PostFormAsync(client, "/Account/SignIn", new() { ["Login"] = employeeCode, ["Password"] = password });
        if (response.Headers.Location?.OriginalString.StartsWith("/Account/TwoFactor", StringComparison.Ordinal) == true)
        {
            var key = await AuthenticatorKeyAsync(employeeCode);
            response = await PostFormAsync(client, response.Headers.Location.OriginalString, new() { ["Code"] = await FreshTotpAsync(employeeCode, key) });
        }
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.StartsWith("/Account", StringComparison.Ordinal) == true)
            throw new InvalidOperationException($"Sign-in as {employeeCode} failed: {response.StatusCode} {response.Headers.Location}");
        return client;
    }

    /// <summary>Turns on two-factor sign-in for an account (as if they had scanned the QR code) and returns the key.</summary>
    public async Task<string> EnableTwoFactorAsync(string employeeCode)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = (await users.FindByNameAsync(employeeCode))!;
        if (await users.GetAuthenticatorKeyAsync(account) is not { Length: > 0 }) await users.ResetAuthenticatorKeyAsync(account);
        await users.SetTwoFactorEnabledAsync(account, true);
        return (await users.GetAuthenticatorKeyAsync(account))!;
    }

    private async Task<bool> IsAdministratorAsync(string employeeCode)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        return await users.FindByNameAsync(employeeCode) is { } account && await users.IsInRoleAsync(account, Roles.Administrator);
    }

    private async Task<string> AuthenticatorKeyAsync(string employeeCode)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        return (await users.GetAuthenticatorKeyAsync((await users.FindByNameAsync(employeeCode))!))!;
    }

    public static string Totp(string base32Key) => new Totp(Base32Encoding.ToBytes(base32Key)).ComputeTotp();

    /// <summary>
    /// A code the account has not used yet, as an officer would type after waiting for the app's next one: each code is
    /// good once, so this is the current step's code or the next one's (accepted for clock drift), or, if both are used,
    /// the next after waiting for it.
    /// </summary>
    public async Task<string> FreshTotpAsync(string userName, string base32Key)
    {
        while (true)
        {
            var last = await WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.LastTotpStep).SingleAsync());
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
            foreach (var step in new[] { now, now + 1 })
            {
                if (last is null || step > last)
                    return new Totp(Base32Encoding.ToBytes(base32Key)).ComputeTotp(DateTime.UnixEpoch.AddSeconds(step * 30));
            }
            await Task.Delay(1000);
        }
    }

    /// <summary>A client that calls the API with a fresh bearer token of the given employee.</summary>
    public async Task<HttpClient> ApiClientAsync(string employeeCode)
    {
        var secret = await TokenAsync(employeeCode);
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = ClientOptions.BaseAddress });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>A fresh bearer token (its secret) for the account with this user name.</summary>
    public Task<string> TokenAsync(string userName) => WithDbAsync(async db =>
    {
        var account = await db.Users.SingleAsync(a => a.UserName == userName);
        // An administrator's token is made as the Me page makes it with a current authenticator code (bound to the second
        // factor); everyone else's without. AdministrationTokenTests checks both ways through the page and the API.
        var administrator = await db.UserRoles.AnyAsync(ur => ur.UserId == account.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Administrator));
        var (token, secret) = ApiToken.Issue(account, "परीक्षण", DateTimeOffset.UtcNow, null, secondFactor: administrator);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        return secret;
    });

    public async Task<int> EmployeeIdAsync(string code) => await WithDbAsync(db => db.Employees.Where(e => e.Code == code).Select(e => e.Id).SingleAsync());

    public async Task<int> PostIdAsync(string code) => await WithDbAsync(db => db.Posts.Where(p => p.Code == code).Select(p => p.Id).SingleAsync());

    public static async Task<IHtmlDocument> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Loads a page, takes the antiforgery token from its form, and posts the fields to the form's action.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pageUrl, Dictionary<string, string> fields, string? handler = null)
    {
        var page = await PageAsync(client, pageUrl);
        var forms = page.Forms.Where(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase));
        var form = handler is null
            ? forms.First(f => f.GetAttribute("action") is not { } a || !a.Contains("/Account/Language") && !a.Contains("/Account/SignOut") && !a.Contains("handler=ActAs"))
            : forms.First(f => f.GetAttribute("action")?.Contains($"handler={handler}", StringComparison.OrdinalIgnoreCase) == true);
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token in the form on {pageUrl}");
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? pageUrl : action;
        var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await client.PostAsync(target, content);
    }
}
