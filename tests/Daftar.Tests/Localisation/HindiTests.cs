using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Dom;
using Daftar.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.Localisation;

public partial class HindiTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    // Words that stay in Latin script in the Hindi UI: product and standard names, and the import file's column names and values.
    private static readonly HashSet<string> Allowed =
        ["CSV", "UTF", "Excel", "xlsx", "csv", "Google", "Microsoft", "Authenticator", "FreeOTP", "YYYY", "MM", "DD", "primary", "additional", "charge", "PDF", "JPEG", "PNG", "TIFF", "USB", "DSC", "p12", "pfx", "RFC", "application", "timestamp", "query", "Jitsi", "BigBlueButton", "Outlook", "https"];

    [Fact]
    public async Task MainPages_InHindi_HaveNoEnglishLeft()
    {
        var admin = await app.SignInAsync(Demo.Admin);
        await SwitchToHindiAsync(admin);
        var ids = await app.WithDbAsync(async db => new
        {
            Station = await db.Offices.Where(o => o.Code == "PS-CHAKSU").Select(o => o.Id).SingleAsync(),
            Secretariat = await db.Offices.Where(o => o.Code == "SECT-DOIT").Select(o => o.Id).SingleAsync(),
            Post = await db.Posts.Where(p => p.Code == "SDO-CHAKSU").Select(p => p.Id).SingleAsync(),
            Employee = await db.Employees.Where(e => e.Code == Demo.SdoSanganer).Select(e => e.Id).SingleAsync(),
            File = await FileWithANoteAsync(),
            Receipt = await ReceiptAsync(),
            Meeting = await MeetingAsync(),
            Asset = await AssetAsync(),
        });
        string[] pages =
        [
            "/", "/People", $"/People/Office?id={ids.Station}", $"/People/Office?id={ids.Secretariat}", $"/People/Post?id={ids.Post}",
            $"/People/Employee?id={ids.Employee}", "/People/Search?q=%E0%A4%AE%E0%A5%80%E0%A4%A3%E0%A4%BE", "/Me", "/Account/Manage/TwoFactor",
            "/Account/Manage/Password", "/People/Admin", "/Files/Inbox", "/Files/Inbox?tab=created", "/Files/New", "/Receipts", "/Receipts/New", $"/Receipts/View?id={ids.Receipt}", $"/Files/View?id={ids.File}", $"/Files/History?id={ids.File}", $"/Files/Send?id={ids.File}", $"/Files/Send?id={ids.File}&share=true", "/Search?q=%E0%A4%AE%E0%A4%B0%E0%A4%AE%E0%A5%8D%E0%A4%AE%E0%A4%A4&Status=Open", "/Me/Signing", "/Pki", "/People/Admin/Pki", "/People/Admin/Import", $"/People/Admin/Employee?id={ids.Employee}",
            $"/People/Admin/Post?id={ids.Post}", $"/People/Admin/Office?id={ids.Station}", "/Account/AccessDenied",
            "/Meetings", "/Meetings/New", $"/Meetings/View/{ids.Meeting.Meeting}", $"/Meetings/Occurrence/{ids.Meeting.Occurrence}", "/Meetings/Actions",
            "/Meetings/Dashboard", $"/Meetings/Join/{ids.Meeting.Occurrence}",
            "/WorkFromHome", "/WorkFromHome/Catalogue", "/WorkFromHome/Catalogue?Assume=PhysicalRecords&Assume=OfficeNetwork", "/WorkFromHome/Task",
            "/WorkFromHome/Register", "/WorkFromHome/Exemptions", "/WorkFromHome/Roster", "/WorkFromHome/Readiness", "/WorkFromHome/Reports",
            "/Assets", "/Assets/Store", "/Assets/Requests", "/Assets/ConnectionCheck", $"/Assets/Asset?id={ids.Asset}",
        ];
        // A draft roster of the administrator's office, so that the roster page shows its grid and its problems.
        var wfh = await app.ApiClientAsync(Demo.Admin);
        var doit = await app.WithDbAsync(db => db.Offices.Where(o => o.Code == "SECT-DOIT").Select(o => o.Id).SingleAsync());
        var monday = Daftar.WorkFromHome.RosterPlanner.WeekOf(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(5.5))).AddDays(7);
        Assert.True((await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(wfh, "/api/work-from-home/rosters", new { officeId = doit, from = monday, to = monday.AddDays(5) })).IsSuccessStatusCode);
        foreach (var url in pages)
        {
            var page = await DaftarFactory.PageAsync(admin, url);
            Assert.Equal("hi", page.DocumentElement.GetAttribute("lang"));
            AssertNoEnglish(url, page);
        }
    }

    // The administrator's own file: a confirmed note, a draft note and a movement, so every part of the file page shows.
    private async Task<int> FileWithANoteAsync()
    {
        var api = await app.ApiClientAsync(Demo.Admin);
        var created = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, "/api/files", new Daftar.Web.Features.Files.CreateFileCommand("ई-ऑफ़िस प्रशिक्षण", 12, "प्रशिक्षण"));
        var id = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(created.Content)).GetProperty("id").GetInt32();
        var note = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, $"/api/files/{id}/notes", new Daftar.Web.Features.Files.SaveNoteCommand("प्रशिक्षण का प्रस्ताव।"));
        var noteId = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(note.Content)).GetProperty("id").GetInt32();
        await api.PostAsync($"/api/notes/{noteId}/confirm", null);
        await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, $"/api/files/{id}/notes", new Daftar.Web.Features.Files.SaveNoteCommand("दूसरी टिप्पणी का प्रारूप।"));
        await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, $"/api/files/{id}/park", new Daftar.Web.Features.Files.RemarksCommand("बजट की प्रतीक्षा"));
        await api.PostAsync($"/api/files/{id}/unpark", null);
        return id;
    }

    // A daily review the administrator organises and chairs: yesterday's is held (minutes drafted), one action item is theirs.
    private async Task<(int Meeting, int Occurrence)> MeetingAsync()
    {
        var api = await app.ApiClientAsync(Demo.Admin);
        var post = await app.PostIdAsync("ITNO-DOIT");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(5.5));
        var created = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, "/api/meetings", new
        {
            title = "ई-ऑफ़िस प्रगति समीक्षा",
            purpose = 1,
            chairPostId = post,
            firstDay = today.AddDays(-1),
            startTime = "10:00",
            durationMinutes = 30,
            recurrence = 1,
            until = today.AddDays(2),
            postIds = new[] { await app.PostIdAsync("PROG-DOIT") },
            agenda = new[] { new { title = "प्रशिक्षण की प्रगति" } },
            notify = false,
        });
        var meeting = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(created.Content)).GetProperty("id").GetInt32();
        var occurrence = await app.WithDbAsync(db => db.MeetingOccurrences.Where(o => o.MeetingId == meeting).OrderBy(o => o.Number).Select(o => o.Id).FirstAsync());
        await System.Net.Http.Json.HttpClientJsonExtensions.PutAsJsonAsync(api, $"/api/occurrences/{occurrence}/minutes", new { body = "प्रगति संतोषजनक है।" });
        await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, $"/api/meetings/{meeting}/actions", new { text = "प्रशिक्षण पूर्ण कराएँ", assigneePostId = post, dueOn = today.AddDays(-1), occurrenceId = occurrence });
        return (meeting, occurrence);
    }

    // A laptop of the administrator's office, issued to the administrator (so the asset page shows the acknowledgement), and a request.
    private async Task<int> AssetAsync()
    {
        var api = await app.ApiClientAsync(Demo.Admin);
        var created = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, "/api/assets",
            new { kind = "Laptop", make = "Lenovo", model = "ThinkPad E14", serialNumber = "HINDI-SN-1", tag = "HINDI-1", purchaseOrder = "PO/2026/17", cost = 61000, warrantyEnds = "2029-03-31" });
        var id = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(created.Content)).GetProperty("id").GetInt32();
        Assert.True((await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, $"/api/assets/{id}/issue", new { employeeCode = Demo.Admin })).IsSuccessStatusCode);
        Assert.True((await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, "/api/equipment-requests", new { kind = "DataCard", reason = "दौरे पर इंटरनेट" })).IsSuccessStatusCode);
        Assert.True((await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(api, "/api/connection/checks", new { downloadMbps = 12.5, uploadMbps = 4, latencyMs = 45, jitterMs = 5, samples = 10 })).IsSuccessStatusCode);
        return id;
    }

    private async Task<int> ReceiptAsync()
    {
        var api = await app.ApiClientAsync(Demo.Admin);
        var form = new MultipartFormDataContent { { new StringContent("आयुक्त, ई-गवर्नेंस"), "sender" }, { new StringContent("प्रशिक्षण कैलेंडर"), "subject" } };
        var created = await api.PostAsync("/api/receipts", form);
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(created.Content)).GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task SignInPageAndItsErrors_InHindi()
    {
        var client = app.Browser();
        await SwitchToHindiAsync(client);
        var empty = await DaftarFactory.PostFormAsync(client, "/Account/SignIn", new() { ["Login"] = "", ["Password"] = "" });
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await empty.Content.ReadAsStringAsync());
        Assert.Contains("आवश्यक है", page.Body!.TextContent);
        AssertNoEnglish("/Account/SignIn (empty)", page);
        var wrong = await DaftarFactory.PostFormAsync(client, "/Account/SignIn", new() { ["Login"] = Demo.Clerk, ["Password"] = "x" });
        var wrongPage = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await wrong.Content.ReadAsStringAsync());
        Assert.Contains("कार्मिक कोड, ई-मेल या पासवर्ड गलत है।", wrongPage.Body!.TextContent);
        AssertNoEnglish("/Account/SignIn (wrong)", wrongPage);
    }

    [Fact]
    public async Task AdminFormErrors_InHindi()
    {
        var admin = await app.SignInAsync(Demo.Admin);
        await SwitchToHindiAsync(admin);
        var response = await DaftarFactory.PostFormAsync(admin, "/People/Admin",
            new() { ["Employee.Code"] = "bad code!", ["Employee.NameEn"] = "", ["Employee.NameHi"] = "", ["Employee.Email"] = "x", ["Employee.Mobile"] = "1" }, "Employee");
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains("मान्य ई-मेल पता नहीं है", page.Body!.TextContent);
        Assert.Contains("नाम (अंग्रेज़ी) आवश्यक है।", page.Body.TextContent);
        AssertNoEnglish("/People/Admin (errors)", page);
    }

    [Fact]
    public async Task LanguageChoice_IsRememberedOnTheAccount()
    {
        var client = await app.SignInAsync("RJ100030");
        await SwitchToHindiAsync(client);
        Assert.Equal("hi", await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "RJ100030").Select(u => u.PreferredCulture).SingleAsync()));
        var elsewhere = await app.SignInAsync("RJ100030");
        var home = await DaftarFactory.PageAsync(elsewhere, "/");
        Assert.Equal("hi", home.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public void EveryTextTheCodeTranslates_HasAHindiTranslation()
    {
        var root = FindRepositoryRoot();
        var resx = XDocument.Load(Path.Combine(root, "src/Daftar.Web/Resources/SharedResource.hi.resx"));
        var hindi = resx.Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);
        var missing = new SortedSet<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src"), "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".cs") || f.EndsWith(".cshtml")) && !f.Contains("/obj/") && !f.Contains("/bin/") && !f.Contains("/Migrations/")))
        {
            var text = File.ReadAllText(file);
            foreach (var regex in TranslatedLiterals)
                foreach (Match m in regex.Matches(text))
                    if (!hindi.ContainsKey(Regex.Unescape(m.Groups[1].Value))) missing.Add($"{Path.GetFileName(file)}: {m.Groups[1].Value}");
        }
        Assert.True(missing.Count == 0, "No Hindi for:\n" + string.Join("\n", missing));
        Assert.All(hindi, kv => Assert.Matches(@"\p{IsDevanagari}", kv.Value));
    }

    private static readonly Regex[] TranslatedLiterals =
    [
        new(@"\bT\[""((?:[^""\\]|\\.)+)""", RegexOptions.Compiled),
        new(@"\bl\[""((?:[^""\\]|\\.)+)""", RegexOptions.Compiled),
        new(@"ErrorMessage = ""((?:[^""\\]|\\.)+)""", RegexOptions.Compiled),
        new(@"new(?: Error)?\(""[a-z_]+"", ""((?:[^""\\]|\\.)+)"", ErrorKind", RegexOptions.Compiled),
        new(@"PeopleError\(""[a-z_]+"", ""((?:[^""\\]|\\.)+)""\)", RegexOptions.Compiled),
        new(@"FileError\(""[a-z_]+"", ""((?:[^""\\]|\\.)+)""", RegexOptions.Compiled),
        new(@"new ImportError\([^,]+, [^,]+, ""((?:[^""\\]|\\.)+)""", RegexOptions.Compiled),
        new(@"ImportFileException\(""((?:[^""\\]|\\.)+)""", RegexOptions.Compiled),
        new(@"[Ff]ail\((?:""[a-z_]+""|column), ""((?:[^""\\]|\\.)+)""", RegexOptions.Compiled),
        new(@"v\.(?:Required|Optional|Code|Email|Mobile|Paragraphs)\([^,]+, ""[a-zA-Z_]+"", ""((?:[^""\\]|\\.)+)""", RegexOptions.Compiled),
        new(@"_Field"" model='\(""[A-Za-z.]+"", ""([^""]+)""", RegexOptions.Compiled),
        new(@"\(string\?\)""([^""]+)""", RegexOptions.Compiled),
        new(@"Error\.(?:Required\(""[a-zA-Z]+"", |NotFound\()""([^""]+)""\)", RegexOptions.Compiled),
        new(@"OfficeType\.[A-Za-z]+ => ""([^""]+)""", RegexOptions.Compiled),
        new(@"WorkFromHomeError\(""[a-z_]+"",\s*""((?:[^""\\]|\\.)+)""", RegexOptions.Compiled),
        new(@"(?:TaskFact|Verdict|WorkPlace|RosterRule|RosterStatus|ExemptionReason|ExemptionStatus|RosterProblems)\.[A-Za-z]+ => ""([^""]+)""", RegexOptions.Compiled),
        new(@"string Title => ""([^""]+)""", RegexOptions.Compiled),
    ];

    internal static async Task SwitchToHindiAsync(HttpClient client)
    {
        var page = await DaftarFactory.PageAsync(client, "/Account/AccessDenied");
        var form = page.Forms.First(f => f.GetAttribute("action") == "/Account/Language");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await client.PostAsync("/Account/Language", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("language", "hi"), new("returnUrl", "/")]));
    }

    private static void AssertNoEnglish(string url, IDocument page)
    {
        var leftovers = new List<string>();
        Collect(page.Body!, leftovers);
        var title = page.Title ?? "";
        leftovers.AddRange(LatinWord().Matches(title).Select(m => m.Value).Where(w => !Allowed.Contains(w) && !IsCode(title, w)));
        Assert.True(leftovers.Count == 0, $"{url} shows English in Hindi: {string.Join(", ", leftovers.Distinct())}");
    }

    private static void Collect(INode node, List<string> leftovers)
    {
        if (node is IElement e && (e.GetAttribute("lang") == "en" || e.LocalName is "script" or "style" or "code" or "kbd"
            || e.ClassList.Contains("code")))
            return;
        if (node is IElement withText)
            foreach (var attribute in new[] { "aria-label", "alt", "placeholder", "title" })
                if (withText.GetAttribute(attribute) is { } value)
                    leftovers.AddRange(LatinWord().Matches(value).Select(m => m.Value).Where(w => !Allowed.Contains(w)));
        if (node.NodeType == NodeType.Text)
        {
            var text = Regex.Replace(node.TextContent, @"[\w.+-]+@[\w.-]+", " ");
            leftovers.AddRange(LatinWord().Matches(text).Select(m => m.Value).Where(w => !Allowed.Contains(w) && !IsCode(text, w)));
        }
        foreach (var child in node.ChildNodes) Collect(child, leftovers);
    }

    // E-mail addresses (removed above) and codes such as RJ100014 or GR-1 are data, not UI text.
    // File and diary numbers (F.12(3)/DOIT/EGOV/2026, 17/2026/DOIT-GR1) are data too: words between slashes.
    private static bool IsCode(string text, string word) =>
        Regex.IsMatch(text, $@"\b{Regex.Escape(word)}[-_]?\d") || Regex.IsMatch(text, $@"/{Regex.Escape(word)}\b|\b{Regex.Escape(word)}/");

    [GeneratedRegex(@"\b[A-Za-z]{2,}\b")]
    private static partial Regex LatinWord();

    internal static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Daftar.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Daftar.slnx not found above the test binaries.");
    }
}
