using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Daftar.Files;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Files;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.Files;

/// <summary>The inbox counts are kept, not counted (InboxCounting): they must always equal what the lists show.</summary>
public class InboxCountTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [Fact]
    public async Task WithoutATab_TheInboxOpensOnWhatNeedsAction_NotOnAnEmptyNewTab()
    {
        // The DS of GAD: open every new file, so that only opened ones are left.
        var ds = await app.ApiClientAsync("RJ100003");
        for (var round = 0; round < 20; round++)
        {
            var fresh = (await ds.GetFromJsonAsync<JsonElement>("/api/inbox?tab=new", Json)).GetProperty("rows").EnumerateArray().ToList();
            if (fresh.Count == 0) break;
            foreach (var row in fresh) Ok(await ds.GetAsync($"/api/files/{row.GetProperty("id").GetInt32()}"));
        }
        var clerk = await app.ApiClientAsync("RJ100005");
        var id = await CreateAsync(clerk, "Waiting with the DS");
        Ok(await clerk.PostAsJsonAsync($"/api/files/{id}/send", new SendFileCommand(await app.PostIdAsync("DS-GAD"), "see")));
        Ok(await ds.GetAsync($"/api/files/{id}"));

        var inbox = await ds.GetFromJsonAsync<JsonElement>("/api/inbox", Json);
        Assert.Equal("opened", inbox.GetProperty("tab").GetString());
        Assert.Contains(inbox.GetProperty("rows").EnumerateArray(), r => r.GetProperty("id").GetInt32() == id);
        var page = await DaftarFactory.PageAsync(await app.SignInAsync("RJ100003"), "/Files/Inbox");
        Assert.Contains("tab=opened", page.QuerySelector("#inbox-tabs .active")!.GetAttribute("href"));

        // A new file arriving makes New the first tab again.
        var another = await CreateAsync(clerk, "Just arrived");
        Ok(await clerk.PostAsJsonAsync($"/api/files/{another}/send", new SendFileCommand(await app.PostIdAsync("DS-GAD"), "see")));
        Assert.Equal("new", (await ds.GetFromJsonAsync<JsonElement>("/api/inbox", Json)).GetProperty("tab").GetString());
        var home = await DaftarFactory.PageAsync(await app.SignInAsync("RJ100003"), "/");
        Assert.Contains("tab=new", home.QuerySelector("#inbox-counts a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task KeptCounts_FollowEveryMove_AndEqualTheListsAFoldAndARecount()
    {
        var clerk = await app.ApiClientAsync("RJ100005");    // ASO, GAD group 1
        var officer = await app.ApiClientAsync("RJ100004");  // SO, GAD group 1
        var so = await app.PostIdAsync("SO-GAD-GR1");
        var aso = await app.PostIdAsync("ASO-GAD-GR1");
        await CheckAsync(clerk, officer);

        var files = new List<int>();
        for (var i = 0; i < 5; i++) files.Add(await CreateAsync(clerk, $"Counted {i}"));
        var (a, b, c, d, e) = (files[0], files[1], files[2], files[3], files[4]);
        var mark = await CheckAsync(clerk, officer);

        Ok(await clerk.PostAsJsonAsync($"/api/files/{a}/send", new SendFileCommand(so, "see", Priority.Urgent, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3))));
        Ok(await clerk.PostAsJsonAsync($"/api/files/{b}/send", new SendFileCommand(so, "see", Priority.Normal, null)));
        var moved = await CheckAsync(clerk, officer);
        Assert.Equal(mark.Officer.New + 2, moved.Officer.New);
        Assert.Equal(mark.Clerk.Sent + 2, moved.Clerk.Sent);

        Ok(await officer.GetAsync($"/api/files/{a}"));                      // opened
        Ok(await clerk.PostAsync($"/api/files/{b}/pull-back", null));       // back before it was opened
        Ok(await clerk.PostAsJsonAsync($"/api/files/{c}/park", new RemarksCommand("budget")));
        Ok(await clerk.PostAsJsonAsync($"/api/files/{d}/close", new RemarksCommand("done")));
        var turned = await CheckAsync(clerk, officer);
        Assert.Equal(moved.Officer.New - 2, turned.Officer.New);
        Assert.Equal(moved.Officer.Opened + 1, turned.Officer.Opened);
        Assert.Equal(moved.Clerk.Sent - 1, turned.Clerk.Sent);
        Assert.Equal(moved.Clerk.Parked + 1, turned.Clerk.Parked);
        Assert.Equal(moved.Clerk.Closed + 1, turned.Clerk.Closed);

        // Sent back: the file leaves the clerk's sent list (the officer sent it last) and counts as the officer's sent.
        Ok(await officer.PostAsJsonAsync($"/api/files/{a}/send", new SendFileCommand(aso, "returned", Priority.Normal, null)));
        Ok(await clerk.PostAsync($"/api/files/{c}/unpark", null));
        Ok(await clerk.PostAsJsonAsync($"/api/files/{d}/reopen", new RemarksCommand("again")));
        // Two sends of one file at once: one wins, and the loser's counts are not kept.
        var racing = await Task.WhenAll(
            clerk.PostAsJsonAsync($"/api/files/{e}/send", new SendFileCommand(so, "one", Priority.Normal, null)),
            clerk.PostAsJsonAsync($"/api/files/{e}/send", new SendFileCommand(so, "two", Priority.Normal, null)));
        Assert.Contains(racing, r => r.IsSuccessStatusCode);
        var back = await CheckAsync(clerk, officer);
        Assert.Equal(turned.Officer.Opened - 1, back.Officer.Opened);
        Assert.Equal(turned.Officer.Sent + 1, back.Officer.Sent);
        Assert.Equal(turned.Clerk.Sent - 1 + 1, back.Clerk.Sent);   // a left it, e joined it
        Assert.Equal(turned.Officer.New + 1, back.Officer.New);
        Assert.Equal((turned.Clerk.Parked - 1, turned.Clerk.Closed - 1), (back.Clerk.Parked, back.Clerk.Closed));

        // Folding the changes in, and counting every file afresh, changes nothing that an officer sees.
        Assert.True(await app.WithDbAsync(db => InboxCounting.CompactAsync(db, CancellationToken.None)) >= 0);
        Assert.Equal(0, await app.WithDbAsync(db => InboxCounting.CompactAsync(db, CancellationToken.None)));
        Assert.Equal(back, await CheckAsync(clerk, officer));
        await app.WithDbAsync(db => InboxCounting.RebuildAsync(db, CancellationToken.None));
        Assert.Equal(back, await CheckAsync(clerk, officer));
    }

    [Fact]
    public async Task AFailedSave_KeepsNoCountChange()
    {
        var clerk = await app.ApiClientAsync("RJ100005");
        var officer = await app.ApiClientAsync("RJ100004");
        var id = await CreateAsync(clerk, "Refused send");
        var before = await CheckAsync(clerk, officer);
        // A second handle on the file reads it, the file is parked meanwhile, and the second save fails on the version.
        var failed = await app.WithDbAsync(async db =>
        {
            var stale = await db.Files.SingleAsync(f => f.Id == id);
            Ok(await clerk.PostAsJsonAsync($"/api/files/{id}/park", new RemarksCommand("waiting")));
            var post = await db.Posts.SingleAsync(p => p.Code == "ASO-GAD-GR1");
            Assert.Null(stale.Park(post, await db.Employees.SingleAsync(x => x.Code == "RJ100005"), "again", DateTimeOffset.UtcNow));
            try
            {
                await db.SaveChangesAsync();
                return (Conflict: false, Left: false);
            }
            catch (DbUpdateConcurrencyException)
            {
                return (Conflict: true, Left: db.ChangeTracker.Entries<InboxCountChange>().Any());
            }
        });
        Assert.True(failed.Conflict, "the stale save went through");
        Assert.False(failed.Left, "the count changes of a failed save stay tracked, to be saved twice by a retry");
        var after = await CheckAsync(clerk, officer);
        Assert.Equal((before.Clerk.New + before.Clerk.Opened - 1, before.Clerk.Parked + 1), (after.Clerk.New + after.Clerk.Opened, after.Clerk.Parked));
    }

    private static Task<int> CreateAsync(HttpClient api, string subject) => api.CreateFileAsync(subject, 1, "Counting");

    private static void Ok(HttpResponseMessage response) => Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode}");

    /// <summary>Both officers' counts, each checked against the number of files its list shows over all its pages.</summary>
    private static async Task<(InboxCounts Clerk, InboxCounts Officer)> CheckAsync(HttpClient clerk, HttpClient officer) =>
        (await CheckAsync(clerk), await CheckAsync(officer));

    private static async Task<InboxCounts> CheckAsync(HttpClient api)
    {
        InboxCounts? counts = null;
        foreach (var tab in InboxTabs.All)
        {
            var first = (await api.GetFromJsonAsync<Inbox>($"/api/inbox?tab={tab}", Json))!;
            counts ??= first.Counts;
            var listed = first.Rows.Count;
            for (var page = 2; page <= first.Pages; page++) listed += (await api.GetFromJsonAsync<Inbox>($"/api/inbox?tab={tab}&page={page}", Json))!.Rows.Count;
            Assert.True(listed == first.Counts.Of(tab), $"tab {tab}: the count says {first.Counts.Of(tab)}, the list shows {listed}");
        }
        return counts!;
    }
}
