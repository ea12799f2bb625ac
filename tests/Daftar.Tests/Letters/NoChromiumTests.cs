using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Files;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.Letters;
using Microsoft.AspNetCore.Hosting;

namespace Daftar.Tests.Letters;

/// <summary>Daftar on a machine without Chromium: everything else works, and issuing a letter says plainly what to install.</summary>
public class NoChromiumTests(NoChromiumTests.Factory app) : IClassFixture<NoChromiumTests.Factory>
{
    public sealed class Factory : DaftarFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Pdf:Chromium", "none");
        }
    }

    [Fact]
    public async Task WithoutChromium_DraftsWork_AndIssuingSaysWhatToInstall()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var officer = await app.ApiClientAsync(Demo.SectionOfficer);
        var fileId = (await (await clerk.PostAsJsonAsync("/api/files", new CreateFileCommand("No renderer", 12, null))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var draft = await clerk.PostAsJsonAsync($"/api/files/{fileId}/drafts", new StartDraftCommand(DraftKind.Letter, DraftLanguage.Hindi, "विषय", "पाठ", null, null));
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        var draftId = (await draft.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await clerk.SendFileAsync(fileId, await app.PostIdAsync("SO-DOIT-GR1"));
        Assert.Equal(HttpStatusCode.NoContent, (await officer.PostAsJsonAsync($"/api/drafts/{draftId}/approve", new ApproveDraftCommand(1))).StatusCode);

        var issue = await officer.PostAsJsonAsync($"/api/drafts/{draftId}/issue", new IssueDraftCommand("123456"));
        Assert.Equal(HttpStatusCode.Conflict, issue.StatusCode);
        var problem = await issue.Content.ReadAsStringAsync();
        Assert.Contains("renderer_unavailable", problem);
        Assert.Contains("apt-get install -y chromium", problem);

        var page = await DaftarFactory.PageAsync(await app.SignInAsync(Demo.SectionOfficer), $"/Letters/Draft?id={draftId}");
        Assert.Contains("Chromium", page.QuerySelector("#no-renderer")!.TextContent);
        Assert.True(page.QuerySelector("#issue button[type=submit]")!.HasAttribute("disabled"));
        Assert.Equal(HttpStatusCode.Conflict, (await officer.GetAsync($"/api/files/{fileId}/print")).StatusCode);
    }
}
