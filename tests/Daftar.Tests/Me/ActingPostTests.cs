using System.Net;
using Daftar.Tests.Infrastructure;

namespace Daftar.Tests.Me;

public class ActingPostTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    [Fact]
    public async Task HolderOfAdditionalCharge_SeesBothPosts_AndSwitchesTheActingPost()
    {
        var client = await app.SignInAsync(Demo.SdoSanganer);
        var me = await DaftarFactory.PageAsync(client, "/Me");
        Assert.Contains("Sub-Divisional Officer, SDO Office, Sanganer", me.Body!.TextContent);
        Assert.Contains("Sub-Divisional Officer, SDO Office, Chaksu", me.Body.TextContent);
        Assert.Contains("Additional charge", me.Body.TextContent);

        var chaksu = await app.PostIdAsync("SDO-CHAKSU");
        var switched = await DaftarFactory.PostFormAsync(client, "/Me", new() { ["postId"] = chaksu.ToString() }, "ActAs");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var home = await DaftarFactory.PageAsync(client, "/");
        Assert.Contains("You are working as Sub-Divisional Officer, SDO Office, Chaksu (additional charge)", home.Body!.TextContent.Replace("\n", " ").Replace("  ", " "));
    }

    [Fact]
    public async Task ActingForAPostNotHeld_IsRefused()
    {
        var client = await app.SignInAsync(Demo.Clerk);
        var cs = await app.PostIdAsync("CS");
        await DaftarFactory.PostFormAsync(client, "/Me", new() { ["postId"] = cs.ToString() }, "ActAs");
        var home = await DaftarFactory.PageAsync(client, "/");
        Assert.Contains("Junior Assistant, DoIT&C, Secretariat", home.Body!.TextContent);
        Assert.DoesNotContain("Chief Secretary", home.Body.TextContent);
    }
}
