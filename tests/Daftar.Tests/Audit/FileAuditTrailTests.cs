using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Files;

namespace Daftar.Tests.Audit;

/// <summary>A file's trail as officers and integrators read it: sentences with post names, in their language, dated as the rest of Daftar.</summary>
public class FileAuditTrailTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    private async Task<int> FileWithHistoryAsync()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var created = await clerk.PostAsJsonAsync("/api/files", new CreateFileCommand("Trail in sentences", 12, null));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await clerk.PostAsJsonAsync($"/api/files/{id}/notes", new SaveNoteCommand("पहली टिप्पणी।"));
        await clerk.PostAsJsonAsync($"/api/files/{id}/send", new SendFileCommand(await app.PostIdAsync("SO-DOIT-GR1"), "जाँच हेतु"));
        return id;
    }

    [Fact]
    public async Task TheApi_GivesTheTrail_AsSentencesInTheCallersLanguage_WithPostNames()
    {
        var id = await FileWithHistoryAsync();
        var officer = await app.ApiClientAsync(Demo.SectionOfficer);
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/files/{id}/audit");
        request.Headers.AcceptLanguage.ParseAdd("hi");
        var lines = (await (await officer.SendAsync(request)).Content.ReadFromJsonAsync<List<AuditLine>>())!;
        Assert.Contains(lines, a => a.Action == "EFile.Added" && a.Sentence == "पत्रावली खोली।");
        Assert.Contains(lines, a => a.Action == "Movement.Added" && a.Sentence.StartsWith("पत्रावली अनुभागाधिकारी", StringComparison.Ordinal) && a.Sentence.Contains("अभ्युक्ति: जाँच हेतु"));
        Assert.Contains(lines, a => a.Action == "Note.Modified" && a.Sentence == "टिप्पणी 1 की पुष्टि की।");
        Assert.All(lines, a => Assert.DoesNotContain("PostId", a.Sentence));
        Assert.All(lines, a => Assert.NotNull(a.ActorPost));

        // The same file's API read now carries the confirmed note's text.
        var file = await officer.GetFromJsonAsync<JsonElement>($"/api/files/{id}");
        Assert.Equal("पहली टिप्पणी।", file.GetProperty("notes")[0].GetProperty("text").GetString());
        Assert.False(file.TryGetProperty("audit", out _));

        // An outsider gets 404 for the trail as for the file.
        var outsider = await app.ApiClientAsync(Demo.Collector);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/files/{id}/audit")).StatusCode);
    }

    [Fact]
    public async Task TheFilePage_InHindi_ShowsSentences_NotFieldsIdsOrUsDates()
    {
        var id = await FileWithHistoryAsync();
        var officer = await app.SignInAsync(Demo.SectionOfficer);
        await Localisation.HindiTests.SwitchToHindiAsync(officer);
        var page = await DaftarFactory.PageAsync(officer, $"/Files/View?id={id}");
        var trail = page.QuerySelector("#audit-trail")!.TextContent;
        Assert.Contains("पत्रावली खोली।", trail);
        Assert.Contains("प्रारूप टिप्पणी लिखी।", trail);
        foreach (var internals in new[] { "EFile.", "Movement.", "PostId", "BlobHash", "∅", "Modified" }) Assert.DoesNotContain(internals, trail);
        Assert.Matches(@"\d{2}-\d{2}-\d{4} \d{2}:\d{2}", trail);
        Assert.DoesNotMatch(@"\d{1,2}/\d{1,2}/\d{4}", trail);
    }
}
