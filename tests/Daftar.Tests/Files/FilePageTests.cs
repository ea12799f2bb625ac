using System.Net;
using Daftar.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.Files;

public class FilePageTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    [Fact]
    public async Task Journey_OpenNoteSendPullBackSendAgain_ThroughThePages()
    {
        var clerk = await app.SignInAsync(Demo.Clerk);
        var created = await DaftarFactory.PostFormAsync(clerk, "/Files/New", new()
        {
            ["Subject"] = "लैपटॉप क्रय प्रस्ताव",
            ["HeadNumber"] = "12",
            ["Category"] = "Procurement",
            ["Kind"] = "Electronic",
            ["Grading"] = "Normal",
            ["Retention"] = "C",
            ["RetentionYears"] = "10",
        });
        var fileUrl = created.Headers.Location!.OriginalString;
        Assert.StartsWith("/Files/View?id=", fileUrl);
        var id = int.Parse(fileUrl.Split('=')[1]);

        var saved = await DaftarFactory.PostFormAsync(clerk, fileUrl, new() { ["Text"] = "40 लैपटॉप क्रय हेतु प्रस्ताव प्रस्तुत है।" }, "Note");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await DaftarFactory.PageAsync(clerk, fileUrl);
        Assert.Contains("40 लैपटॉप", page.QuerySelector("#Text")!.TextContent);

        var send = await DaftarFactory.PageAsync(clerk, $"/Files/Send?id={id}");
        Assert.Contains("will be confirmed", send.Body!.TextContent);
        var so = await app.PostIdAsync("ASO-DOIT-GR1");
        Assert.NotNull(send.QuerySelector($"#to-{so}"));
        var sent = await DaftarFactory.PostFormAsync(clerk, $"/Files/Send?id={id}", new() { ["ToPostId"] = so.ToString(), ["Priority"] = "Urgent", ["Remarks"] = "कृपया देखें" });
        Assert.Equal("/Files/Inbox", sent.Headers.Location!.OriginalString);

        var after = await DaftarFactory.PageAsync(clerk, fileUrl);
        Assert.Single(after.QuerySelectorAll("#notes li.note-green"));
        Assert.NotNull(after.Forms.FirstOrDefault(f => f.GetAttribute("action")!.Contains("handler=PullBack")));
        var pulled = await DaftarFactory.PostFormAsync(clerk, fileUrl, new(), "PullBack");
        Assert.Equal(HttpStatusCode.Redirect, pulled.StatusCode);
        Assert.Equal(await app.PostIdAsync("LDC-DOIT-GR1"), await app.WithDbAsync(db => db.Files.Where(f => f.Id == id).Select(f => f.HolderPostId).SingleAsync()));

        var search = await DaftarFactory.PageAsync(clerk, $"/Files/Send?handler=Recipients&id={id}&Q={Uri.EscapeDataString("अनुभागाधिकारी")}");
        var officerPost = await app.PostIdAsync("SO-DOIT-GR1");
        Assert.NotNull(search.QuerySelector($"#to-{officerPost}"));
        await DaftarFactory.PostFormAsync(clerk, $"/Files/Send?id={id}", new() { ["ToPostId"] = officerPost.ToString(), ["Priority"] = "Normal" });

        var officer = await app.SignInAsync(Demo.SectionOfficer);
        var inbox = await DaftarFactory.PageAsync(officer, "/Files/Inbox?tab=new");
        Assert.Contains("लैपटॉप क्रय प्रस्ताव", inbox.QuerySelector("#inbox")!.TextContent);
        var opened = await DaftarFactory.PageAsync(officer, fileUrl);
        Assert.Contains("40 लैपटॉप", opened.QuerySelector("#notes")!.TextContent);
        var trail = opened.QuerySelectorAll("#audit-trail li").Select(li => li.TextContent).ToList();
        Assert.Contains(trail, t => t.Contains("Sent the file to Section Officer") && t.Contains("Priya"));
        Assert.Contains(trail, t => t.Contains("Opened the file."));
        Assert.Null(opened.Forms.FirstOrDefault(f => f.GetAttribute("action")!.Contains("handler=PullBack")));
        // The clerk's page no longer offers Pull back; a stale page that still posts it is refused with the reason.
        var clerkPage = await DaftarFactory.PageAsync(clerk, fileUrl);
        Assert.Null(clerkPage.Forms.FirstOrDefault(f => f.GetAttribute("action")!.Contains("handler=PullBack")));
        var token = clerkPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var tooLate = await clerk.PostAsync($"/Files/View?id={id}&handler=PullBack", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Contains("already opened", await tooLate.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FileYouMayNotSee_IsNotFound_OnThePages()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(clerk, "/api/files",
            new Daftar.Web.Features.Files.CreateFileCommand("Secret file", 12, null, Grading: Daftar.Files.Grading.Secret));
        var id = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content)).GetProperty("id").GetInt32();
        var outsider = await app.SignInAsync("RJ100012");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Files/View?id={id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Files/Send?id={id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Files/History?id={id}")).StatusCode);
    }

    [Fact]
    public async Task ALongHistory_ThePageShowsTheNewestMovementsNumberedAsInTheWholeHistory_AndHistoryPagesTheRest()
    {
        var api = await app.ApiClientAsync(Demo.Clerk);
        var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, "/api/files",
            new Daftar.Web.Features.Files.CreateFileCommand("भूमि आवंटन प्रकरण, 2004 से", 12, null));
        var id = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content)).GetProperty("id").GetInt32();
        for (var i = 0; i < 30; i++)
        {
            await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, $"/api/files/{id}/park", new Daftar.Web.Features.Files.RemarksCommand($"सुनवाई {i + 1} की प्रतीक्षा"));
            await api.PostAsync($"/api/files/{id}/unpark", null);
        }

        var clerk = await app.SignInAsync(Demo.Clerk);
        var page = await DaftarFactory.PageAsync(clerk, $"/Files/View?id={id}");
        Assert.Equal(20, page.QuerySelectorAll("#movements li").Length);
        // 61 movements, the newest 20 shown, numbered 42 to 61 as in the whole history.
        Assert.Equal(Enumerable.Range(42, 20).Select(n => $"{n}."), page.QuerySelectorAll("#movements .movement-number").Select(e => e.TextContent));
        Assert.Contains("61", page.QuerySelector("#earlier-movements")!.TextContent);
        Assert.Equal($"/Files/History?id={id}", page.QuerySelector("#earlier-movements a")!.GetAttribute("href"));
        Assert.Contains("सुनवाई 30 की प्रतीक्षा", page.QuerySelector("#movements")!.TextContent);
        Assert.DoesNotContain("सुनवाई 10 की प्रतीक्षा", page.QuerySelector("#movements")!.TextContent);

        var history = await DaftarFactory.PageAsync(clerk, $"/Files/History?id={id}");
        Assert.Equal(50, history.QuerySelectorAll("#movements li").Length);
        Assert.Contains("सुनवाई 10 की प्रतीक्षा", history.QuerySelector("#movements")!.TextContent);
        Assert.NotNull(history.QuerySelector($"a[rel=next][href='/Files/History?id={id}&page=2']"));
        var last = await DaftarFactory.PageAsync(clerk, $"/Files/History?id={id}&page=2");
        Assert.Equal(11, last.QuerySelectorAll("#movements li").Length);
        Assert.Equal("51.", last.QuerySelector("#movements .movement-number")!.TextContent);
        Assert.Equal("50.", history.QuerySelectorAll("#movements .movement-number").Last().TextContent);
        Assert.Contains("सुनवाई 30 की प्रतीक्षा", last.QuerySelector("#movements")!.TextContent);

        var bad = await clerk.GetAsync($"/Files/History?id={id}&page=abc");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("The page must be a number from 1.", await bad.Content.ReadAsStringAsync());
    }
}
