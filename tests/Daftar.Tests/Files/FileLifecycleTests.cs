using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Files;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Files;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.Files;

public class FileLifecycleTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private static Task<int> NewFileAsync(HttpClient api, string subject = "Procurement of laptops for work from home", Grading grading = Grading.Normal, int head = 12) => api.CreateFileAsync(subject, head, "Procurement", grading);

    private static async Task<FileView> GetAsync(HttpClient api, int id) => (await api.GetFromJsonAsync<FileView>($"/api/files/{id}", Json))!;

    [Fact]
    public async Task CreatedFile_GetsAFileNumberFromHeadSectionAndYear_AndARunningComputerNumber()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var first = await GetAsync(clerk, await NewFileAsync(clerk));
        var second = await GetAsync(clerk, await NewFileAsync(clerk, "Broadband reimbursement"));
        var year = DateTime.UtcNow.Year;
        Assert.Matches($@"^F\.12\(\d+\)/DOIT/GR-1/{year}$", first.FileNumber);
        var serial = int.Parse(first.FileNumber.Split('(', ')')[1]);
        Assert.Equal($"F.12({serial + 1})/DOIT/GR-1/{year}", second.FileNumber);
        Assert.Equal(first.ComputerNumber + 1, second.ComputerNumber);
        Assert.Equal("LDC-DOIT-GR1", first.Holder.Code);
        Assert.Equal(FileStatus.Open, first.Status);
    }

    [Fact]
    public async Task Send_ToAnUnknownOrWithdrawnPost_IsRefusedOnTheField_AndTheFileStaysWhereItWas()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var id = await NewFileAsync(clerk, "Recipient check");
        // A post the department has withdrawn: it can no longer receive files.
        var withdrawn = await app.WithDbAsync(db => db.Posts.Where(p => p.Code != "LDC-DOIT-GR1" && p.IsActive).OrderByDescending(p => p.Id).Select(p => p.Id).FirstAsync());
        await app.WithDbAsync(db => db.Posts.Where(p => p.Id == withdrawn).ExecuteUpdateAsync(u => u.SetProperty(p => p.IsActive, false)));
        try
        {
            foreach (var to in new[] { int.MaxValue, withdrawn })
            {
                var refused = await clerk.PostAsJsonAsync($"/api/files/{id}/send", new SendFileCommand(to, "please see"));
                Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
                Assert.Contains("toPostId", await refused.Content.ReadAsStringAsync());
            }
        }
        finally
        {
            await app.WithDbAsync(db => db.Posts.Where(p => p.Id == withdrawn).ExecuteUpdateAsync(u => u.SetProperty(p => p.IsActive, true)));
        }
        var file = await GetAsync(clerk, id);
        Assert.Equal("LDC-DOIT-GR1", file.Holder.Code);
        // Someone who may not see the file learns nothing about it, whatever the recipient.
        var stranger = await app.ApiClientAsync(Demo.Collector);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/files/{id}/send", new SendFileCommand(int.MaxValue, null))).StatusCode);
    }

    [Fact]
    public async Task CreateFile_BadInput_IsRefused_AndUsesNoNumber()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var before = await app.WithDbAsync(db => db.NumberSequences.Where(s => s.Key == "computer-number").Select(s => s.Next).SingleOrDefaultAsync());
        var noHead = await clerk.PostAsJsonAsync("/api/files", new CreateFileCommand("Subject", 99, null));
        Assert.Equal(HttpStatusCode.BadRequest, noHead.StatusCode);
        var noSubject = await clerk.PostAsJsonAsync("/api/files", new CreateFileCommand("", 12, null));
        Assert.Equal(HttpStatusCode.BadRequest, noSubject.StatusCode);
        Assert.Equal(before, await app.WithDbAsync(db => db.NumberSequences.Where(s => s.Key == "computer-number").Select(s => s.Next).SingleOrDefaultAsync()));
    }

    [Fact]
    public async Task Notes_YellowUntilConfirmed_OnlyTheAuthorEdits_GreenNeverChanges_SendingConfirmsDrafts()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var id = await NewFileAsync(clerk);
        var draft = await clerk.PostAsJsonAsync($"/api/files/{id}/notes", new SaveNoteCommand("प्रस्ताव अवलोकनार्थ प्रस्तुत है।\n\n- 40 laptops\n- *urgent*\n\n<script>alert(1)</script><img src=x onerror=alert(2)>"));
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        var noteId = (await draft.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var file = await GetAsync(clerk, id);
        var note = Assert.Single(file.Notes);
        Assert.False(note.IsConfirmed);
        Assert.Null(note.Number);
        Assert.Contains("<li>40 laptops</li>", note.Html);
        Assert.Contains("<em>urgent</em>", note.Html);
        Assert.Contains("प्रस्ताव", note.Html);
        // The markup typed into the note survives only as visible text: no element, no attribute can run.
        var fragment = new AngleSharp.Html.Parser.HtmlParser().ParseDocument($"<body>{note.Html}</body>").Body!;
        Assert.Empty(fragment.QuerySelectorAll("script, img, iframe, a, [onerror], [onclick], [style]"));
        Assert.All(fragment.QuerySelectorAll("*"), e => Assert.Empty(e.Attributes));
        Assert.Contains("<script>alert(1)</script>", fragment.TextContent);

        // Editing replaces the draft; there is still one draft.
        await clerk.PostAsJsonAsync($"/api/files/{id}/notes", new SaveNoteCommand("Proposal for 40 laptops is submitted for approval."));
        Assert.Single((await GetAsync(clerk, id)).Notes);

        var so = await app.PostIdAsync("SO-DOIT-GR1");
        await clerk.SendFileAsync(id, so, "For approval", Priority.Urgent);
        var officer = await app.ApiClientAsync(Demo.SectionOfficer);
        var seen = await GetAsync(officer, id);
        var green = Assert.Single(seen.Notes);
        Assert.True(green.IsConfirmed);
        Assert.Equal(1, green.Number);
        Assert.Equal("Proposal for 40 laptops is submitted for approval.", System.Text.RegularExpressions.Regex.Replace(green.Html, "<.*?>", "").Trim());

        // The section officer cannot change the clerk's green note, nor discard it.
        Assert.Equal(HttpStatusCode.Conflict, (await officer.DeleteAsync($"/api/notes/{noteId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsync($"/api/notes/{noteId}/confirm", null)).StatusCode);

        // The section officer's own note: confirmed explicitly, numbered 2.
        var soNote = (await (await officer.PostAsJsonAsync($"/api/files/{id}/notes", new SaveNoteCommand("अनुमोदित किया जाए।"))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NoContent, (await officer.PostAsync($"/api/notes/{soNote}/confirm", null)).StatusCode);
        Assert.Equal([1, 2], (await GetAsync(officer, id)).Notes.Select(n => n.Number!.Value));
    }

    [Fact]
    public async Task OnlyTheHolderActs_AndOthersAreToldWhy()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var id = await NewFileAsync(clerk);
        var so = await app.PostIdAsync("SO-DOIT-GR1");
        await clerk.PostAsJsonAsync($"/api/files/{id}/send", new SendFileCommand(so, null));
        var again = await clerk.PostAsJsonAsync($"/api/files/{id}/send", new SendFileCommand(so, null));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("file_not_in_your_custody", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var note = await clerk.PostAsJsonAsync($"/api/files/{id}/notes", new SaveNoteCommand("late note"));
        Assert.Equal(HttpStatusCode.Conflict, note.StatusCode);
    }

    [Fact]
    public async Task PullBack_WorksUntilTheRecipientOpens_ThenIsRefused()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var so = await app.PostIdAsync("SO-DOIT-GR1");
        var id = await NewFileAsync(clerk);
        await clerk.PostAsJsonAsync($"/api/files/{id}/send", new SendFileCommand(so, "by mistake"));
        Assert.Equal(HttpStatusCode.NoContent, (await clerk.PostAsync($"/api/files/{id}/pull-back", null)).StatusCode);
        var back = await GetAsync(clerk, id);
        Assert.Equal("LDC-DOIT-GR1", back.Holder.Code);
        Assert.Contains(back.Movements, m => m.Kind == MovementKind.PulledBack);
        Assert.NotNull(back.Movements.Single(m => m.Kind == MovementKind.Sent).PulledBackAt);
        var again = await clerk.PostAsync($"/api/files/{id}/pull-back", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("nothing_to_pull_back", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        await clerk.PostAsJsonAsync($"/api/files/{id}/send", new SendFileCommand(so, "for approval"));
        var officer = await app.ApiClientAsync(Demo.SectionOfficer);
        await GetAsync(officer, id);
        var refused = await clerk.PostAsync($"/api/files/{id}/pull-back", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("already_opened", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Inbox_ShowsNewOpenedSentCreatedParked_WithCounts()
    {
        var clerk = await app.ApiClientAsync("RJ100005");
        var so = await app.PostIdAsync("SO-GAD-GR1");
        var a = await NewFileAsync(clerk, "Inbox A", head: 1);
        var b = await NewFileAsync(clerk, "Inbox B", head: 1);
        await clerk.PostAsJsonAsync($"/api/files/{a}/send", new SendFileCommand(so, "please see", Priority.Immediate, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3)));
        await clerk.PostAsJsonAsync($"/api/files/{b}/park", new RemarksCommand("awaiting budget"));

        var officer = await app.ApiClientAsync("RJ100004");
        var inbox = (await officer.GetFromJsonAsync<Inbox>("/api/inbox?tab=new", Json))!;
        var row = Assert.Single(inbox.Rows, r => r.Id == a);
        Assert.Equal((Priority.Immediate, "please see", "ASO-GAD-GR1"), (row.Priority, row.Remarks, row.From!.Code));
        Assert.Equal("Sunita Kumari", row.FromNameEn);
        Assert.Equal("SO-GAD-GR1", row.Holder.Code);
        await GetAsync(officer, a);
        var opened = (await officer.GetFromJsonAsync<Inbox>("/api/inbox?tab=opened", Json))!;
        Assert.Contains(opened.Rows, r => r.Id == a);
        Assert.DoesNotContain((await officer.GetFromJsonAsync<Inbox>("/api/inbox?tab=new", Json))!.Rows, r => r.Id == a);

        var mine = (await clerk.GetFromJsonAsync<Inbox>("/api/inbox?tab=sent", Json))!;
        Assert.Contains(mine.Rows, r => r.Id == a);
        var parked = Assert.Single((await clerk.GetFromJsonAsync<Inbox>("/api/inbox?tab=parked", Json))!.Rows, r => r.Id == b);
        Assert.Null(parked.From);   // made here, not sent by anyone
        Assert.Equal("ASO-GAD-GR1", parked.Holder.Code);
        Assert.True(mine.Counts.Created >= 2);
        Assert.True(mine.Counts.Parked >= 1);
    }

    [Fact]
    public async Task Inbox_ComesInPagesOf50_ThatTogetherListEveryFile_AndABadPageIsRefused()
    {
        var clerk = await app.ApiClientAsync("RJ100005");
        var created = (await clerk.GetFromJsonAsync<Inbox>("/api/inbox?tab=created", Json))!.Counts.Created;
        for (var i = created; i < FileQueries.InboxPageSize + 3; i++) await NewFileAsync(clerk, $"Paging {i}", head: 1);

        var first = (await clerk.GetFromJsonAsync<Inbox>("/api/inbox?tab=created", Json))!;
        Assert.Equal(FileQueries.InboxPageSize, first.Rows.Count);
        Assert.True(first.Pages >= 2);
        var all = new List<int>();
        for (var page = 1; page <= first.Pages; page++)
            all.AddRange((await clerk.GetFromJsonAsync<Inbox>($"/api/inbox?tab=created&page={page}", Json))!.Rows.Select(r => r.Id));
        Assert.Equal(first.Counts.Created, all.Count);
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Empty((await clerk.GetFromJsonAsync<Inbox>($"/api/inbox?tab=created&page={first.Pages + 1}", Json))!.Rows);

        var bad = await clerk.GetAsync("/api/inbox?tab=created&page=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("invalid_page", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await clerk.GetAsync("/api/inbox?page=abc")).StatusCode);

        // The page offers the same pages.
        var second = await DaftarFactory.PageAsync(await app.SignInAsync("RJ100005"), "/Files/Inbox?tab=created&page=2");
        Assert.NotNull(second.QuerySelector("a[rel=prev][href='/Files/Inbox?tab=created&page=1']"));
        Assert.Contains($"2 of {first.Pages}", second.QuerySelector("nav .pagination")!.TextContent);
    }

    [Fact]
    public async Task ParkCloseReopen_FollowTheRules()
    {
        var clerk = await app.ApiClientAsync("RJ100024");
        var id = await NewFileAsync(clerk, "Gram panchayat building repair", head: 9);
        Assert.Equal(HttpStatusCode.NoContent, (await clerk.PostAsJsonAsync($"/api/files/{id}/park", new RemarksCommand(null))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await clerk.PostAsJsonAsync($"/api/files/{id}/send", new SendFileCommand(await app.PostIdAsync("SO-RDPR-GR1"), null))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await clerk.PostAsync($"/api/files/{id}/unpark", null)).StatusCode);

        // A post junior to the creator cannot close; the creator can, and reopen.
        var junior = await app.ApiClientAsync("RJ100060");
        Assert.Equal(HttpStatusCode.NotFound, (await junior.PostAsJsonAsync($"/api/files/{id}/close", new RemarksCommand(null))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await clerk.PostAsJsonAsync($"/api/files/{id}/close", new RemarksCommand("Work completed"))).StatusCode);
        Assert.Equal(FileStatus.Closed, (await GetAsync(clerk, id)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await clerk.PostAsJsonAsync($"/api/files/{id}/reopen", new RemarksCommand("Audit objection"))).StatusCode);

        // Sent up to the section officer (senior to the creator), who may close it.
        var so = await app.PostIdAsync("SO-RDPR-GR1");
        await clerk.PostAsJsonAsync($"/api/files/{id}/send", new SendFileCommand(so, null));
        var officer = await app.ApiClientAsync("RJ100023");
        Assert.Equal(HttpStatusCode.NoContent, (await officer.PostAsJsonAsync($"/api/files/{id}/close", new RemarksCommand(null))).StatusCode);
        var history = (await GetAsync(officer, id)).Movements.Select(m => m.Kind).ToList();
        Assert.Equal([MovementKind.Created, MovementKind.Parked, MovementKind.Unparked, MovementKind.Closed, MovementKind.Reopened, MovementKind.Sent, MovementKind.Closed], history);
    }

    [Fact]
    public async Task ALongHistory_TheFileCarriesItsNewestMovements_AndTheRestArePagedOldestFirst()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var id = await NewFileAsync(clerk, "Court cases register, 1998 onwards");
        for (var i = 0; i < 26; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await clerk.PostAsJsonAsync($"/api/files/{id}/park", new RemarksCommand($"Awaiting hearing {i + 1}"))).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await clerk.PostAsync($"/api/files/{id}/unpark", null)).StatusCode);
        }
        var so = await app.PostIdAsync("SO-DOIT-GR1");
        await clerk.SendFileAsync(id, so, "For orders");

        // 1 + 52 + 1 movements: the file answer carries the newest 20, oldest first, and says how many there are.
        var sent = await GetAsync(clerk, id);
        Assert.Equal(54, sent.MovementCount);
        Assert.Equal(FileQueries.RecentMovements, sent.Movements.Count);
        Assert.Equal(sent.Movements.Select(m => m.Id).Order(), sent.Movements.Select(m => m.Id));
        var last = sent.Movements[^1];
        Assert.Equal((MovementKind.Sent, "For orders", "SO-DOIT-GR1", "LDC-DOIT-GR1"), (last.Kind, last.Remarks, last.To.Code, last.From.Code));
        Assert.Equal((MovementKind.Unparked, MovementKind.Parked, "Awaiting hearing 18"), (sent.Movements[0].Kind, sent.Movements[1].Kind, sent.Movements[1].Remarks));
        // The last arrival is read without the history: the sender may still pull back.
        Assert.True(sent.Can.PullBack);

        var first = (await clerk.GetFromJsonAsync<MovementHistory>($"/api/files/{id}/movements", Json))!;
        var second = (await clerk.GetFromJsonAsync<MovementHistory>($"/api/files/{id}/movements?page=2", Json))!;
        Assert.Equal((54, 2, 50, 4), (first.Total, first.Pages, first.Rows.Count, second.Rows.Count));
        var all = first.Rows.Concat(second.Rows).ToList();
        Assert.Equal(MovementKind.Created, all[0].Kind);
        Assert.Equal([MovementKind.Parked, MovementKind.Unparked], all.Skip(1).Take(2).Select(m => m.Kind));
        Assert.Equal("Awaiting hearing 1", all[1].Remarks);
        Assert.Equal(all.Select(m => m.Id).Order(), all.Select(m => m.Id));
        Assert.Equal(sent.Movements.Select(m => m.Id), all.TakeLast(20).Select(m => m.Id));
        Assert.Empty((await clerk.GetFromJsonAsync<MovementHistory>($"/api/files/{id}/movements?page=3", Json))!.Rows);

        // Reading the history is not opening the file: the recipient's history read leaves pull-back possible, its file read does not.
        var officer = await app.ApiClientAsync(Demo.SectionOfficer);
        Assert.Null((await officer.GetFromJsonAsync<MovementHistory>($"/api/files/{id}/movements?page=2", Json))!.Rows[^1].OpenedAt);
        Assert.True((await GetAsync(clerk, id)).Can.PullBack);
        Assert.NotNull((await GetAsync(officer, id)).Movements[^1].OpenedAt);
        Assert.False((await GetAsync(clerk, id)).Can.PullBack);

        var bad = await clerk.GetAsync($"/api/files/{id}/movements?page=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("invalid_page", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await clerk.GetAsync($"/api/files/{id}/movements?page=abc")).StatusCode);
        var outsider = await app.ApiClientAsync("RJ100059");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/files/{id}/movements")).StatusCode);
    }

    [Fact]
    public async Task Visibility_PreviousHoldersAndTheSectionSee_ConfidentialOnlyTheChain_OthersGet404()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var normal = await NewFileAsync(clerk, "Normal file");
        var secret = await NewFileAsync(clerk, "Confidential file", Grading.Confidential);
        var sectionMate = await app.ApiClientAsync("RJ100012");
        Assert.Equal(HttpStatusCode.OK, (await sectionMate.GetAsync($"/api/files/{normal}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sectionMate.GetAsync($"/api/files/{secret}")).StatusCode);
        var outsider = await app.ApiClientAsync("RJ100059");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/files/{normal}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsJsonAsync($"/api/files/{normal}/notes", new SaveNoteCommand("x"))).StatusCode);

        // Sent up and onward: the clerk (a previous holder) still sees it; the recipient does.
        var so = await app.PostIdAsync("SO-DOIT-GR1");
        await clerk.PostAsJsonAsync($"/api/files/{secret}/send", new SendFileCommand(so, null));
        var officer = await app.ApiClientAsync(Demo.SectionOfficer);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/files/{secret}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync($"/api/files/{secret}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sectionMate.GetAsync($"/api/files/{secret}")).StatusCode);
    }

    [Fact]
    public async Task AdditionalChargeHolder_ActsForTheChargedPost()
    {
        var acs = await app.ApiClientAsync("RJ100008");
        Assert.Equal(HttpStatusCode.BadRequest, (await acs.PostAsJsonAsync("/api/files", new CreateFileCommand("No section", 12, null))).StatusCode);
        // A file from the Collectorate's land records branch is sent to SDO Chaksu, a vacant post held as additional charge.
        var udc = await app.ApiClientAsync("RJ100041");
        var id = await NewFileAsync(udc, "Mutation dispute, village Kotkhawda", head: 5);
        await udc.PostAsJsonAsync($"/api/files/{id}/send", new SendFileCommand(await app.PostIdAsync("SDO-CHAKSU"), "Report please"));
        var sdo = await app.ApiClientAsync(Demo.SdoSanganer);
        var file = await GetAsync(sdo, id);
        Assert.True(file.Can.Send);
        Assert.Equal(HttpStatusCode.OK, (await sdo.PostAsJsonAsync($"/api/files/{id}/notes", new SaveNoteCommand("तहसीलदार से रिपोर्ट मंगाई जाए।"))).StatusCode);
        await sdo.SendFileAsync(id, await app.PostIdAsync("TEH-CHAKSU"));
        var note = Assert.Single((await GetAsync(sdo, id)).Notes);
        Assert.Equal("SDO-CHAKSU", note.AuthorPost.Code);
    }

    [Fact]
    public async Task Recipients_FoundByNameOrDesignationInEitherScript_WithQuickPicks()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var picks = (await clerk.GetFromJsonAsync<List<FindRecipients.Recipient>>("/api/recipients"))!;
        Assert.Contains(picks, p => p.Code == "ASO-DOIT-GR1" && p.Why == "reporting officer");
        var byHindi = (await clerk.GetFromJsonAsync<List<FindRecipients.Recipient>>($"/api/recipients?q={Uri.EscapeDataString("उपखण्ड")}"))!;
        Assert.Contains(byHindi, p => p.Code == "SDO-CHAKSU");
        var byName = (await clerk.GetFromJsonAsync<List<FindRecipients.Recipient>>("/api/recipients?q=arpita"))!;
        Assert.Contains(byName, p => p.Code == "SDO-SANGANER");
    }

    [Fact]
    public async Task Recipients_QuickPicks_NameThePostsSentToLast()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        Assert.DoesNotContain((await clerk.GetFromJsonAsync<List<FindRecipients.Recipient>>("/api/recipients"))!, p => p.Code == "SDO-CHAKSU");
        var id = await NewFileAsync(clerk, "Land records for the new tehsil building");
        var sent = await clerk.PostAsJsonAsync($"/api/files/{id}/send", new SendFileCommand(await app.PostIdAsync("SDO-CHAKSU"), null));
        Assert.Equal(HttpStatusCode.NoContent, sent.StatusCode);
        var picks = (await clerk.GetFromJsonAsync<List<FindRecipients.Recipient>>("/api/recipients"))!;
        Assert.Contains(picks, p => p.Code == "SDO-CHAKSU" && p.Why == "recently used");
    }
}
