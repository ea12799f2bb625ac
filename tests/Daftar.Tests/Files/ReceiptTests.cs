using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Daftar.Files;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.Receipts;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.Files;

public class ReceiptTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private static readonly byte[] Pdf = TestPdf.Pages(1, "Letter");
    private static readonly byte[] Png = TestImages.Png(1240, 1754);

    private static MultipartFormDataContent Form(string subject, params (string Name, byte[] Bytes)[] documents)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("Collector, Jaipur"), "sender" },
            { new StringContent("F.4(2)/Coll/2026/1123"), "letterNumber" },
            { new StringContent(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3).ToString("yyyy-MM-dd")), "letterDate" },
            { new StringContent(subject), "subject" },
            { new StringContent("Post"), "mode" },
        };
        foreach (var (name, bytes) in documents)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "documents", name);
        }
        return form;
    }

    private static async Task<int> DiariseAsync(HttpClient api, string subject, params (string, byte[])[] documents)
    {
        var response = await api.PostAsync("/api/receipts", Form(subject, documents));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task Diarised_ElectronicReceipt_GetsADiaryNumber_AndItsScansOpenInTheBrowser()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var id = await DiariseAsync(clerk, "वर्क फ्रॉम होम हेतु उपकरण", ("letter.pdf", Pdf), ("page2.png", Png));
        var second = await DiariseAsync(clerk, "Second letter");
        var receipt = (await clerk.GetFromJsonAsync<ReceiptView>($"/api/receipts/{id}", Json))!;
        var year = DateTime.UtcNow.Year;
        Assert.Matches($@"^\d+/{year}/DOIT-GR1$", receipt.DiaryNumber);
        var next = (await clerk.GetFromJsonAsync<ReceiptView>($"/api/receipts/{second}", Json))!;
        Assert.Equal(int.Parse(receipt.DiaryNumber.Split('/')[0]) + 1, int.Parse(next.DiaryNumber.Split('/')[0]));
        Assert.True(receipt.IsElectronic);
        Assert.False(next.IsElectronic);
        Assert.Equal(["application/pdf", "image/png"], receipt.Documents.Select(d => d.ContentType));

        var pdf = await clerk.GetAsync($"/api/receipts/{id}/documents/1");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Pdf, await pdf.Content.ReadAsByteArrayAsync());
        Assert.Null(pdf.Content.Headers.ContentDisposition);
    }

    [Fact]
    public async Task RenamedOrOversizedDocuments_AreRefused_AndUseNoDiaryNumber()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var before = await app.WithDbAsync(db => db.Receipts.CountAsync());
        var renamed = await clerk.PostAsync("/api/receipts", Form("Renamed", ("letter.pdf", Encoding.UTF8.GetBytes("MZ this is really an exe"))));
        Assert.Equal(HttpStatusCode.BadRequest, renamed.StatusCode);
        Assert.Contains("whatever its name says", await renamed.Content.ReadAsStringAsync());
        var empty = await clerk.PostAsync("/api/receipts", Form("Empty", ("letter.pdf", [])));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var noSubject = await clerk.PostAsync("/api/receipts", Form(""));
        Assert.Equal(HttpStatusCode.BadRequest, noSubject.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.Receipts.CountAsync()));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(app.DataPath, "blobs", "tmp")));
    }

    [Fact]
    public async Task Receipt_SentOn_ThenPutIntoANewFile_BecomesItsPuc_AndTheNextOneAnFr()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var id = await DiariseAsync(clerk, "Request for data cards", ("scan.pdf", Pdf));
        var aso = await app.PostIdAsync("ASO-DOIT-GR1");
        Assert.Equal(HttpStatusCode.NoContent, (await clerk.PostAsJsonAsync($"/api/receipts/{id}/send", new SendFileCommand(aso, "please put up"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await clerk.PostAsync($"/api/receipts/{id}/close", null)).StatusCode);

        var asoApi = await app.ApiClientAsync("RJ100012");
        Assert.Contains((await asoApi.GetFromJsonAsync<List<ReceiptRow>>("/api/receipts", Json))!, r => r.Id == id);
        var put = await asoApi.PostAsJsonAsync($"/api/receipts/{id}/put-in-file", new PutInFileCommand(null, null, 12));
        Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var fileId = (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fileId").GetInt32();

        var fresh = await DiariseAsync(asoApi, "Reminder about data cards", ("reminder.png", Png));
        Assert.Equal(HttpStatusCode.OK, (await asoApi.PostAsJsonAsync($"/api/receipts/{fresh}/put-in-file", new PutInFileCommand(fileId, null, null))).StatusCode);
        await app.WithDbAsync(async db =>
        {
            var items = await db.Correspondence.Where(c => c.FileId == fileId).OrderBy(c => c.Order).ToListAsync();
            Assert.Equal(2, items.Count);
            Assert.True(items[0].IsPuc);
            Assert.True(items[1].IsFr);
            Assert.Equal((1, 2), (items[0].FirstPage, items[1].FirstPage));
            Assert.Equal("Request for data cards", (await db.Files.SingleAsync(f => f.Id == fileId)).Subject);
        });
        var page = await DaftarFactory.PageAsync(await app.SignInAsync("RJ100012"), $"/Files/View?id={fileId}");
        var listed = page.QuerySelectorAll("#correspondence-list li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, listed.Count);
        Assert.Contains("Request for data cards", listed[0]);
        var link = page.QuerySelector("#correspondence-list a")!.GetAttribute("href")!;
        var browser = await app.SignInAsync("RJ100012");
        var scan = await browser.GetAsync(link);
        Assert.Equal("application/pdf", scan.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Pdf, await scan.Content.ReadAsByteArrayAsync());
        var outsider = await app.SignInAsync("RJ100059");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(link)).StatusCode);

        var filed = (await asoApi.GetFromJsonAsync<ReceiptView>($"/api/receipts/{id}", Json))!;
        Assert.Equal(ReceiptStatus.Filed, filed.Status);
        Assert.Equal(HttpStatusCode.Conflict, (await asoApi.PostAsync($"/api/receipts/{id}/close", null)).StatusCode);
    }

    [Fact]
    public async Task ConfidentialReceipt_AndItsScans_AreHiddenFromTheSection()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var form = Form("Vigilance complaint", ("complaint.pdf", Pdf));
        form.Add(new StringContent("Confidential"), "grading");
        var response = await clerk.PostAsync("/api/receipts", form);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var sectionMate = await app.ApiClientAsync("RJ100012");
        Assert.Equal(HttpStatusCode.NotFound, (await sectionMate.GetAsync($"/api/receipts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sectionMate.GetAsync($"/api/receipts/{id}/documents/1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync($"/api/receipts/{id}/documents/1")).StatusCode);
    }

    [Fact]
    public async Task PhysicalReceipt_IsClosedByItsHolder()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var id = await DiariseAsync(clerk, "Invitation card");
        Assert.Equal(HttpStatusCode.NoContent, (await clerk.PostAsync($"/api/receipts/{id}/close", null)).StatusCode);
        Assert.Equal(ReceiptStatus.Closed, (await clerk.GetFromJsonAsync<ReceiptView>($"/api/receipts/{id}", Json))!.Status);
        Assert.Contains((await clerk.GetFromJsonAsync<List<ReceiptRow>>("/api/receipts?status=Closed", Json))!, r => r.Id == id);
    }

    [Fact]
    public async Task Page_DiariseWithAScan_ThenPutIntoANewFile()
    {
        var clerk = await app.SignInAsync("RJ100039");
        var page = await DaftarFactory.PageAsync(clerk, "/Receipts/New");
        var token = page.QuerySelector("form[enctype] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("तहसीलदार, चाकसू"), "Sender" },
            { new StringContent("सीमांकन रिपोर्ट"), "Subject" },
            { new StringContent("Hand"), "Mode" },
            { new StringContent("hi"), "Language" },
            { new StringContent("Normal"), "Grading" },
        };
        var scan = new ByteArrayContent(Pdf);
        scan.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(scan, "Documents", "report.pdf");
        var diarised = await clerk.PostAsync("/Receipts/New", form);
        Assert.True(diarised.StatusCode == HttpStatusCode.Redirect, await diarised.Content.ReadAsStringAsync());
        var receiptUrl = diarised.Headers.Location!.OriginalString;
        var view = await DaftarFactory.PageAsync(clerk, receiptUrl);
        Assert.Matches(@"\d+/\d{4}/REV-GEN", view.QuerySelector("h1")!.TextContent);
        Assert.Single(view.QuerySelectorAll("#receipt-documents li"));

        var filed = await DaftarFactory.PostFormAsync(clerk, receiptUrl, new() { ["FileId"] = "", ["HeadNumber"] = "5" }, "File");
        Assert.StartsWith("/Files/View?id=", filed.Headers.Location!.OriginalString);
        var file = await DaftarFactory.PageAsync(clerk, filed.Headers.Location.OriginalString);
        Assert.Contains("सीमांकन रिपोर्ट", file.QuerySelector("#correspondence-list")!.TextContent);
        Assert.Contains("/REV/GEN/", file.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task TheHolderOfAFile_ReadsItsPuc_EvenFromAnotherSection()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var receipt = await DiariseAsync(clerk, "Letter for another office", ("letter.pdf", Pdf));
        var put = await clerk.PostAsJsonAsync($"/api/receipts/{receipt}/put-in-file", new PutInFileCommand(null, "File holding the letter", 12));
        var fileId = (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fileId").GetInt32();
        await clerk.SendFileAsync(fileId, await app.PostIdAsync("SDO-SANGANER"));

        var sdo = await app.ApiClientAsync(Demo.SdoSanganer);
        var read = await sdo.GetAsync($"/api/receipts/{receipt}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var view = (await read.Content.ReadFromJsonAsync<ReceiptView>(Json))!;
        Assert.Equal(fileId, view.FileId);
        Assert.False(view.CanAct);
        Assert.Equal(HttpStatusCode.OK, (await sdo.GetAsync($"/api/receipts/{receipt}/documents/1")).StatusCode);

        // Someone who may see neither the receipt nor its file still gets 404.
        var stranger = await app.ApiClientAsync(Demo.Collector);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/receipts/{receipt}")).StatusCode);
    }

    [Fact]
    public async Task DiarisingWithAJsonBody_Is415_NotA404()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var response = await clerk.PostAsJsonAsync("/api/receipts", new { sender = "Collector", subject = "JSON body" });
        Assert.True(response.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var missing = await clerk.GetAsync("/api/no/such/thing");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }
}
