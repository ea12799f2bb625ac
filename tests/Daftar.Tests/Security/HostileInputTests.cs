using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Daftar.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Daftar.Tests.Security;

/// <summary>
/// Hostile input against the API and every upload: broken JSON, wrong types, huge and poisoned strings, impossible
/// dates; damaged, scripted, polyglot and bomb documents. Whatever arrives: never a 500, always a ProblemDetails
/// answer, nothing half-written, and nothing poisoned stored. DAFTAR_FUZZ_CASES sets the cases per target.
/// </summary>
public class HostileInputTests(DaftarFactory app, ITestOutputHelper output) : IClassFixture<DaftarFactory>
{
    private readonly List<string> _failures = [];
    private readonly Dictionary<HttpStatusCode, int> _statuses = [];

    private sealed record Target(string Name, HttpMethod Method, Func<Task<string>> Url, JsonObject Template, bool Admin = false, bool ConsumesState = false);

    private static Task<int> NewFileAsync(HttpClient api) => api.CreateFileAsync("Fuzz target");

    private async Task<int> NewReceiptAsync(HttpClient api)
    {
        var response = await api.PostAsync("/api/receipts", new MultipartFormDataContent
        {
            { new StringContent("Collector"), "sender" }, { new StringContent("Fuzz receipt"), "subject" },
        });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    /// <summary>Never a 5xx; every 4xx a ProblemDetails document with its status.</summary>
    private async Task CheckAsync(string what, HttpResponseMessage response, Func<string> describe)
    {
        _statuses[response.StatusCode] = _statuses.GetValueOrDefault(response.StatusCode) + 1;
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            _failures.Add($"{what}: {status} for {describe()}: {Shorten(await response.Content.ReadAsStringAsync())}");
            return;
        }
        if (status >= 400)
        {
            var body = await response.Content.ReadAsStringAsync();
            var isProblem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            try
            {
                if (!isProblem || JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32() != status)
                    _failures.Add($"{what}: {status} without ProblemDetails for {describe()}: {Shorten(body)}");
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                _failures.Add($"{what}: {status} with an unreadable body for {describe()}: {Shorten(body)}");
            }
        }
    }

    private static string Shorten(string s) => s.Length > 300 ? s[..300] + "…" : s;

    private static string Show(byte[] body) => Shorten(Encoding.UTF8.GetString(body).Replace("\0", "\\0"));

    [Fact]
    public async Task HostileJson_NeverBreaksTheApi_AndNothingPoisonedIsStored()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var admin = await app.ApiClientAsync(Demo.Admin);
        var so = await app.PostIdAsync("SO-DOIT-GR1");
        var office = await app.WithDbAsync(db => db.Offices.Select(o => o.Id).FirstAsync());
        var employee = await app.EmployeeIdAsync(Demo.Collector);
        int? file = null;
        int? receipt = null;
        async Task<int> FileAsync() => file ??= await NewFileAsync(clerk);
        async Task<int> ReceiptAsync() => receipt ??= await NewReceiptAsync(clerk);

        // A draft the clerk holds, and a letter issued from the section, for the draft and dispatch targets.
        var officer = await app.ApiClientAsync(Demo.SectionOfficer);
        int? draft = null;
        async Task<int> DraftAsync()
        {
            if (draft is { } d) return d;
            var started = await clerk.PostAsJsonAsync($"/api/files/{await FileAsync()}/drafts", new { kind = 1, language = 1, subject = "विषय", body = "पाठ" });
            return (draft = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32()).Value;
        }
        var letterFile = await NewFileAsync(clerk);
        var letterDraft = (await (await clerk.PostAsJsonAsync($"/api/files/{letterFile}/drafts", new { kind = 1, language = 3, subject = "Fuzz letter", body = "Text." }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NoContent, (await clerk.PostAsJsonAsync($"/api/files/{letterFile}/send", new { toPostId = so })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await officer.PostAsJsonAsync($"/api/drafts/{letterDraft}/approve", new { version = 1 })).StatusCode);
        await officer.PostAsJsonAsync("/api/signing/enrol", new { pin = "318274", confirmPin = "318274" });
        var issued = await officer.PostAsJsonAsync($"/api/drafts/{letterDraft}/issue", new { pin = "318274" });
        Assert.True(issued.IsSuccessStatusCode, await issued.Content.ReadAsStringAsync());
        var letter = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var targets = new List<Target>
        {
            new("start draft", HttpMethod.Post, async () => $"/api/files/{await FileAsync()}/drafts",
                new JsonObject { ["kind"] = 2, ["language"] = 3, ["subject"] = "आदेश", ["body"] = "एतद्द्वारा आदेशित किया जाता है।", ["addressee"] = "समस्त", ["reference"] = "पत्र दिनांक 01.11.2026" }),
            new("revise draft", HttpMethod.Put, async () => $"/api/drafts/{await DraftAsync()}", new JsonObject { ["subject"] = "विषय", ["body"] = "नया पाठ", ["addressee"] = null, ["reference"] = null }),
            new("dispatch", HttpMethod.Post, () => Task.FromResult($"/api/letters/{letter}/dispatches"),
                new JsonObject { ["mode"] = 2, ["recipient"] = "जिला कलेक्टर", ["address"] = "जयपुर", ["postalMode"] = 2, ["postage"] = 41.5, ["articleNumber"] = "EE1IN", ["toPostId"] = so }),
            new("create file", HttpMethod.Post, () => Task.FromResult("/api/files"),
                new JsonObject { ["subject"] = "Land allotment", ["headNumber"] = 12, ["category"] = "Land", ["grading"] = "Normal", ["retention"] = "A", ["retentionYears"] = 5 }),
            new("save note", HttpMethod.Post, async () => $"/api/files/{await FileAsync()}/notes", new JsonObject { ["text"] = "प्रस्ताव प्रस्तुत है।" }),
            new("send file", HttpMethod.Post, async () => $"/api/files/{await FileAsync()}/send",
                new JsonObject { ["toPostId"] = so, ["remarks"] = "for orders", ["priority"] = "Urgent", ["dueOn"] = "2026-12-31" }, ConsumesState: true),
            new("park file", HttpMethod.Post, async () => $"/api/files/{await FileAsync()}/park", new JsonObject { ["remarks"] = "awaiting" }, ConsumesState: true),
            new("link file", HttpMethod.Post, async () => $"/api/files/{await FileAsync()}/links", new JsonObject { ["file"] = "F.12(1)/DOIT/GR-1/2026", ["remarks"] = "x" }),
            new("share file", HttpMethod.Post, async () => $"/api/files/{await FileAsync()}/shares", new JsonObject { ["postId"] = so, ["remarks"] = "x" }),
            new("mark correspondence", HttpMethod.Put, async () => $"/api/files/{await FileAsync()}/correspondence/1", new JsonObject { ["isPuc"] = true, ["isFr"] = false }),
            new("send receipt", HttpMethod.Post, async () => $"/api/receipts/{await ReceiptAsync()}/send", new JsonObject { ["toPostId"] = so, ["remarks"] = "see" }, ConsumesState: true),
            new("put receipt in file", HttpMethod.Post, async () => $"/api/receipts/{await ReceiptAsync()}/put-in-file",
                new JsonObject { ["newFileSubject"] = "From dak", ["headNumber"] = 12 }, ConsumesState: true),
            new("enrol", HttpMethod.Post, () => Task.FromResult("/api/signing/enrol"), new JsonObject { ["pin"] = "1", ["confirmPin"] = "2" }),
            new("signing session", HttpMethod.Post, () => Task.FromResult("/api/signing/session"), new JsonObject { ["pin"] = "000000" }),
            new("api token", HttpMethod.Post, () => Task.FromResult("/api/me/tokens"), new JsonObject { ["name"] = "fuzz", ["days"] = 1 }),
            new("department", HttpMethod.Post, () => Task.FromResult("/api/departments"), new JsonObject { ["code"] = "FZ", ["nameEn"] = "Fuzz", ["nameHi"] = "फ़ज़", ["fileHead"] = "FZ" }, Admin: true),
            new("office", HttpMethod.Put, () => Task.FromResult($"/api/offices/{office}"), new JsonObject { ["nameEn"] = "Office", ["nameHi"] = "कार्यालय", ["type"] = "District" }, Admin: true),
            new("employee", HttpMethod.Put, () => Task.FromResult($"/api/employees/{employee}"),
                new JsonObject { ["nameEn"] = "Collector", ["nameHi"] = "कलेक्टर", ["email"] = "c@example.org", ["mobile"] = "9999999999", ["dateOfBirth"] = "1980-01-01" }, Admin: true),
            new("assignment", HttpMethod.Post, () => Task.FromResult($"/api/employees/{employee}/assignments"),
                new JsonObject { ["postId"] = so, ["kind"] = "Additional", ["from"] = "2026-01-01", ["to"] = "2026-02-30" }, Admin: true),
        };

        var filesBefore = await app.WithDbAsync(db => db.Files.CountAsync());
        var fuzz = new Fuzz(Fuzz.Seed);
        var cases = 0;
        foreach (var target in targets)
        {
            var client = target.Admin ? admin : clerk;
            for (var i = 0; i < Fuzz.CasesPerTarget; i++)
            {
                var body = fuzz.MutateJson(target.Template);
                var request = new HttpRequestMessage(target.Method, await target.Url()) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = fuzz.Next(20) == 0 ? new MediaTypeHeaderValue("text/plain") : new MediaTypeHeaderValue("application/json");
                var response = await client.SendAsync(request);
                await CheckAsync(target.Name, response, () => Show(body));
                if (target.ConsumesState && response.IsSuccessStatusCode)
                {
                    file = null;
                    receipt = null;
                    draft = null;
                }
                cases++;
            }
        }

        // Queries and paths are input too.
        foreach (var _ in Enumerable.Range(0, Fuzz.CasesPerTarget))
        {
            var poison = fuzz.PoisonedString();
            var value = Uri.EscapeDataString(poison[..Math.Min(4000, poison.Length)]);
            foreach (var url in new[] { $"/api/search?q={value}", $"/api/recipients?q={value}", $"/api/inbox?tab={value}&page={value}", $"/api/directory?q={value}",
                         $"/api/search?q=x&from={value}&to={value}", $"/api/receipts?status={value}" })
            {
                await CheckAsync("query", await clerk.GetAsync(url), () => url);
                cases++;
            }
        }

        output.WriteLine($"{cases} hostile API requests: " + string.Join(", ", _statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key}×{s.Value}")));
        Assert.True(_failures.Count == 0, $"{_failures.Count} of {cases} cases failed:\n" + string.Join("\n", _failures.Take(15)));

        await app.WithDbAsync(async db =>
        {
            Assert.Empty(await Invariants.BreachesAsync(db));
            var stored = new List<string?>();
            stored.AddRange(await db.Files.Select(f => f.Subject).ToListAsync());
            stored.AddRange(await db.Files.Select(f => f.Category).ToListAsync());
            stored.AddRange(await db.Notes.Select(n => n.Text).ToListAsync());
            stored.AddRange(await db.Movements.Select(m => m.Remarks).ToListAsync());
            stored.AddRange(await db.Receipts.Select(r => r.Subject).ToListAsync());
            stored.AddRange(await db.Employees.Select(e => e.NameEn).ToListAsync());
            stored.AddRange(await db.Employees.Select(e => e.NameHi).ToListAsync());
            stored.AddRange(await db.Offices.Select(o => o.NameEn).ToListAsync());
            stored.AddRange(await db.Departments.Select(d => d.NameEn).ToListAsync());
            stored.AddRange(await db.DraftVersions.Select(v => v.Subject).ToListAsync());
            stored.AddRange(await db.DraftVersions.Select(v => v.Addressee).ToListAsync());
            stored.AddRange(await db.Dispatches.Select(d => d.Recipient).ToListAsync());
            stored.AddRange(await db.Dispatches.Select(d => d.Address).ToListAsync());
            var poisoned = stored.Where(s => s is not null && IsPoisoned(s)).ToList();
            Assert.True(poisoned.Count == 0, "stored with control, bidi or unpaired characters: " + string.Join(" | ", poisoned.Take(5).Select(p => Shorten(p!))));
        });
        Assert.True(await app.WithDbAsync(db => db.Files.CountAsync()) >= filesBefore);
    }

    private static readonly HashSet<string> UploadRefusals =
        ["damaged_pdf", "active_pdf", "encrypted_pdf", "pdf_bomb", "unsupported_document", "empty_document", "damaged_image", "image_too_large", "too_large", "required", "invalid_file", "unreadable_file"];

    [Theory]
    [InlineData("Agenda for review.hta", "png", "Agenda for review.png")]
    [InlineData("order.pdf.exe", "pdf", "order.pdf")]
    [InlineData("scan.JPEG", "jpeg", "scan.JPEG")]
    [InlineData("notice", "pdf", "notice.pdf")]
    [InlineData("report.v2", "tiff", "report.tif")]
    public async Task ADocument_IsNamedForTheTypeItIs_NotTheExtensionItCameWith(string uploadedAs, string kind, string servedAs)
    {
        var bytes = kind switch
        {
            "png" => TestImages.Png(20, 20),
            "pdf" => Fuzz.ValidPdf("नाम"),
            "jpeg" => TestImages.JpegHeader(20, 20),
            _ => TestImages.TiffHeader(20, 20),
        };
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var fileId = await NewFileAsync(clerk);
        var uploaded = await clerk.PostAsync($"/api/files/{fileId}/documents", Upload("file", bytes, uploadedAs));
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var download = await clerk.GetAsync($"/api/files/{fileId}/correspondence/1/document");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(servedAs, download.Content.Headers.ContentDisposition!.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName!.Trim('"'));

        var receipt = await clerk.PostAsync("/api/receipts", Upload("documents", bytes, uploadedAs, ("sender", "Collector"), ("subject", "Named by type")));
        Assert.Equal(HttpStatusCode.Created, receipt.StatusCode);
        var receiptId = (await receipt.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var view = await clerk.GetFromJsonAsync<JsonElement>($"/api/receipts/{receiptId}");
        Assert.Equal(servedAs, view.GetProperty("documents")[0].GetProperty("fileName").GetString());
    }

    private static MultipartFormDataContent Upload(string field, byte[] bytes, string name, params (string Key, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        // Written by hand: HttpClient would refuse the empty and broken names a hostile client sends.
        if (!part.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{field}\"; filename=\"{name.Replace("\"", "")}\""))
            part.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"{field}\"; filename=\"x\"");
        form.Add(part);
        foreach (var (key, value) in fields) form.Add(new StringContent(value), key);
        return form;
    }

    private async Task<string?> CodeOfAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode) return null;
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        if (problem.TryGetProperty("code", out var code)) return code.GetString();
        return problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
            ? errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray()).Select(e => e.TryGetProperty("code", out var c) ? c.GetString() : e.ToString()).FirstOrDefault()
            : null;
    }

    [Fact]
    public async Task HostileUploads_AreRefusedClearly_AndLeaveNothingHalfWritten()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        var admin = await app.ApiClientAsync(Demo.Admin);
        var fileId = await NewFileAsync(clerk);
        var receiptsBefore = await app.WithDbAsync(db => db.Receipts.CountAsync());
        var correspondenceBefore = await app.WithDbAsync(db => db.Correspondence.CountAsync(c => c.FileId == fileId));
        var codes = new Dictionary<string, int>();
        int receiptsAccepted = 0, documentsAccepted = 0, cases = 0;

        async Task DocumentAsync(string what, byte[] bytes, string name, string? mustBe = null)
        {
            var toFile = await clerk.PostAsync($"/api/files/{fileId}/documents", Upload("file", bytes, name, ("title", "स्कैन")));
            await CheckAsync(what + " (file document)", toFile, () => $"{name}, {bytes.Length} bytes");
            var toReceipt = await clerk.PostAsync("/api/receipts", Upload("documents", bytes, name, ("sender", "Collector"), ("subject", "Fuzzed dak")));
            await CheckAsync(what + " (receipt)", toReceipt, () => $"{name}, {bytes.Length} bytes");
            foreach (var response in new[] { toFile, toReceipt })
            {
                var code = await CodeOfAsync(response) ?? "accepted";
                codes[code] = codes.GetValueOrDefault(code) + 1;
                if (code != "accepted" && !UploadRefusals.Contains(code)) _failures.Add($"{what}: unexpected refusal {code} for {name}");
                if (mustBe is not null && code != mustBe) _failures.Add($"{what}: expected {mustBe}, got {code}");
            }
            if (toFile.IsSuccessStatusCode) documentsAccepted++;
            if (toReceipt.IsSuccessStatusCode) receiptsAccepted++;
            cases += 2;
        }

        foreach (var (name, pdf) in Fuzz.ScriptedPdfs()) await DocumentAsync("scripted PDF: " + name, pdf, "order.pdf", mustBe: "active_pdf");
        await DocumentAsync("decompression bomb", Fuzz.PdfBomb(300), "bomb.pdf", mustBe: "pdf_bomb");
        await DocumentAsync("encrypted", Fuzz.ValidPdf(extraCatalog: "/Encrypt << /Filter /Standard /V 2 /R 3 /O (x) /U (y) /P -4 >>"), "locked.pdf", mustBe: "encrypted_pdf");
        await DocumentAsync("nested", Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj " + new string('[', 100_000) + "\nendobj\n%%EOF"), "deep.pdf", mustBe: "damaged_pdf");
        await DocumentAsync("valid", Fuzz.ValidPdf("हिन्दी"), "valid.pdf", mustBe: "accepted");
        // Image bombs: a few hundred kilobytes that unpack to gigabytes in every browser that opens them. The size in
        // the header decides, for each image type; a scan of an A4 page at 600 dpi (35 megapixels) still goes in.
        await DocumentAsync("PNG bomb", TestImages.Png(30_000, 30_000), "scan.png", mustBe: "image_too_large");
        await DocumentAsync("JPEG bomb", TestImages.JpegHeader(60_000, 60_000), "scan.jpg", mustBe: "image_too_large");
        await DocumentAsync("TIFF bomb", TestImages.TiffHeader(100_000, 100_000), "scan.tif", mustBe: "image_too_large");
        await DocumentAsync("A4 at 600 dpi", TestImages.Png(4_961, 7_016), "a4.png", mustBe: "accepted");
        await DocumentAsync("PNG without a header", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D], "cut.png", mustBe: "damaged_image");
        foreach (var (name, bytes) in Fuzz.Polyglots()) await DocumentAsync("polyglot: " + name, bytes, name + ".pdf");
        var fuzz = new Fuzz(Fuzz.Seed + 1);
        for (var i = 0; i < Fuzz.CasesPerTarget; i++) await DocumentAsync("damaged", fuzz.DamagedDocument(), fuzz.HostileFileName());

        // Signing certificates and the employee master are uploads too.
        for (var i = 0; i < Fuzz.CasesPerTarget; i++)
        {
            var password = fuzz.PoisonedString();
            var p12 = await clerk.PostAsync("/api/signing/external", Upload("file", fuzz.DamagedDocument(), "dsc.p12", ("password", password[..Math.Min(50, password.Length)]), ("pin", "482916")));
            await CheckAsync("PKCS#12", p12, () => "damaged .p12");
            var import = await admin.PostAsync("/api/imports/employees", Upload("file", fuzz.Next(2) == 0 ? fuzz.DamagedDocument() : Encoding.UTF8.GetBytes(fuzz.PoisonedString()),
                fuzz.Next(2) == 0 ? "master.csv" : "master.xlsx"));
            await CheckAsync("employee master", import, () => "damaged master");
            cases += 2;
        }
        var xlsxBomb = await admin.PostAsync("/api/imports/employees", Upload("file", Fuzz.XlsxBomb(300), "master.xlsx"));
        await CheckAsync("xlsx bomb", xlsxBomb, () => "300 MB sharedStrings");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, xlsxBomb.StatusCode);
        Assert.Contains("unpacks to far more data", await xlsxBomb.Content.ReadAsStringAsync());

        output.WriteLine($"{cases} hostile uploads: " + string.Join(", ", codes.OrderBy(c => c.Key).Select(c => $"{c.Key}×{c.Value}")));
        Assert.True(_failures.Count == 0, $"{_failures.Count} failures:\n" + string.Join("\n", _failures.Take(15)));

        // Nothing half-written: a receipt or document exists exactly for each upload that was accepted, and no
        // partial upload is left in the blob store's temporary folder.
        Assert.Equal(receiptsBefore + receiptsAccepted, await app.WithDbAsync(db => db.Receipts.CountAsync()));
        Assert.Equal(correspondenceBefore + documentsAccepted, await app.WithDbAsync(db => db.Correspondence.CountAsync(c => c.FileId == fileId)));
        var temp = Path.Combine(app.DataPath, "blobs", "tmp");
        Assert.True(!Directory.Exists(temp) || Directory.GetFiles(temp).Length == 0);
        await app.WithDbAsync(async db => Assert.Empty(await Invariants.BreachesAsync(db)));
    }

    /// <summary>NUL and other controls (new line and tab apart), bidi overrides and isolates, or unpaired surrogates.</summary>
    private static bool IsPoisoned(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsControl(c) && c is not ('\n' or '\t') || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069') return true;
            if (char.IsHighSurrogate(c) && (i + 1 == s.Length || !char.IsLowSurrogate(s[++i]))) return true;
            if (char.IsLowSurrogate(c)) return true;
        }
        return false;
    }
}
