using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Files;
using Daftar.Search;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.Receipts;
using Daftar.Web.Features.Search;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Daftar.Tests.Files;

/// <summary>Full-text search through the database's own index (FTS5 or PostgreSQL), in both scripts, under the visibility rule.</summary>
public class SearchTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>A word no demo data contains, in Latin or Devanagari letters.</summary>
    private static string Unique(bool hindi = false)
    {
        var letters = hindi ? "कखगघचछजझटठडढतथदधनपफबभमयरलवशसह" : "bcdfghjklmnpqrstvwxz";
        return new string(Enumerable.Range(0, 9).Select(_ => letters[Random.Shared.Next(letters.Length)]).ToArray()) + (hindi ? "ा" : "");
    }

    private static Task<int> NewFileAsync(HttpClient api, string subject, Grading grading = Grading.Normal, int head = 12) => api.CreateFileAsync(subject, head, "Procurement", grading);

    private static async Task<int> DiariseAsync(HttpClient api, string sender, string subject, string? letterNumber = null, Grading grading = Grading.Normal)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(sender), "sender" },
            { new StringContent(subject), "subject" },
            { new StringContent("Post"), "mode" },
            { new StringContent(grading.ToString()), "grading" },
        };
        if (letterNumber is not null) form.Add(new StringContent(letterNumber), "letterNumber");
        var diarised = await api.PostAsync("/api/receipts", form);
        Assert.Equal(HttpStatusCode.Created, diarised.StatusCode);
        return (await diarised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static async Task<SearchResults> SearchAsync(HttpClient api, string query)
    {
        var response = await api.GetAsync("/api/search?" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SearchResults>(Json))!;
    }

    private static string Q(string words) => "q=" + Uri.EscapeDataString(words);

    [Fact]
    public void Words_KeepDevanagariWhole_DropZeroWidthCharacters_AndSplitFileNumbers()
    {
        Assert.Equal("सड़क निर्माण हेतु स्वीकृति", SearchTerms.Of("सड़क निर्माण, हेतु स्वीकृति।"));
        Assert.Equal("क्षेत्र", SearchTerms.Of("क्\u200Dषेत्र"));
        Assert.Equal("f 12 3 doit gr 1 2026", SearchTerms.Of("F.12(3)/DOIT/GR-1/2026"));
        Assert.Equal(["laptops", "लैपटॉप"], SearchTerms.Query("Laptops  लैपटॉप laptops"));
    }

    [Fact]
    public async Task HindiAndEnglishWords_InSubjectsAndConfirmedNotes_AreFound_DraftsAreNot()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var hindi = Unique(hindi: true);
        var english = Unique();
        var draftWord = Unique();
        var id = await NewFileAsync(clerk, $"ग्राम पंचायत भवन {hindi} की मरम्मत");
        await clerk.PostAsJsonAsync($"/api/files/{id}/notes", new SaveNoteCommand($"सड़क निर्माण हेतु {english} स्वीकृति {draftWord}"));

        Assert.Contains(id, (await SearchAsync(clerk, Q(hindi))).Files.Select(f => f.Id));
        Assert.Contains(id, (await SearchAsync(clerk, Q(hindi[..4]))).Files.Select(f => f.Id));   // the start of a word is enough
        Assert.DoesNotContain(id, (await SearchAsync(clerk, Q(draftWord))).Files.Select(f => f.Id));

        var so = await app.PostIdAsync("SO-DOIT-GR1");
        await clerk.SendFileAsync(id, so);
        var hit = Assert.Single((await SearchAsync(clerk, Q($"{english} निर्माण"))).Files, f => f.Id == id);
        Assert.True(hit.InNotes);
        Assert.Equal("SO-DOIT-GR1", hit.Holder.Code);
        Assert.Empty((await SearchAsync(clerk, Q($"{english} {Unique()}"))).Files);        // every word must match

        var file = (await clerk.GetFromJsonAsync<FileView>($"/api/files/{id}", Json))!;
        Assert.Contains(id, (await SearchAsync(clerk, Q(file.FileNumber))).Files.Select(f => f.Id));
        Assert.Contains(id, (await SearchAsync(clerk, Q(file.ComputerNumber.ToString()))).Files.Select(f => f.Id));
    }

    [Fact]
    public async Task Search_ShowsOnlyWhatTheOfficerMaySee()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var word = Unique();
        var normal = await NewFileAsync(clerk, $"Broadband {word} for home offices");
        var secret = await NewFileAsync(clerk, $"Vigilance enquiry {word}", Grading.Secret);

        Assert.Equal([secret, normal], (await SearchAsync(clerk, Q(word))).Files.Select(f => f.Id));
        // The section officer of the same section sees the normal file, not the secret one.
        var officer = await app.ApiClientAsync(Demo.SectionOfficer);
        Assert.Equal([normal], (await SearchAsync(officer, Q(word))).Files.Select(f => f.Id));
        // An employee of another department sees neither.
        var outsider = await app.ApiClientAsync("RJ100006");
        Assert.Empty((await SearchAsync(outsider, Q(word))).Files);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/search?" + Q(word))).StatusCode);
    }

    [Fact]
    public async Task AnOfficerHoldingTwoPosts_FindsTheSecretFilesSentToEither()
    {
        // Secret files are seen only by the posts in their chain: one goes to SDO Sanganer, one to SDO Chaksu, a vacant post
        // the same officer holds as additional charge.
        var udc = await app.ApiClientAsync("RJ100041");
        var word = Unique();
        var toOwnPost = await NewFileAsync(udc, $"Encroachment complaint {word}, Sanganer", Grading.Secret, head: 5);
        var toChargedPost = await NewFileAsync(udc, $"Encroachment complaint {word}, Chaksu", Grading.Secret, head: 5);
        await udc.SendFileAsync(toOwnPost, await app.PostIdAsync("SDO-SANGANER"));
        await udc.SendFileAsync(toChargedPost, await app.PostIdAsync("SDO-CHAKSU"));

        // A secret receipt sent to the charged post is found through its movement, not through any section.
        var receipt = await DiariseAsync(udc, $"Tehsildar {word}", "Encroachment report", grading: Grading.Secret);
        Assert.Equal(HttpStatusCode.NoContent, (await udc.PostAsJsonAsync($"/api/receipts/{receipt}/send", new SendFileCommand(await app.PostIdAsync("SDO-CHAKSU"), null))).StatusCode);

        var sdo = await app.ApiClientAsync(Demo.SdoSanganer);
        var found = await SearchAsync(sdo, Q(word));
        Assert.Equal([toChargedPost, toOwnPost], found.Files.Select(f => f.Id));
        Assert.Equal([receipt], found.Receipts.Select(r => r.Id));
        var clerkFound = await SearchAsync(await app.ApiClientAsync(Demo.Clerk), Q(word));
        Assert.Empty(clerkFound.Files);
        Assert.Empty(clerkFound.Receipts);
        Assert.Equal([receipt], (await SearchAsync(udc, Q(word))).Receipts.Select(r => r.Id));   // the sender still sees it
    }

    [Fact]
    public async Task Receipts_AreFoundBySenderAndLetterNumber_AndLeadToTheirFile()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var word = Unique();
        var letter = $"ZP/{word}/77";
        var receiptId = await DiariseAsync(clerk, $"जिला परिषद {word} अजमेर", "Road repair estimate", letter);

        var found = await SearchAsync(clerk, Q(letter));
        Assert.Equal(receiptId, Assert.Single(found.Receipts).Id);
        Assert.Empty(found.Files);

        var put = await clerk.PostAsJsonAsync($"/api/receipts/{receiptId}/put-in-file", new PutInFileCommand(null, null, 12));
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        var after = await SearchAsync(clerk, Q($"अजमेर {word}"));
        Assert.True(Assert.Single(after.Files).InReceipts);
        Assert.Equal(receiptId, Assert.Single(after.Receipts).Id);
    }

    [Fact]
    public async Task AFilesWords_FollowItsNotesAndReceipts_AndSeveralWordsMustMeetInOneOfThem()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var (subjectWord, noteWord, receiptWord) = (Unique(), Unique(hindi: true), Unique());
        var id = await NewFileAsync(clerk, $"Solar pumps {subjectWord}");
        var receiptId = await DiariseAsync(clerk, $"Gram panchayat {receiptWord}", "Pump estimate");
        var put = await clerk.PostAsJsonAsync($"/api/receipts/{receiptId}/put-in-file", new PutInFileCommand(id, null, null));
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        await clerk.PostAsJsonAsync($"/api/files/{id}/notes", new SaveNoteCommand($"अनुमोदन हेतु {noteWord}"));

        Assert.True(Assert.Single((await SearchAsync(clerk, Q(receiptWord))).Files, f => f.Id == id).InReceipts);
        Assert.DoesNotContain(id, (await SearchAsync(clerk, Q(noteWord))).Files.Select(f => f.Id));          // still a draft
        var so = await app.PostIdAsync("SO-DOIT-GR1");
        await clerk.SendFileAsync(id, so);
        Assert.True(Assert.Single((await SearchAsync(clerk, Q(noteWord))).Files, f => f.Id == id).InNotes);  // confirmed on sending
        Assert.Contains(id, (await SearchAsync(clerk, Q($"{subjectWord} solar"))).Files.Select(f => f.Id));
        // Words from the subject and from a note do not meet in one row: a search for both finds nothing, on either database.
        Assert.Empty((await SearchAsync(clerk, Q($"{subjectWord} {noteWord}"))).Files);
        Assert.Empty((await SearchAsync(clerk, Q($"{noteWord} {receiptWord}"))).Files);

        if (TestDatabase.Provider != DatabaseProvider.Postgres) return;
        // PostgreSQL keeps the file's words by triggers: they equal a rebuild from its rows, also after words are replaced.
        await AssertFileWordsAsync(id);
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"Notes\" SET \"SearchText\" = 'replaced' WHERE \"FileId\" = {id} AND \"IsConfirmed\""));
        await AssertFileWordsAsync(id);
        Assert.Contains(id, (await SearchAsync(clerk, Q("replaced"))).Files.Select(f => f.Id));
        Assert.DoesNotContain(id, (await SearchAsync(clerk, Q(noteWord))).Files.Select(f => f.Id));
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"Receipts\" SET \"FileId\" = NULL WHERE \"Id\" = {receiptId}"));
        await AssertFileWordsAsync(id);
        Assert.DoesNotContain(id, (await SearchAsync(clerk, Q(receiptWord))).Files.Select(f => f.Id));
    }

    private async Task AssertFileWordsAsync(int fileId)
    {
        var (kept, rebuilt) = await app.WithDbAsync(async db => (
            await db.Database.SqlQuery<string>($"SELECT \"SearchVector\"::text AS \"Value\" FROM \"FileWords\" WHERE \"FileId\" = {fileId}").SingleAsync(),
            await db.Database.SqlQueryRaw<string>($"SELECT a.\"SearchVector\"::text AS \"Value\" FROM ({FileWords.EveryFileSql}) a WHERE a.\"FileId\" = {{0}}", fileId)
                .SingleAsync()));
        Assert.Equal(rebuilt, kept);
    }

    [Fact]
    public async Task Filters_NarrowTheResults_AndBadFiltersAreRefused()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var word = Unique();
        var open = await NewFileAsync(clerk, $"Solar panels {word}");
        var closed = await NewFileAsync(clerk, $"Solar water heaters {word}", Grading.Confidential);
        Assert.Equal(HttpStatusCode.NoContent, (await clerk.PostAsJsonAsync($"/api/files/{closed}/close", new RemarksCommand("Done"))).StatusCode);

        Assert.Equal([closed], (await SearchAsync(clerk, Q(word) + "&status=Closed")).Files.Select(f => f.Id));
        Assert.Equal([open], (await SearchAsync(clerk, Q(word) + "&grading=Normal")).Files.Select(f => f.Id));
        Assert.Equal([closed, open], (await SearchAsync(clerk, Q(word) + "&department=doit&section=GR-1")).Files.Select(f => f.Id));
        Assert.Empty((await SearchAsync(clerk, Q(word) + "&section=EGOV")).Files);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddMinutes(330));
        Assert.Equal(2, (await SearchAsync(clerk, Q(word) + $"&from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}")).Files.Count);
        Assert.Empty((await SearchAsync(clerk, Q(word) + $"&from={today.AddDays(1):yyyy-MM-dd}")).Files);

        var unknown = await clerk.GetAsync("/api/search?" + Q(word) + "&department=NOPE");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, (await clerk.GetAsync("/api/search?" + Q(word) + $"&from={today:yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await clerk.GetAsync("/api/search?q=" + new string('a', 501))).StatusCode);
    }

    [Fact]
    public async Task SearchPage_InHindi_ListsTheFile_AndSaysSoWhenNothingIsFound()
    {
        var api = await app.ApiClientAsync(Demo.Clerk);
        var word = Unique(hindi: true);
        var id = await NewFileAsync(api, $"आंगनबाड़ी केंद्र {word}");
        var browser = await app.SignInAsync(Demo.Clerk);
        await Daftar.Tests.Localisation.HindiTests.SwitchToHindiAsync(browser);
        var page = await DaftarFactory.PageAsync(browser, "/Search?" + Q(word));
        Assert.Contains($"/Files/View?id={id}", page.QuerySelector("#file-results")!.InnerHtml);
        Assert.True(page.Title?.Contains("खोज") == true, page.Title);
        var none = await DaftarFactory.PageAsync(browser, "/Search?" + Q(Unique()));
        Assert.NotNull(none.QuerySelector("#no-results"));
        var bad = await DaftarFactory.PageAsync(browser, "/Search?" + Q(word) + "&From=2026-13-45");
        Assert.NotEmpty(bad.QuerySelector("[role=alert]")!.TextContent.Trim());
    }
}

/// <summary>
/// The same searches with PostgreSQL taking the path it takes for common words at state scale: the visible files tested
/// newest first in doubling batches (here from 2, so that a search crosses several batches), never the GIN index first.
/// </summary>
public sealed class VisibleFirstSearchFactory : DaftarFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Search:IndexBelowMatches", "-1");
        builder.UseSetting("Search:FirstBatch", "2");
    }
}

public class VisibleFirstSearchTests(VisibleFirstSearchFactory app) : SearchTests(app), IClassFixture<VisibleFirstSearchFactory>;

/// <summary>PostgreSQL testing at most one visible file per search, so that the answer must say it was partial.</summary>
public sealed class OneFileBudgetSearchFactory : DaftarFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Search:IndexBelowMatches", "-1");
        builder.UseSetting("Search:VisibleBudget", "1");
    }
}

public class SearchBudgetTests(OneFileBudgetSearchFactory app) : IClassFixture<OneFileBudgetSearchFactory>
{
    [Fact]
    public async Task ASearchPastItsBudget_SaysItWasPartial_AndTheFullSearchFindsTheOlderFile()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var word = "qz" + Guid.NewGuid().ToString("N")[..10];
        var older = await clerk.PostAsJsonAsync("/api/files", new CreateFileCommand($"Repair of the {word} building", 12, "Procurement"));
        Assert.Equal(HttpStatusCode.Created, older.StatusCode);
        var olderId = (await older.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.Created, (await clerk.PostAsJsonAsync("/api/files", new CreateFileCommand("A newer file about something else", 12, "Procurement"))).StatusCode);

        var answer = await clerk.GetFromJsonAsync<JsonElement>("/api/search?q=" + word);
        var ids = answer.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("id").GetInt32()).ToList();
        if (TestDatabase.Provider == Daftar.Web.Infrastructure.DatabaseProvider.Postgres)
        {
            // Only the newest visible file was tested: the older one is not claimed absent, the answer says it is partial.
            Assert.True(answer.GetProperty("partial").GetBoolean());
            Assert.DoesNotContain(olderId, ids);
            var page = await (await app.SignInAsync(Demo.Clerk)).GetStringAsync("/Search?Q=" + word);
            Assert.Contains("partial-search", page);
        }
        else
        {
            Assert.False(answer.GetProperty("partial").GetBoolean());
            Assert.Contains(olderId, ids);
        }
    }
}

/// <summary>How the PostgreSQL search sizes its batches and remembers the planner's estimates.</summary>
public class SearchBatchTests
{
    [Theory]
    [InlineData(256, 256, 0, 0, 512)]      // nothing found yet: twice the last batch
    [InlineData(256, 256, 0, 34, 160)]     // 34 of 256 matched: 17 more need about 128, and a quarter to spare
    [InlineData(256, 256, 0, 1, 512)]      // a rare match: no more than twice the last batch
    [InlineData(256, 256, 0, 50, 64)]      // one short: never fewer than a quarter of the first batch
    [InlineData(160, 416, 34, 34, 320)]    // the last batch found nothing: twice it, whatever the rate before
    public void TheNextBatch_FollowsTheRateFoundSoFar(int size, int tested, int foundBefore, int found, int expected) =>
        Assert.Equal(expected, PostgresSearch.NextBatch(size, tested, foundBefore, found, limit: 51, firstBatch: 256));

    [Fact]
    public void AnEstimate_IsRememberedForItsMinutes_ThenAskedForAgain()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero));
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Search:EstimateMinutes"] = "10" }).Build();
        var estimates = new SearchEstimates(clock, config);
        Assert.False(estimates.TryGet("'budget':*", out _));
        estimates.Remember("'budget':*", 130_385);
        Assert.True(estimates.TryGet("'budget':*", out var rows));
        Assert.Equal(130_385, rows);
        Assert.False(estimates.TryGet("'pension':*", out _));
        clock.Now += TimeSpan.FromMinutes(10);
        Assert.False(estimates.TryGet("'budget':*", out _));
    }

    private sealed class SteppingClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
