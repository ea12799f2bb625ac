using System.Net;
using System.Net.Http.Json;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Me;
using Daftar.Web.Features.People;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.Security;

/// <summary>
/// Who a token is and which posts an account holds are kept a few seconds (ADR 0018): a change saved through Daftar
/// takes effect at the next call; one made outside it (SQL, another node) within the time kept.
/// </summary>
public class SignInCacheTests(SignInCacheTests.TwoSecondCache app) : IClassFixture<SignInCacheTests.TwoSecondCache>
{
    public sealed class TwoSecondCache : DaftarFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Daftar:SignInCacheSeconds", "2");
        }
    }

    [Fact]
    public async Task AnEndedCharge_IsNoLongerHeld_AtTheOfficersNextCall()
    {
        var officer = await app.ApiClientAsync(Demo.SdoSanganer);
        Assert.Contains((await officer.GetFromJsonAsync<MeResponse>("/api/me"))!.Posts, p => p.Code == "SDO-CHAKSU");
        var employeeId = await app.EmployeeIdAsync(Demo.SdoSanganer);
        var charge = await app.WithDbAsync(db => db.PostAssignments.Where(a => a.EmployeeId == employeeId && a.Post.Code == "SDO-CHAKSU").Select(a => a.Id).SingleAsync());

        var admin = await app.ApiClientAsync(Demo.Admin);
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/assignments/{charge}/end", new EndAssignmentCommand(yesterday))).StatusCode);

        var me = await officer.GetFromJsonAsync<MeResponse>("/api/me");
        Assert.Equal(["SDO-SANGANER"], me!.Posts.Select(p => p.Code));
    }

    [Fact]
    public async Task AnEmployeeMadeInactive_HasTheirTokensRefused_AtTheNextCall()
    {
        const string code = "RJ100036";
        var officer = await app.ApiClientAsync(code);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/me")).StatusCode);
        await app.WithDbAsync(async db =>
        {
            var employee = await db.Employees.SingleAsync(e => e.Code == code);
            employee.SetActive(false);
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await officer.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task ASignInLockout_LeavesTheAccountsTokensWorking()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/api/me")).StatusCode);
        await app.WithDbAsync(async db =>
        {
            var account = await db.Users.SingleAsync(a => a.UserName == Demo.Clerk);
            account.LockoutEnd = DateTimeOffset.UtcNow.AddMinutes(15);
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/api/me")).StatusCode);
        await app.WithDbAsync(db => db.Users.Where(a => a.UserName == Demo.Clerk).ExecuteUpdateAsync(u => u.SetProperty(a => a.LockoutEnd, (DateTimeOffset?)null)));
    }

    [Fact]
    public async Task ATokenRevokedOutsideDaftarsSaves_IsRefusedOnceTheTimeKeptHasPassed()
    {
        var officer = await app.ApiClientAsync(Demo.SectionOfficer);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/me")).StatusCode);
        await app.WithDbAsync(db => db.ApiTokens.Where(t => t.Account.UserName == Demo.SectionOfficer)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, DateTimeOffset.UtcNow)));

        // Kept: this node has not seen the change (as another node would not), so the next call is still answered…
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/me")).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        // …and once the two seconds are over the token is read again and refused.
        Assert.Equal(HttpStatusCode.Unauthorized, (await officer.GetAsync("/api/me")).StatusCode);
    }
}
