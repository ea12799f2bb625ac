using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Daftar.Assets;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.Assets;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.Assets;

/// <summary>Issue #34: inventory, requests, issue and return, acknowledgement, connection checks, readiness columns.</summary>
public class AssetsTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private const string Keeper = "RJ100015";   // the programmer, DoIT&C, named store keeper of the secretariat office here

    private async Task<int> OfficeAsync() => await app.WithDbAsync(db => db.Offices.Where(o => o.Code == "SECT-DOIT").Select(o => o.Id).SingleAsync());

    private async Task<HttpClient> KeeperAsync()
    {
        var admin = await app.ApiClientAsync(Demo.Admin);
        var named = await admin.PutAsJsonAsync($"/api/assets/offices/{await OfficeAsync()}/keepers", new KeepersCommand([await app.PostIdAsync("PROG-DOIT")]));
        Assert.Equal(HttpStatusCode.NoContent, named.StatusCode);
        return await app.ApiClientAsync(Keeper);
    }

    private static async Task<int> RegisterAsync(HttpClient keeper, string serial, AssetKind kind = AssetKind.Laptop)
    {
        var made = await keeper.PostAsJsonAsync("/api/assets", new RegisterAssetCommand(kind, "Dell", "Latitude 3440", serial, "T-" + serial, PurchasedOn: new DateOnly(2026, 4, 1),
            Cost: 58_500m, WarrantyEnds: new DateOnly(2029, 3, 31)), Json);
        Assert.True(made.StatusCode == HttpStatusCode.Created, await made.Content.ReadAsStringAsync());
        return (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {body}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }

    [Fact]
    public async Task TheStore_RegistersAssets_DuplicatesAndBadInputAreRefusedWithTheField_AndChangeNothing()
    {
        var keeper = await KeeperAsync();
        await RegisterAsync(keeper, "SN-REG-1");
        var count = await app.WithDbAsync(db => db.Assets.CountAsync());

        await ProblemAsync(await keeper.PostAsJsonAsync("/api/assets", new RegisterAssetCommand(AssetKind.Laptop, "HP", "ProBook", "sn-reg-1", "OTHER-TAG"), Json), HttpStatusCode.Conflict, "duplicate_serial");
        await ProblemAsync(await keeper.PostAsJsonAsync("/api/assets", new RegisterAssetCommand(AssetKind.Laptop, "HP", "ProBook", "SN-OTHER", "t-sn-reg-1"), Json), HttpStatusCode.Conflict, "duplicate_tag");
        var negative = await ProblemAsync(await keeper.PostAsJsonAsync("/api/assets", new RegisterAssetCommand(AssetKind.Laptop, "HP", "ProBook", "SN-NEG", "NEG", Cost: -1), Json), HttpStatusCode.BadRequest, "negative_cost");
        Assert.True(negative.GetProperty("errors").TryGetProperty("cost", out _));
        await ProblemAsync(await keeper.PostAsJsonAsync("/api/assets", new RegisterAssetCommand(AssetKind.Laptop, "HP", "ProBook", "SN-FUT", "FUT", PurchasedOn: new DateOnly(2099, 1, 1)), Json), HttpStatusCode.BadRequest, "purchase_in_future");
        await ProblemAsync(await keeper.PostAsJsonAsync("/api/assets", new RegisterAssetCommand(AssetKind.Laptop, null, "ProBook", "SN-NOMAKE", "NOMAKE"), Json), HttpStatusCode.BadRequest, "required");
        Assert.Equal(count, await app.WithDbAsync(db => db.Assets.CountAsync()));

        // The clerk keeps no store: refused, and the office's stock is not shown to them.
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        await ProblemAsync(await clerk.PostAsJsonAsync("/api/assets", new RegisterAssetCommand(AssetKind.Laptop, "HP", "ProBook", "SN-CLERK", "CLERK"), Json), HttpStatusCode.Forbidden, "not_keeper");
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync("/api/assets")).StatusCode);

        var stock = (await keeper.GetFromJsonAsync<StockView>("/api/assets", Json))!;
        Assert.Equal("SECT-DOIT", stock.OfficeCode);
        Assert.Contains(stock.Assets, a => a.SerialNumber == "SN-REG-1" && a.Tag == "T-SN-REG-1" && a.Status == AssetStatus.InStore);
        Assert.True(stock.Counts.Single(c => c.Kind == AssetKind.Laptop).InStore >= 1);
        Assert.Contains(stock.Keepers, k => k.PostCode == "PROG-DOIT");
    }

    [Fact]
    public async Task ARequest_GoesToTheOfficerThenTheStore_IsIssued_Acknowledged_AndReturned_WithTheWholeHistory()
    {
        var keeper = await KeeperAsync();
        var laptop = await RegisterAsync(keeper, "SN-FLOW-1");
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        await ProblemAsync(await clerk.PostAsJsonAsync("/api/equipment-requests", new RequestEquipmentCommand(AssetKind.Laptop, " "), Json), HttpStatusCode.BadRequest, "reason_required");
        var asked = await clerk.PostAsJsonAsync("/api/equipment-requests", new RequestEquipmentCommand(AssetKind.Laptop, "Works from home 4 days a week; no computer at home."), Json);
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var request = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await ProblemAsync(await clerk.PostAsJsonAsync("/api/equipment-requests", new RequestEquipmentCommand(AssetKind.Laptop, "Again"), Json), HttpStatusCode.Conflict, "open_request");

        // The store cannot act before the controlling officer (the ASO, the post above the clerk's).
        await ProblemAsync(await keeper.PostAsJsonAsync($"/api/assets/{laptop}/issue", new IssueAssetCommand(null, request), Json), HttpStatusCode.Conflict, "request_not_with_store");
        var aso = await app.ApiClientAsync("RJ100012");
        await ProblemAsync(await aso.PostAsJsonAsync($"/api/equipment-requests/{request}/decision", new DecideRequestCommand(RequestDecision.Refuse, ""), Json), HttpStatusCode.BadRequest, "reason_needed");
        await ProblemAsync(await clerk.PostAsJsonAsync($"/api/equipment-requests/{request}/decision", new DecideRequestCommand(RequestDecision.Approve, null), Json), HttpStatusCode.Forbidden, "not_your_request");
        Assert.Equal(HttpStatusCode.NoContent, (await aso.PostAsJsonAsync($"/api/equipment-requests/{request}/decision", new DecideRequestCommand(RequestDecision.Approve, "Needed for the e-Mitra files"), Json)).StatusCode);

        // The store sees it with the employee's verdict and what they lack.
        var atStore = (await keeper.GetFromJsonAsync<List<RequestView>>("/api/equipment-requests", Json))!.Single(r => r.Id == request);
        Assert.Equal(RequestStatus.WithStore, atStore.Status);
        Assert.True(atStore.CanIssue);
        var clerkId = await app.EmployeeIdAsync(Demo.Clerk);
        var hasDevice = await app.WithDbAsync(db => db.Assets.AnyAsync(a => a.HolderEmployeeId == clerkId && a.Status == AssetStatus.Issued
            && (a.Kind == AssetKind.Laptop || a.Kind == AssetKind.Desktop || a.Kind == AssetKind.Tablet)));
        Assert.Equal(!hasDevice, atStore.Missing.Contains("Has a device"));
        Assert.NotNull(atStore.Verdict);

        Assert.Equal(HttpStatusCode.NoContent, (await keeper.PostAsJsonAsync($"/api/assets/{laptop}/issue", new IssueAssetCommand(null, request), Json)).StatusCode);
        var mine = (await clerk.GetFromJsonAsync<List<AssetRow>>("/api/assets/mine", Json))!;
        Assert.Contains(mine, a => a.Id == laptop && !a.Acknowledged);
        Assert.Equal(RequestStatus.Issued, (await clerk.GetFromJsonAsync<List<RequestView>>("/api/equipment-requests", Json))!.Single(r => r.Id == request).Status);
        await ProblemAsync(await keeper.PostAsJsonAsync($"/api/assets/{laptop}/issue", new IssueAssetCommand(Demo.SectionOfficer), Json), HttpStatusCode.Conflict, "not_in_store");

        // No signing certificate: a confirmed click.
        await ProblemAsync(await clerk.PostAsJsonAsync($"/api/assets/{laptop}/acknowledge", new AcknowledgeAssetCommand(null), Json), HttpStatusCode.BadRequest, "confirm_receipt");
        Assert.Equal(HttpStatusCode.NoContent, (await clerk.PostAsJsonAsync($"/api/assets/{laptop}/acknowledge", new AcknowledgeAssetCommand(null, true), Json)).StatusCode);
        await ProblemAsync(await clerk.PostAsJsonAsync($"/api/assets/{laptop}/acknowledge", new AcknowledgeAssetCommand(null, true), Json), HttpStatusCode.Conflict, "already_acknowledged");

        // The SO (above the clerk) sees the asset and what the clerk holds; the Collector does not.
        var so = await app.ApiClientAsync(Demo.SectionOfficer);
        Assert.Equal(HttpStatusCode.OK, (await so.GetAsync($"/api/assets/{laptop}")).StatusCode);
        Assert.Contains((await so.GetFromJsonAsync<List<AssetRow>>($"/api/assets/held-by/{await app.EmployeeIdAsync(Demo.Clerk)}", Json))!, a => a.Id == laptop);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ApiClientAsync(Demo.Collector)).GetAsync($"/api/assets/{laptop}")).StatusCode);

        await ProblemAsync(await keeper.PostAsJsonAsync($"/api/assets/{laptop}/return", new ReturnAssetCommand(""), Json), HttpStatusCode.BadRequest, "required");
        Assert.Equal(HttpStatusCode.NoContent, (await keeper.PostAsJsonAsync($"/api/assets/{laptop}/return", new ReturnAssetCommand("Good; charger returned"), Json)).StatusCode);
        await ProblemAsync(await keeper.PostAsJsonAsync($"/api/assets/{laptop}/return", new ReturnAssetCommand("Again"), Json), HttpStatusCode.Conflict, "not_issued");

        var detail = (await keeper.GetFromJsonAsync<AssetDetail>($"/api/assets/{laptop}", Json))!;
        Assert.Equal(AssetStatus.InStore, detail.Asset.Status);
        Assert.Equal([AssetEventKind.Registered, AssetEventKind.Issued, AssetEventKind.Acknowledged, AssetEventKind.Returned], detail.History.Select(e => e.Kind));
        Assert.Equal("Good; charger returned", detail.History[^1].Note);
        Assert.Equal("confirmed", detail.History[2].Note);
        // Each change is in the audit chain under the asset.
        var audited = await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.ObjectType == "asset" && e.ObjectId == laptop.ToString()));
        Assert.True(audited >= 4, $"{audited} audit events for the asset");
    }

    [Fact]
    public async Task TwoKeepers_IssuingTheSameLaptopAtOnce_OneWins_AndTheOtherIsTold()
    {
        var keeper = await KeeperAsync();
        var admin = await app.ApiClientAsync(Demo.Admin);
        var laptop = await RegisterAsync(keeper, "SN-RACE-1");
        var answers = await Task.WhenAll(
            keeper.PostAsJsonAsync($"/api/assets/{laptop}/issue", new IssueAssetCommand(Demo.Clerk), Json),
            admin.PostAsJsonAsync($"/api/assets/{laptop}/issue", new IssueAssetCommand(Demo.SectionOfficer), Json));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.NoContent);
        var loser = answers.Single(a => a.StatusCode != HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
        Assert.Contains(JsonDocument.Parse(await loser.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString(), new[] { "not_in_store", "asset_changed" });
        Assert.Equal(2, await app.WithDbAsync(db => db.AssetEvents.CountAsync(e => e.AssetId == laptop)));   // registered, issued once
    }

    [Fact]
    public async Task StatusChanges_FollowTheRules_AndALostLaptopNeedsANote()
    {
        var keeper = await KeeperAsync();
        var laptop = await RegisterAsync(keeper, "SN-STATUS-1");
        await ProblemAsync(await keeper.PostAsJsonAsync($"/api/assets/{laptop}/status", new ChangeAssetStatusCommand(AssetStatus.Lost, null), Json), HttpStatusCode.BadRequest, "required");
        await ProblemAsync(await keeper.PostAsJsonAsync($"/api/assets/{laptop}/status", new ChangeAssetStatusCommand(AssetStatus.Issued, null), Json), HttpStatusCode.BadRequest, "use_issue");
        Assert.Equal(HttpStatusCode.NoContent, (await keeper.PostAsJsonAsync($"/api/assets/{laptop}/status", new ChangeAssetStatusCommand(AssetStatus.UnderRepair, "Keyboard"), Json)).StatusCode);
        await ProblemAsync(await keeper.PostAsJsonAsync($"/api/assets/{laptop}/issue", new IssueAssetCommand(Demo.Clerk), Json), HttpStatusCode.Conflict, "not_in_store");
        Assert.Equal(HttpStatusCode.NoContent, (await keeper.PostAsJsonAsync($"/api/assets/{laptop}/status", new ChangeAssetStatusCommand(AssetStatus.Disposed, "Beyond repair; auctioned"), Json)).StatusCode);
        await ProblemAsync(await keeper.PostAsJsonAsync($"/api/assets/{laptop}/status", new ChangeAssetStatusCommand(AssetStatus.InStore, null), Json), HttpStatusCode.Conflict, "asset_disposed");
    }

    [Fact]
    public async Task TheConnectionCheck_MeasuresThroughTheProbe_IsJudged_AndFeedsTheReadinessView()
    {
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        await ProblemAsync(await clerk.PutAsJsonAsync("/api/connection", new HomeConnectionCommand(ConnectionType.None, null, 50), Json), HttpStatusCode.BadRequest, "plan_needs_type");
        Assert.Equal(HttpStatusCode.NoContent, (await clerk.PutAsJsonAsync("/api/connection", new HomeConnectionCommand(ConnectionType.Broadband, "BSNL Bharat Fibre", 40), Json)).StatusCode);

        // The probe gives incompressible bytes of the size asked, and takes an upload back.
        var probe = await clerk.GetAsync("/api/connection/probe?bytes=1048576");
        var bytes = await probe.Content.ReadAsByteArrayAsync();
        Assert.Equal(1048576, bytes.Length);
        Assert.Contains("no-store", probe.Headers.CacheControl!.ToString());
        Assert.True(bytes.Distinct().Count() > 250, "random bytes");
        var uploaded = await clerk.PostAsync("/api/connection/probe", new ByteArrayContent(new byte[300_000]));
        Assert.Equal(300_000, (await uploaded.Content.ReadFromJsonAsync<ProbeAnswer>())!.Bytes);

        await ProblemAsync(await clerk.PostAsJsonAsync("/api/connection/checks", new ConnectionCheckCommand(double.MaxValue, 1, 10, 1, 10), Json), HttpStatusCode.BadRequest, "implausible_measurement");
        var poor = (await (await clerk.PostAsJsonAsync("/api/connection/checks", new ConnectionCheckCommand(0.3, 0.1, 900, 50, 10), Json)).Content.ReadFromJsonAsync<ConnectionCheckView>(Json))!;
        Assert.Equal(LinkQuality.Poor, poor.Quality);
        var files = (await (await clerk.PostAsJsonAsync("/api/connection/checks", new ConnectionCheckCommand(1.0, 0.5, 400, 30, 10), Json)).Content.ReadFromJsonAsync<ConnectionCheckView>(Json))!;
        Assert.Equal(LinkQuality.FilesOnly, files.Quality);
        var good = (await (await clerk.PostAsJsonAsync("/api/connection/checks", new ConnectionCheckCommand(24.5, 8.2, 38, 4, 10), Json)).Content.ReadFromJsonAsync<ConnectionCheckView>(Json))!;
        Assert.Equal(LinkQuality.Good, good.Quality);
        var mine = (await clerk.GetFromJsonAsync<MyConnectionView>("/api/connection", Json))!;
        Assert.True(mine.Passing);
        Assert.Equal("BSNL Bharat Fibre", mine.Provider);

        // The ASO sees it for the post below; the readiness view has both new columns, without WorkFromHome knowing of them.
        var below = (await (await app.ApiClientAsync("RJ100012")).GetFromJsonAsync<List<ConnectionRow>>("/api/connection/below", Json))!;
        Assert.Contains(below, r => r.Code == Demo.Clerk && r.Passing && r.LastCheck!.Quality == LinkQuality.Good);
        var admin = await app.ApiClientAsync(Demo.Admin);
        var office = await OfficeAsync();
        var readiness = JsonDocument.Parse(await admin.GetStringAsync($"/api/work-from-home/readiness?office={office}")).RootElement;
        var keys = readiness.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("key").GetString()).ToList();
        Assert.Contains("device", keys);
        Assert.Contains("connection", keys);
        var clerkId = await app.EmployeeIdAsync(Demo.Clerk);
        var row = readiness.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("employeeId").GetInt32() == clerkId);
        Assert.True(row.GetProperty("facts").GetProperty("connection").GetBoolean());
    }

    [Fact]
    public async Task ThePages_AskRegisterIssueAcknowledge_AndRefuseBadInputInWords()
    {
        await KeeperAsync();
        var clerk = await app.SignInAsync(Demo.Clerk);
        var empty = await DaftarFactory.PostFormAsync(clerk, "/Assets", new() { ["Kind"] = "Tablet", ["Reason"] = "" }, "Request");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Say why you need it", await empty.Content.ReadAsStringAsync());
        var asked = await DaftarFactory.PostFormAsync(clerk, "/Assets", new() { ["Kind"] = "Tablet", ["Reason"] = "Field inspections of e-Mitra kiosks." }, "Request");
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var mine = await DaftarFactory.PageAsync(clerk, "/Assets");
        Assert.Contains("Field inspections of e-Mitra kiosks.", mine.QuerySelector("#my-requests")!.TextContent);

        // The store keeper registers through the page: a duplicate serial is refused in words and registers nothing.
        var keeper = await app.SignInAsync(Keeper);
        var fields = new Dictionary<string, string> { ["NewKind"] = "Tablet", ["Make"] = "Samsung", ["Model"] = "Galaxy Tab A9", ["SerialNumber"] = "SN-PAGE-1", ["Tag"] = "PAGE-1", ["Cost"] = "17999" };
        var registered = await DaftarFactory.PostFormAsync(keeper, "/Assets/Store", fields, "Register");
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var again = await DaftarFactory.PostFormAsync(keeper, "/Assets/Store", fields.Where(f => f.Key != "Tag").Append(new("Tag", "PAGE-2")).ToDictionary(), "Register");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Another asset already has this serial number.", await again.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.Assets.CountAsync(a => a.SerialNumber == "SN-PAGE-1")));
        var store = await DaftarFactory.PageAsync(keeper, "/Assets/Store");
        Assert.NotNull(store.QuerySelector("#stock-counts tr[data-kind=Tablet]"));

        // The ASO approves on the requests page; the keeper issues the tablet for the request by its tag.
        var request = await app.WithDbAsync(db => db.EquipmentRequests.Where(r => r.Reason == "Field inspections of e-Mitra kiosks.").Select(r => r.Id).SingleAsync());
        var aso = await app.SignInAsync("RJ100012");
        Assert.Equal(HttpStatusCode.Redirect, (await DaftarFactory.PostFormAsync(aso, "/Assets/Requests", new() { ["decision"] = "Approve", ["remarks"] = "" }, "Decide")).StatusCode);
        var page = await DaftarFactory.PageAsync(keeper, "/Assets/Requests");
        var form = page.QuerySelector($"li[data-id='{request}'] form[action*='handler=Issue']")!;
        var issue = new FormUrlEncodedContent([new("tag", "PAGE-1"), new("__RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]);
        Assert.Equal(HttpStatusCode.Redirect, (await keeper.PostAsync(form.GetAttribute("action"), issue)).StatusCode);

        // The clerk acknowledges on the asset's page: without the tick, refused in words; with it, acknowledged.
        var tablet = await app.WithDbAsync(db => db.Assets.Where(a => a.Tag == "PAGE-1").Select(a => a.Id).SingleAsync());
        var unticked = await DaftarFactory.PostFormAsync(clerk, $"/Assets/Asset?id={tablet}", new(), "Acknowledge");
        Assert.Contains("Tick that you have received the asset.", await unticked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await DaftarFactory.PostFormAsync(clerk, $"/Assets/Asset?id={tablet}", new() { ["confirm"] = "true" }, "Acknowledge")).StatusCode);
        var shown = await DaftarFactory.PageAsync(clerk, $"/Assets/Asset?id={tablet}");
        Assert.Contains("Receipt acknowledged", shown.QuerySelector("#asset-history")!.TextContent);
        // The Collector does not see the clerk's tablet.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync(Demo.Collector)).GetAsync($"/Assets/Asset?id={tablet}")).StatusCode);
    }

    [Fact]
    public async Task TheCheckPage_ServesItsProbes_AndStoresTheResult_WithTheAntiforgeryToken()
    {
        var clerk = await app.SignInAsync(Demo.Clerk);
        var page = await DaftarFactory.PageAsync(clerk, "/Assets/ConnectionCheck");
        var token = page.QuerySelector("#connection-check input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var down = await clerk.GetAsync("/Assets/ConnectionCheck?handler=Probe&bytes=65536");
        Assert.Equal(65536, (await down.Content.ReadAsByteArrayAsync()).Length);
        var up = new HttpRequestMessage(HttpMethod.Post, "/Assets/ConnectionCheck?handler=Probe") { Content = new ByteArrayContent(new byte[100_000]) };
        up.Headers.Add("X-CSRF-TOKEN", token);
        Assert.Equal(100_000, (await (await clerk.SendAsync(up)).Content.ReadFromJsonAsync<ProbeAnswer>())!.Bytes);
        var forged = new HttpRequestMessage(HttpMethod.Post, "/Assets/ConnectionCheck?handler=Result") { Content = JsonContent.Create(new ConnectionCheckCommand(30, 10, 20, 2, 10)) };
        Assert.Equal(HttpStatusCode.BadRequest, (await clerk.SendAsync(forged)).StatusCode);   // no antiforgery token
        var result = new HttpRequestMessage(HttpMethod.Post, "/Assets/ConnectionCheck?handler=Result") { Content = JsonContent.Create(new ConnectionCheckCommand(30, 10, 20, 2, 10)) };
        result.Headers.Add("X-CSRF-TOKEN", token);
        var answer = JsonDocument.Parse(await (await clerk.SendAsync(result)).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Good", answer.GetProperty("quality").GetString());
        Assert.Equal("Good: video meetings and file work will work.", answer.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task SomeoneWhoStillHoldsTheOfficesLaptop_IsNotRelievedFromItOrTheService_UntilItIsReturned()
    {
        var keeper = await KeeperAsync();
        var laptop = await RegisterAsync(keeper, "SN-RELIEVE-1");
        const string ds = "RJ100010";   // Deputy Secretary, DoIT&C: the office of the laptop
        Assert.Equal(HttpStatusCode.NoContent, (await keeper.PostAsJsonAsync($"/api/assets/{laptop}/issue", new IssueAssetCommand(ds), Json)).StatusCode);
        var admin = await app.ApiClientAsync(Demo.Admin);
        var employee = await app.EmployeeIdAsync(ds);
        var posting = await app.WithDbAsync(db => db.PostAssignments.Where(a => a.EmployeeId == employee && a.To == null).Select(a => a.Id).FirstAsync());
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(5.5)).AddDays(-1);

        var refused = await ProblemAsync(await admin.PostAsJsonAsync($"/api/assignments/{posting}/end", new Daftar.Web.Features.People.EndAssignmentCommand(yesterday)), HttpStatusCode.Conflict, "still_holds");
        Assert.Contains("T-SN-RELIEVE-1", refused.GetProperty("detail").GetString());
        var person = await app.WithDbAsync(db => db.Employees.Where(e => e.Id == employee).Select(e => new { e.NameEn, e.NameHi, e.Email, e.Mobile }).SingleAsync());
        await ProblemAsync(await admin.PutAsJsonAsync($"/api/employees/{employee}",
            new Daftar.Web.Features.People.SaveEmployeeCommand(null, person.NameEn, person.NameHi, person.Email, person.Mobile, IsActive: false, EndPostings: true)), HttpStatusCode.Conflict, "still_holds");
        Assert.Null(await app.WithDbAsync(db => db.PostAssignments.Where(a => a.Id == posting).Select(a => a.To).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.Employees.Where(e => e.Id == employee).Select(e => e.IsActive).SingleAsync()));

        Assert.Equal(HttpStatusCode.NoContent, (await keeper.PostAsJsonAsync($"/api/assets/{laptop}/return", new ReturnAssetCommand("Good"), Json)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/assignments/{posting}/end", new Daftar.Web.Features.People.EndAssignmentCommand(yesterday))).StatusCode);
    }

    [Fact]
    public async Task ARegister_IsImportedAllOrNothing_WithEveryErrorsRowAndColumn_OrItsValidRowsOnly()
    {
        var keeper = await KeeperAsync();
        await RegisterAsync(keeper, "SN-IMP-TAKEN");
        const string csv = """
            office,kind,make,model,serial_number,tag,purchase_order,purchased_on,cost,warranty_ends
            SECT-DOIT,Laptop,HP,ProBook 440,SN-IMP-1,IMP-1,PO/1,2025-04-01,"61,500.00",2028-03-31
            SECT-DOIT,Desktop,HP,ProDesk 400,SN-IMP-TAKEN,IMP-2,PO/1,2025-04-01,47800,
            SECT-DOIT,Scanner,Canon,LiDE 300,SN-IMP-3,IMP-3,,,,
            SECT-DOIT,DataCard,JioFi,JMR1140,SN-IMP-1,IMP-4,,01/04/2025,-5,
            DIST-JPR,Laptop,Dell,Latitude,SN-IMP-5,IMP-5,,,,
            SECT-DOIT,SigningToken,ePass,2003,SN-IMP-6,IMP-6,,,650,
            """;
        HttpContent Upload(string mode) => new MultipartFormDataContent
        {
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "file", "register.csv" },
            { new StringContent(mode), "mode" },
        };
        var before = await app.WithDbAsync(db => db.Assets.CountAsync());
        var refused = await keeper.PostAsync("/api/assets/import", Upload("all-or-nothing"));
        Assert.Equal((HttpStatusCode)422, refused.StatusCode);
        var errors = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())).ToList();
        Assert.Contains((3, "serial_number"), errors);   // already registered
        Assert.Contains((4, "kind"), errors);            // no such kind
        Assert.Contains((5, "serial_number"), errors);   // repeats row 2
        Assert.Contains((5, "purchased_on"), errors);
        Assert.Contains((6, "office"), errors);          // not a store the keeper keeps
        Assert.DoesNotContain(errors, e => e.Item1 is 2 or 7);
        Assert.Equal(before, await app.WithDbAsync(db => db.Assets.CountAsync()));

        var valid = await keeper.PostAsync("/api/assets/import", Upload("valid-rows"));
        var answer = (await valid.Content.ReadFromJsonAsync<AssetImportAnswer>(Json))!;
        Assert.True(answer.Applied);
        Assert.Equal(2, answer.Created);
        Assert.Equal(61_500m, await app.WithDbAsync(db => db.Assets.Where(a => a.Tag == "IMP-1").Select(a => a.Cost).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.Assets.AnyAsync(a => a.Tag == "IMP-6" && a.Kind == AssetKind.SigningToken)));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiClientAsync(Demo.Clerk)).PostAsync("/api/assets/import", Upload("valid-rows"))).StatusCode);
    }

    [Fact]
    public async Task AVerificationRound_MarksAssetsSeenOrMissing_AndTheRestShowsUnverified()
    {
        var keeper = await KeeperAsync();
        var office = await OfficeAsync();
        var seen = await RegisterAsync(keeper, "SN-VER-1");
        var missing = await RegisterAsync(keeper, "SN-VER-2");
        await RegisterAsync(keeper, "SN-VER-3");
        await ProblemAsync(await keeper.PostAsJsonAsync($"/api/assets/{seen}/verify", new VerifyAssetCommand(true), Json), HttpStatusCode.Conflict, "no_round");
        Assert.Equal(HttpStatusCode.Created, (await keeper.PostAsync($"/api/assets/offices/{office}/verification", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await keeper.PostAsJsonAsync($"/api/assets/{seen}/verify", new VerifyAssetCommand(true), Json)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await keeper.PostAsJsonAsync($"/api/assets/{missing}/verify", new VerifyAssetCommand(false), Json)).StatusCode);
        var round = (await keeper.GetFromJsonAsync<VerificationView>($"/api/assets/offices/{office}/verification", Json))!;
        var total = await app.WithDbAsync(db => db.Assets.CountAsync(a => a.OfficeId == office && a.Status != AssetStatus.Disposed));
        Assert.Equal((1, 1, total - 2), (round.Seen, round.Missing, round.Unverified));
        Assert.Equal(["T-SN-VER-2"], round.MissingAssets.Select(a => a.Tag));
        Assert.Contains(round.UnverifiedAssets, a => a.Tag == "T-SN-VER-3");
        Assert.DoesNotContain(round.UnverifiedAssets, a => a.Tag is "T-SN-VER-1" or "T-SN-VER-2");

        // A new round starts everything unverified again; a closed round takes no more marks.
        Assert.Equal(HttpStatusCode.NoContent, (await keeper.PostAsync($"/api/assets/offices/{office}/verification/close", null)).StatusCode);
        await ProblemAsync(await keeper.PostAsJsonAsync($"/api/assets/{seen}/verify", new VerifyAssetCommand(true), Json), HttpStatusCode.Conflict, "no_round");
        Assert.Equal(HttpStatusCode.Created, (await keeper.PostAsync($"/api/assets/offices/{office}/verification", null)).StatusCode);
        Assert.Equal(total, (await keeper.GetFromJsonAsync<VerificationView>($"/api/assets/offices/{office}/verification", Json))!.Unverified);

        // The page lists the unverified with a button each; the clerk does not reach the round.
        var page = await DaftarFactory.PageAsync(await app.SignInAsync(Keeper), "/Assets/Store");
        Assert.NotNull(page.QuerySelector("#unverified-assets li[data-tag='T-SN-VER-1'] button[value=true]"));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ApiClientAsync(Demo.Clerk)).GetAsync($"/api/assets/offices/{office}/verification")).StatusCode);
    }

    [Fact]
    public async Task TheDemo_HasALivingInventory_KeepersRequestsAndChecks()
    {
        await app.WithDbAsync(async db =>
        {
            var demo = await db.Assets.Where(a => a.SerialNumber.StartsWith("DEMO")).ToListAsync();
            Assert.InRange(demo.Count, 130, 200);   // "about 150 assets across its offices"
            Assert.True(demo.Select(a => a.OfficeId).Distinct().Count() >= 20);
            Assert.True(demo.Count(a => a.Status == AssetStatus.Issued) >= 20);
            Assert.Contains(demo, a => a.Status == AssetStatus.Issued && a.AcknowledgedAt is null);
            Assert.Contains(demo, a => a.Status == AssetStatus.UnderRepair);
            Assert.True(await db.AssetKeepers.Select(k => k.OfficeId).Distinct().CountAsync() >= 20);
            var stages = await db.EquipmentRequests.Select(r => r.Status).Distinct().ToListAsync();
            Assert.Superset(new HashSet<RequestStatus> { RequestStatus.WithOfficer, RequestStatus.WithStore, RequestStatus.WaitingList }, stages.ToHashSet());
            Assert.Equal(3, await db.ConnectionChecks.Select(c => c.Quality).Distinct().CountAsync());
        });
    }
}
