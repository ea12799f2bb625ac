using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.Meetings;

namespace Daftar.Tests.Security;

/// <summary>Issue #30, item 9: small existence leaks, and a GET from another site that changed a file's state.</summary>
public class ExistenceLeakTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    private static Task<int> NewFileAsync(HttpClient api, string subject) => api.CreateFileAsync(subject);

    [Fact]
    public async Task AMeetingsAgenda_NamingAFileTheChairMayNotSee_IsAnsweredAsForAFileThatDoesNotExist()
    {
        var secret = await NewFileAsync(await app.ApiClientAsync(Demo.Clerk), "SECRET file of DoIT&C");
        var igp = await app.ApiClientAsync("RJ100053");
        var chair = await app.PostIdAsync("IGP-JPR");
        MeetingCommand With(int fileId) => new("Range review", Daftar.Meetings.MeetingPurpose.Review, null, chair, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3),
            "10:00", 30, Agenda: [new AgendaInput("The file", FileId: fileId)], Notify: false);
        var hidden = await igp.PostAsJsonAsync("/api/meetings", With(secret));
        var missing = await igp.PostAsJsonAsync("/api/meetings", With(999_999));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (hidden.StatusCode, missing.StatusCode));
        var (a, b) = (await hidden.Content.ReadFromJsonAsync<JsonElement>(), await missing.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal(b.GetProperty("errors").ToString(), a.GetProperty("errors").ToString());
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Referer", "https://evil.example/mail")]
    public async Task AViewFromAnotherSitesLink_DoesNotMarkTheFileOpened_SoTheSenderCanStillPullItBack(string header, string value)
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var id = await NewFileAsync(clerk, "Sent by mistake " + header);
        await clerk.SendFileAsync(id, await app.PostIdAsync("SO-DOIT-GR1"));

        var officer = await app.SignInAsync(Demo.SectionOfficer);
        var lured = new HttpRequestMessage(HttpMethod.Get, $"/Files/View?id={id}");
        lured.Headers.TryAddWithoutValidation(header, value);
        Assert.Equal(HttpStatusCode.OK, (await officer.SendAsync(lured)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await clerk.PostAsync($"/api/files/{id}/pull-back", null)).StatusCode);

        // The officer's own view (from Daftar's pages) does mark it, and pull-back is then refused.
        await clerk.SendFileAsync(id, await app.PostIdAsync("SO-DOIT-GR1"));
        var own = new HttpRequestMessage(HttpMethod.Get, $"/Files/View?id={id}");
        own.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.OK, (await officer.SendAsync(own)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await clerk.PostAsync($"/api/files/{id}/pull-back", null)).StatusCode);
    }

    [Fact]
    public void TheVideoRelay_PassesOnlyASessionWithAToken_AndNeverInfo()
    {
        static byte[] J(string json) => System.Text.Encoding.UTF8.GetBytes(json);
        Assert.True(JanusRelay.MayRelay(J("""{"janus":"create","transaction":"t","token":"abc"}"""), atRoot: true));
        Assert.False(JanusRelay.MayRelay(J("""{"janus":"create","transaction":"t"}"""), atRoot: true));
        Assert.False(JanusRelay.MayRelay(J("""{"janus":"info","transaction":"t"}"""), atRoot: true));
        Assert.False(JanusRelay.MayRelay(J("""{"janus":"info","transaction":"t"}"""), atRoot: false));
        Assert.False(JanusRelay.MayRelay(J("""{"janus":"attach","token":"abc"}"""), atRoot: true));
        Assert.True(JanusRelay.MayRelay(J("""{"janus":"attach","plugin":"janus.plugin.videoroom"}"""), atRoot: false));
        Assert.False(JanusRelay.MayRelay(J("not json"), atRoot: false));
        Assert.False(JanusRelay.MayRelay(J("[1,2]"), atRoot: false));
    }

    [Fact]
    public void TheVideoRelay_FindsAPublishersJoin_AndPutsDaftarsNameOnIt()
    {
        static byte[] J(string json) => System.Text.Encoding.UTF8.GetBytes(json);
        var join = J("""{"janus":"message","transaction":"j","body":{"request":"join","room":1000007,"ptype":"publisher","id":42,"display":"District Collector","token":"t0k"}}""");
        Assert.Equal(new JanusRelay.Join(1000007, 42, "t0k"), JanusRelay.PublisherJoin(join));
        Assert.Equal(new JanusRelay.Join(1000007, null, null), JanusRelay.PublisherJoin(J("""{"janus":"message","body":{"request":"joinandconfigure","room":1000007,"ptype":"publisher"}}""")));
        Assert.Null(JanusRelay.PublisherJoin(J("""{"janus":"message","body":{"request":"join","room":1,"ptype":"subscriber","streams":[]}}""")));
        Assert.Null(JanusRelay.PublisherJoin(J("""{"janus":"attach","plugin":"janus.plugin.videoroom"}""")));
        var renamed = System.Text.Json.JsonDocument.Parse(JanusRelay.WithDisplay(join, "Prof. Anil Joshi (guest)")).RootElement.GetProperty("body");
        Assert.Equal(("Prof. Anil Joshi (guest)", 42), (renamed.GetProperty("display").GetString(), renamed.GetProperty("id").GetInt32()));
    }
}
