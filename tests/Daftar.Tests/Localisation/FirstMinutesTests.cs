using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Daftar.Tests.Localisation;

/// <summary>What a new user meets first: the language their browser asks for, the one they pick before signing in.</summary>
public class FirstMinutesTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    [Theory]
    [InlineData("hi", "hi")]
    [InlineData("hi-IN", "hi")]
    [InlineData("hi-Latn", "hi")]
    [InlineData("fr-FR,hi;q=0.8,en;q=0.5", "hi")]
    [InlineData("en;q=0.4,hi;q=0.9", "hi")]
    [InlineData("en", "en")]
    [InlineData("en-GB,hi;q=0.2", "en")]
    [InlineData("fr", "en")]
    public async Task AcceptLanguage_AsBrowsersSendIt_ChoosesTheLanguage(string header, string expected)
    {
        var client = app.Browser();
        var request = new HttpRequestMessage(HttpMethod.Get, "/Account/SignIn");
        request.Headers.TryAddWithoutValidation("Accept-Language", header);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await (await client.SendAsync(request)).Content.ReadAsStringAsync());
        Assert.Equal(expected, page.DocumentElement.GetAttribute("lang"));

        // The API's errors follow the same header.
        var api = await app.ApiClientAsync(Demo.Clerk);
        var bad = new HttpRequestMessage(HttpMethod.Post, "/api/files") { Content = JsonContent.Create(new { subject = "", headId = 12 }) };
        bad.Headers.TryAddWithoutValidation("Accept-Language", header);
        var problem = await (await api.SendAsync(bad)).Content.ReadAsStringAsync();
        Assert.Equal(expected == "hi", System.Text.RegularExpressions.Regex.IsMatch(problem, @"\p{IsDevanagari}"));
    }

    [Fact]
    public async Task HindiChosenOnTheSignInPage_BecomesTheAccountsLanguage()
    {
        const string code = "RJ100031";
        await app.WithDbAsync(async db => await db.Users.Where(u => u.UserName == code).ExecuteUpdateAsync(u => u.SetProperty(a => a.PreferredCulture, "en")));
        var client = app.Browser();
        var signInPage = await DaftarFactory.PageAsync(client, "/Account/SignIn");
        var form = signInPage.Forms.First(f => f.GetAttribute("action") == "/Account/Language");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await client.PostAsync("/Account/Language", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("language", "hi"), new("returnUrl", "/Account/SignIn")]));
        Assert.Equal("hi", (await DaftarFactory.PageAsync(client, "/Account/SignIn")).DocumentElement.GetAttribute("lang"));

        var signedIn = await DaftarFactory.PostFormAsync(client, "/Account/SignIn", new() { ["Login"] = code, ["Password"] = Demo.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("hi", (await DaftarFactory.PageAsync(client, "/")).DocumentElement.GetAttribute("lang"));
        Assert.Equal("hi", await app.WithDbAsync(db => db.Users.Where(u => u.UserName == code).Select(u => u.PreferredCulture).SingleAsync()));

        // A language cookie left on a shared computer by someone else's session is not a choice: it changes no account.
        const string other = "RJ100032";
        await app.WithDbAsync(async db => await db.Users.Where(u => u.UserName == other).ExecuteUpdateAsync(u => u.SetProperty(a => a.PreferredCulture, "en")));
        await client.PostAsync("/Account/SignOut", new FormUrlEncodedContent([new("__RequestVerificationToken",
            (await DaftarFactory.PageAsync(client, "/")).QuerySelector("form[action='/Account/SignOut'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]));
        await DaftarFactory.PostFormAsync(client, "/Account/SignIn", new() { ["Login"] = other, ["Password"] = Demo.Password });
        Assert.Equal("en", await app.WithDbAsync(db => db.Users.Where(u => u.UserName == other).Select(u => u.PreferredCulture).SingleAsync()));
        Assert.Equal("en", (await DaftarFactory.PageAsync(client, "/")).DocumentElement.GetAttribute("lang"));
    }
}

/// <summary>Daftar at 01:30 in India on a day when it is still yesterday in UTC (20:00 UTC).</summary>
public sealed class AfterMidnightInIndiaFactory : DaftarFactory
{
    public static readonly DateTimeOffset Now = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddHours(20);

    private sealed class Clock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new Clock()));
    }
}

public class InstallationTimeZoneTests(AfterMidnightInIndiaFactory app) : IClassFixture<AfterMidnightInIndiaFactory>
{
    private static readonly DateOnly IndianToday = DateOnly.FromDateTime(AfterMidnightInIndiaFactory.Now.UtcDateTime.Date).AddDays(1);

    [Fact]
    public async Task TheReceiptForm_FillsReceivedOn_WithTheDateInIndia_NotUtc()
    {
        var clerk = await app.SignInAsync(Demo.Clerk);
        var page = await DaftarFactory.PageAsync(clerk, "/Receipts/New");
        Assert.Equal(IndianToday.ToString("yyyy-MM-dd"), page.QuerySelector("input[name=ReceivedOn]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task ADueDate_OfTodayInIndia_IsAccepted_AndYesterdayInIndia_IsRefused()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var created = await clerk.PostAsJsonAsync("/api/files", new Daftar.Web.Features.Files.CreateFileCommand("Due date at 01:30 IST", 12, null));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var so = await app.PostIdAsync("SO-DOIT-GR1");
        var utcToday = IndianToday.AddDays(-1);
        var refused = await clerk.PostAsJsonAsync($"/api/files/{id}/send", new Daftar.Web.Features.Files.SendFileCommand(so, null, DueOn: utcToday));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var sent = await clerk.PostAsJsonAsync($"/api/files/{id}/send", new Daftar.Web.Features.Files.SendFileCommand(so, null, DueOn: IndianToday));
        Assert.Equal(HttpStatusCode.NoContent, sent.StatusCode);
    }
}
