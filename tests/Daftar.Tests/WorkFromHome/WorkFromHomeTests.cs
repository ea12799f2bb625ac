using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Daftar.People;
using Daftar.Tests.Infrastructure;
using Daftar.Web.Features.People.Import;
using Daftar.Web.Features.WorkFromHome;
using Daftar.Web.Infrastructure;
using Daftar.WorkFromHome;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.WorkFromHome;

/// <summary>Issue #32 through the API, on the demo organisation: the catalogue and its verdicts, orders, rosters, attendance, exemptions, readiness.</summary>
public class WorkFromHomeTests(DaftarFactory app) : IClassFixture<DaftarFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    private static async Task<string> CodeOfAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("code").GetString()!;
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(5.5));

    [Fact]
    public async Task TheDemoCatalogue_GivesEveryTaskAndPostAVerdictWithReasons_AndDigitisingMovesThem()
    {
        Assert.True(await app.WithDbAsync(db => db.WorkTasks.CountAsync()) >= 40);
        var so = await app.ApiClientAsync(Demo.SectionOfficer);
        var doit = await ReadAsync<CatalogueView>(await so.GetAsync("/api/work-from-home/catalogue"));
        Assert.Equal("DOIT", doit.DepartmentCode);
        Assert.True(doit.CanEdit);
        var dataCentre = doit.Tasks.Single(t => t.Code == "DATA-CENTRE");
        Assert.Equal(Verdict.Office, dataCentre.Assessment.Verdict);
        Assert.Contains(dataCentre.Assessment.Reasons, r => r.Fact == TaskFact.OfficeNetwork);
        Assert.Equal(Verdict.Home, doit.Tasks.Single(t => t.Code == "SOFTWARE").Assessment.Verdict);
        // The programmer runs the data centre: his post is held in the office by that task, and it is named.
        var programmer = doit.Posts.Single(p => p.Code == "PROG-DOIT");
        Assert.Equal(Verdict.Office, programmer.Assessment!.Verdict);
        Assert.Equal("State data centre operations", programmer.DecidingTaskEn);
        Assert.Equal(Verdict.Home, doit.Posts.Single(p => p.Code == "LDC-DOIT-GR1").Assessment!.Verdict);

        // The administrator asks what would change in the Home department if the arms licence registers were digitised.
        var admin = await app.ApiClientAsync(Demo.Admin);
        var home = await app.WithDbAsync(db => db.Departments.Where(d => d.Code == "HOME").Select(d => d.Id).SingleAsync());
        var before = await ReadAsync<CatalogueView>(await admin.GetAsync($"/api/work-from-home/catalogue?department={home}"));
        var after = await ReadAsync<CatalogueView>(await admin.GetAsync($"/api/work-from-home/catalogue?department={home}&assume=PhysicalRecords"));
        Assert.Equal(Verdict.Partly, before.Tasks.Single(t => t.Code == "ARMS-APPEALS").Assessment.Verdict);
        Assert.Equal(Verdict.Home, after.Tasks.Single(t => t.Code == "ARMS-APPEALS").Assessment.Verdict);
        Assert.Equal([TaskFact.PhysicalRecords], after.Assumed);
        Assert.Equal("invalid_value", await CodeOfAsync(await admin.GetAsync($"/api/work-from-home/catalogue?assume=Teleportation"), HttpStatusCode.BadRequest));
        // Another department's catalogue is not the section officer's to read.
        Assert.Equal(HttpStatusCode.NotFound, (await so.GetAsync($"/api/work-from-home/catalogue?department={home}")).StatusCode);
    }

    [Fact]
    public async Task Tasks_AreKeptBySectionOfficersOfTheDepartment_AndContradictoryFactsAreRefused()
    {
        var so = await app.ApiClientAsync(Demo.SectionOfficer);
        var contradictory = new SaveTaskCommand("WFH-T1", "Secret budget", "गोपनीय बजट", ["GR-1"], [TaskFact.ClassifiedData, TaskFact.OnEFile], null,
            [new PerformerCommand("ASO", Daftar.People.OfficeType.Secretariat)]);
        Assert.Equal("contradictory_facts", await CodeOfAsync(await so.PostAsJsonAsync("/api/work-from-home/tasks", contradictory, Json), HttpStatusCode.BadRequest));
        Assert.Equal(0, await app.WithDbAsync(db => db.WorkTasks.CountAsync(t => t.Code == "WFH-T1")));

        var task = contradictory with { Facts = [TaskFact.OnEFile, TaskFact.PublicDealing] };
        var id = (await ReadAsync<JsonElement>(await so.PostAsJsonAsync("/api/work-from-home/tasks", task, Json), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        Assert.Equal("duplicate_code", await CodeOfAsync(await so.PostAsJsonAsync("/api/work-from-home/tasks", task, Json), HttpStatusCode.Conflict));
        Assert.Equal("not_found", await CodeOfAsync(await so.PostAsJsonAsync("/api/work-from-home/tasks", task with { Code = "WFH-T2", Sections = ["NOPE"] }, Json), HttpStatusCode.BadRequest));

        // The ASO now performs it: their post is "partly" (public dealing), named by this task.
        var catalogue = await ReadAsync<CatalogueView>(await so.GetAsync("/api/work-from-home/catalogue"));
        var aso = catalogue.Posts.Single(p => p.Code == "ASO-DOIT-GR1");
        Assert.Contains(id, aso.TaskIds);
        Assert.Equal(Verdict.Partly, aso.Assessment!.Verdict);

        // One post opts out of it; a clerk may not touch the catalogue; the Collector does not see DoIT's tasks.
        var asoPost = await app.PostIdAsync("ASO-DOIT-GR1");
        Assert.Equal(HttpStatusCode.NoContent, (await so.PutAsJsonAsync($"/api/work-from-home/posts/{asoPost}/tasks", new PostTaskCommand(id, false), Json)).StatusCode);
        catalogue = await ReadAsync<CatalogueView>(await so.GetAsync("/api/work-from-home/catalogue"));
        Assert.DoesNotContain(id, catalogue.Posts.Single(p => p.Code == "ASO-DOIT-GR1").TaskIds);
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PutAsJsonAsync($"/api/work-from-home/tasks/{id}", task, Json)).StatusCode);
        var collector = await app.ApiClientAsync(Demo.Collector);
        Assert.Equal(HttpStatusCode.NotFound, (await collector.PutAsJsonAsync($"/api/work-from-home/tasks/{id}", task, Json)).StatusCode);
        // Every change is in the task's audit trail.
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.ObjectType == "worktask" && e.ObjectId == id.ToString())) >= 2);
    }

    [Fact]
    public async Task TheCollectorsRoster_KeepsTheCap_BringsTheEssentialPostDaily_AndSaysWhatCannotHold()
    {
        var collector = await app.ApiClientAsync(Demo.Collector);
        var office = await app.WithDbAsync(db => db.Offices.Where(o => o.Code == "DIST-JPR").Select(o => o.Id).SingleAsync());
        Assert.Equal("invalid_cap", await CodeOfAsync(await collector.PostAsJsonAsync("/api/work-from-home/orders", new OfficeOrderCommand(office, "X/1", Today, 0, Today, null, []), Json), HttpStatusCode.BadRequest));
        Assert.Equal("invalid_cap", await CodeOfAsync(await collector.PostAsJsonAsync("/api/work-from-home/orders", new OfficeOrderCommand(office, "X/1", Today, 150, Today, null, []), Json), HttpStatusCode.BadRequest));
        var lastWeek = RosterPlannerMonday(Today).AddDays(-14);
        Assert.Equal("past_period", await CodeOfAsync(await collector.PostAsJsonAsync("/api/work-from-home/rosters", new GenerateRosterCommand(office, lastWeek, lastWeek.AddDays(6)), Json), HttpStatusCode.BadRequest));
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsJsonAsync("/api/work-from-home/rosters", new GenerateRosterCommand(office, null, null), Json)).StatusCode);

        var next = RosterPlannerMonday(Today).AddDays(7);
        var id = (await ReadAsync<JsonElement>(await collector.PostAsJsonAsync("/api/work-from-home/rosters", new GenerateRosterCommand(office, next, next.AddDays(5)), Json), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var roster = await ReadAsync<RosterView>(await collector.GetAsync($"/api/work-from-home/rosters/{id}"));
        Assert.Equal(5, roster.People.Count);
        Assert.Equal(3, roster.Cap);   // 60 % of five
        Assert.All(roster.Days, d => Assert.True(d.InOffice <= roster.Cap));
        var collectorRow = roster.People.Single(p => p.PostCode == "COLL-JPR");
        Assert.Equal(RosterRule.Essential, collectorRow.Rule);
        Assert.Equal(roster.Days.Count, collectorRow.OfficeDays);
        // The land records branch wants someone every day, but its only clerk's work needs three days a week: said, with by how much.
        Assert.Contains(roster.Problems, p => p.Code == "section_short" && p.Section == "LR" && p.By == 1);
        Assert.DoesNotContain(roster.Problems, p => p.Code == "over_cap");

        // The Collector puts the ADM in on a full day: the roster answers that the cap is broken by one.
        var adm = await app.EmployeeIdAsync("RJ100038");
        var full = roster.Days.First(d => d.InOffice == roster.Cap && !roster.People.Single(p => p.EmployeeId == adm).Days.Contains(d.Day));
        var edited = await ReadAsync<RosterView>(await collector.PostAsJsonAsync($"/api/work-from-home/rosters/{id}/edits", new EditRosterCommand(full.Day, adm, true), Json));
        Assert.Contains(edited.Problems, p => p.Code == "over_cap" && p.Day == full.Day && p.By == 1);
        Assert.Equal(HttpStatusCode.OK, (await collector.PostAsJsonAsync($"/api/work-from-home/rosters/{id}/edits", new EditRosterCommand(full.Day, adm, false), Json)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await collector.PostAsync($"/api/work-from-home/rosters/{id}/publish", null)).StatusCode);
        Assert.Equal("roster_published", await CodeOfAsync(await collector.PostAsJsonAsync($"/api/work-from-home/rosters/{id}/edits", new EditRosterCommand(full.Day, adm, true), Json), HttpStatusCode.Conflict));

        // The Collector sees his own days; the clerk of DoIT is not on this roster and sees none.
        var mine = await ReadAsync<MyDaysView>(await collector.GetAsync($"/api/work-from-home/my-week?day={next:yyyy-MM-dd}"));
        Assert.Equal(collectorRow.Days, mine.OfficeDays);
        Assert.Empty((await ReadAsync<MyDaysView>(await clerk.GetAsync($"/api/work-from-home/my-week?day={next:yyyy-MM-dd}"))).OfficeDays);
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync($"/api/work-from-home/rosters/{id}")).StatusCode);
    }

    private static DateOnly RosterPlannerMonday(DateOnly day) => RosterPlanner.WeekOf(day);

    [Fact]
    public async Task Attendance_IsMarkedByTheEmployee_AndTheirOfficerSeesItWithTheDaysFileWork()
    {
        var clerk = await app.ApiClientAsync("RJ100006");   // LDC, GAD GR-1
        Assert.Equal("only_leave_ahead", await CodeOfAsync(await clerk.PostAsJsonAsync("/api/work-from-home/attendance", new MarkAttendanceCommand(WorkPlace.Office, Today.AddDays(3)), Json), HttpStatusCode.BadRequest));
        Assert.Equal("mark_too_far", await CodeOfAsync(await clerk.PostAsJsonAsync("/api/work-from-home/attendance", new MarkAttendanceCommand(WorkPlace.Home, Today.AddDays(-1)), Json), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsJsonAsync("/api/work-from-home/attendance", new MarkAttendanceCommand(WorkPlace.Leave, Today.AddDays(3)), Json)).StatusCode);
        var marked = await ReadAsync<MarkedAttendance>(await clerk.PostAsJsonAsync("/api/work-from-home/attendance", new MarkAttendanceCommand(WorkPlace.Home), Json));
        Assert.Equal(WorkPlace.Home, marked.Place);

        // The clerk does the day's work from home: a file created and sent up.
        var head = (await ReadAsync<JsonElement>(await clerk.GetAsync("/api/file-heads")))[0].GetProperty("number").GetInt32();
        var created = await ReadAsync<JsonElement>(await clerk.PostAsJsonAsync("/api/files", new { subject = "घर से कार्य: अवकाश प्रकरण", headNumber = head, category = "Establishment" }), HttpStatusCode.Created);
        var file = created.GetProperty("id").GetInt32();
        await ReadAsync<JsonElement>(await clerk.PostAsJsonAsync($"/api/files/{file}/notes", new { text = "अवलोकनार्थ प्रस्तुत।" }));
        var aso = await app.PostIdAsync("ASO-GAD-GR1");
        Assert.True((await clerk.PostAsJsonAsync($"/api/files/{file}/send", new { toPostId = aso, remarks = "please see" })).IsSuccessStatusCode);

        // The section officer above them sees the register: the clerk at home, one file sent, one note confirmed.
        var officer = await app.ApiClientAsync("RJ100004");   // SO, GAD GR-1
        var register = await ReadAsync<AttendanceRegisterView>(await officer.GetAsync("/api/work-from-home/register"));
        var row = register.Rows.Single(r => r.PostCode == "LDC-GAD-GR1");
        Assert.Equal(WorkPlace.Home, row.Place);
        Assert.Equal(1, row.Activity.FilesSent);
        Assert.Equal(1, row.Activity.NotesConfirmed);
        Assert.Contains(register.Rows, r => r.PostCode == "ASO-GAD-GR1" && r.Place == null);
        Assert.True(register.Unmarked >= 1);
        // The clerk has nobody below: an empty register, not someone else's.
        Assert.Empty((await ReadAsync<AttendanceRegisterView>(await clerk.GetAsync("/api/work-from-home/register"))).Rows);
    }

    [Fact]
    public async Task AnExemption_IsDecidedByTheControllingOfficer_AndKeepsTheEmployeeOutOfTheRoster()
    {
        var udc = await app.ApiClientAsync("RJ100039");   // UDC, Collectorate GEN, under the ADM
        var request = new RequestExemptionCommand(ExemptionReason.Comorbidity, "Diabetic; advised to avoid crowded places.", Today, Today.AddDays(60));
        Assert.Equal("invalid_value", await CodeOfAsync(await udc.PostAsJsonAsync("/api/work-from-home/exemptions", request with { Reason = 0 }, Json), HttpStatusCode.BadRequest));
        var id = (await ReadAsync<JsonElement>(await udc.PostAsJsonAsync("/api/work-from-home/exemptions", request, Json), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.Forbidden, (await udc.PostAsJsonAsync($"/api/work-from-home/exemptions/{id}/decision", new DecideExemptionCommand(true, null), Json)).StatusCode);
        var adm = await app.ApiClientAsync("RJ100038");
        Assert.Equal("reason_required", await CodeOfAsync(await adm.PostAsJsonAsync($"/api/work-from-home/exemptions/{id}/decision", new DecideExemptionCommand(false, ""), Json), HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.NoContent, (await adm.PostAsJsonAsync($"/api/work-from-home/exemptions/{id}/decision", new DecideExemptionCommand(true, "Approved on the CMHO's certificate."), Json)).StatusCode);
        Assert.Equal("exemption_decided", await CodeOfAsync(await adm.PostAsJsonAsync($"/api/work-from-home/exemptions/{id}/decision", new DecideExemptionCommand(false, "no"), Json), HttpStatusCode.Conflict));
        var clerkOfDoit = await app.ApiClientAsync(Demo.Clerk);
        Assert.Equal(HttpStatusCode.NotFound, (await clerkOfDoit.PostAsJsonAsync($"/api/work-from-home/exemptions/{id}/decision", new DecideExemptionCommand(true, null), Json)).StatusCode);

        var collector = await app.ApiClientAsync(Demo.Collector);
        var office = await app.WithDbAsync(db => db.Offices.Where(o => o.Code == "DIST-JPR").Select(o => o.Id).SingleAsync());
        var from = RosterPlanner.WeekOf(Today).AddDays(14);
        var rid = (await ReadAsync<JsonElement>(await collector.PostAsJsonAsync("/api/work-from-home/rosters", new GenerateRosterCommand(office, from, from.AddDays(5)), Json), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var roster = await ReadAsync<RosterView>(await collector.GetAsync($"/api/work-from-home/rosters/{rid}"));
        Assert.Equal((0, RosterRule.Exempt), (roster.People.Single(p => p.PostCode == "UDC-JPR-GEN").OfficeDays, roster.People.Single(p => p.PostCode == "UDC-JPR-GEN").Rule));
        Assert.DoesNotContain(roster.Problems, p => p.Code == "exempt_in");
    }

    [Fact]
    public async Task Readiness_ShowsEveryRegisteredColumn_ToTheHeadOfTheOffice()
    {
        var collector = await app.ApiClientAsync(Demo.Collector);
        var view = await ReadAsync<ReadinessView>(await collector.GetAsync("/api/work-from-home/readiness"));
        // WorkFromHome's own columns, then those Assets adds without WorkFromHome knowing of it.
        Assert.Equal(["signing", "two_factor", "efile_active", "device", "connection"], view.Columns.Select(c => c.Key));
        Assert.Contains(view.Rows, r => r.PostCode == "ADM-JPR");
        var clerk = await app.ApiClientAsync(Demo.Clerk);
        Assert.Equal(HttpStatusCode.NotFound, (await clerk.GetAsync("/api/work-from-home/readiness")).StatusCode);
        // The administrator (two-factor on, by the test factory) sees the IT department's readiness with their own row ready on two-factor.
        await app.SignInAsync(Demo.Admin);   // sets up the administrator's two-factor sign-in
        var admin = await app.ApiClientAsync(Demo.Admin);
        var doit = await ReadAsync<ReadinessView>(await admin.GetAsync("/api/work-from-home/readiness"));
        Assert.True(doit.Rows.Single(r => r.PostCode == "ITNO-DOIT").Facts["two_factor"]);
    }

    [Fact]
    public async Task AWorkReport_IsPrefilledWithTheDaysFiles_RemarkedOnByTheOfficer_AndCountedInTheSectionsWeek()
    {
        var clerk = await app.ApiClientAsync("RJ100024");   // LDC, RD&PR GR-1, under the SO
        var head = (await ReadAsync<JsonElement>(await clerk.GetAsync("/api/file-heads")))[0].GetProperty("number").GetInt32();
        var file = (await ReadAsync<JsonElement>(await clerk.PostAsJsonAsync("/api/files", new { subject = "मनरेगा भुगतान प्रकरण", headNumber = head, category = "Schemes" }), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        await ReadAsync<JsonElement>(await clerk.PostAsJsonAsync($"/api/files/{file}/notes", new { text = "भुगतान हेतु प्रस्तुत।" }));
        Assert.True((await clerk.PostAsJsonAsync($"/api/files/{file}/send", new { toPostId = await app.PostIdAsync("SO-RDPR-GR1"), remarks = "please see" })).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clerk.PostAsJsonAsync("/api/work-from-home/attendance", new MarkAttendanceCommand(WorkPlace.Home), Json)).StatusCode);

        var draft = await ReadAsync<WorkReportDraft>(await clerk.GetAsync("/api/work-from-home/reports/draft"));
        var handled = Assert.Single(draft.Files);
        Assert.Equal(file, handled.FileId);
        Assert.Contains("मनरेगा भुगतान प्रकरण", draft.Text);
        Assert.Equal("empty_report", await CodeOfAsync(await clerk.PostAsJsonAsync("/api/work-from-home/reports", new WorkReportCommand("  "), Json), HttpStatusCode.BadRequest));
        Assert.Equal("report_day", await CodeOfAsync(await clerk.PostAsJsonAsync("/api/work-from-home/reports", new WorkReportCommand("x", Today.AddDays(-5)), Json), HttpStatusCode.BadRequest));
        var id = (await ReadAsync<IdAnswer>(await clerk.PostAsJsonAsync("/api/work-from-home/reports", new WorkReportCommand(draft.Text + "\nगिरदावरी रिपोर्ट का संकलन।"), Json))).Id;

        var officer = await app.ApiClientAsync("RJ100023");   // SO, RD&PR GR-1
        var seen = Assert.Single(await ReadAsync<List<WorkReportView>>(await officer.GetAsync("/api/work-from-home/reports")), r => r.Id == id);
        Assert.True(seen.CanRemark);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsJsonAsync($"/api/work-from-home/reports/{id}/remark", new RemarkCommand("self"), Json)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await officer.PostAsJsonAsync($"/api/work-from-home/reports/{id}/remark", new RemarkCommand("ठीक है।"), Json)).StatusCode);
        Assert.Equal("report_remarked", await CodeOfAsync(await clerk.PostAsJsonAsync("/api/work-from-home/reports", new WorkReportCommand("changed"), Json), HttpStatusCode.Conflict));

        var week = await ReadAsync<WeeklySummary>(await officer.GetAsync("/api/work-from-home/reports/weekly"));
        var row = week.Rows.Single(r => r.PostCode == "LDC-RDPR-GR1");
        Assert.Equal((1, 1, 1, 1), (row.Reports, row.HomeDays, row.FilesSent, row.NotesConfirmed));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ApiClientAsync(Demo.Collector)).GetAsync($"/api/work-from-home/reports/weekly?section={await app.WithDbAsync(db => db.Sections.Where(x => x.Code == "GR-1" && x.Office.Code == "SECT-RDPR").Select(x => x.Id).SingleAsync())}")).StatusCode);
    }

    [Fact]
    public async Task ThePages_MarkAttendance_AndMakeARoster_ThroughTheirForms()
    {
        var udc = await app.SignInAsync("RJ100041");   // UDC, land records, Collectorate
        var marked = await DaftarFactory.PostFormAsync(udc, "/WorkFromHome", new() { ["place"] = "Field" }, "Mark");
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        var page = await DaftarFactory.PageAsync(udc, "/WorkFromHome");
        Assert.Contains("Field or tour", page.QuerySelector("#marked-today")!.TextContent);

        var collector = await app.SignInAsync(Demo.Collector);
        var office = await app.WithDbAsync(db => db.Offices.Where(o => o.Code == "DIST-JPR").Select(o => o.Id).SingleAsync());
        var from = RosterPlanner.WeekOf(Today).AddDays(21);
        var made = await DaftarFactory.PostFormAsync(collector, $"/WorkFromHome/Roster?office={office}",
            new() { ["From"] = from.ToString("yyyy-MM-dd"), ["To"] = from.AddDays(5).ToString("yyyy-MM-dd") }, "Generate");
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var roster = await DaftarFactory.PageAsync(collector, made.Headers.Location!.OriginalString);
        Assert.Equal(5, roster.QuerySelectorAll("#roster-grid tbody tr").Length);
        Assert.NotNull(roster.QuerySelector("#publish"));
        // A cap of 0 % is refused on the page, in words, and nothing is recorded.
        var orders = await app.WithDbAsync(db => db.OfficeOrders.CountAsync());
        var refused = await DaftarFactory.PostFormAsync(collector, $"/WorkFromHome/Roster?office={office}",
            new() { ["OrderNumber"] = "X/2", ["OrderDate"] = Today.ToString("yyyy-MM-dd"), ["CapPercent"] = "0", ["OrderFrom"] = Today.ToString("yyyy-MM-dd") }, "Order");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("The occupancy cap is a share of the staff from 1 to 100 %.", await refused.Content.ReadAsStringAsync());
        Assert.Equal(orders, await app.WithDbAsync(db => db.OfficeOrders.CountAsync()));
    }

    private static MultipartFormDataContent Csv(string csv, string mode = "all-or-nothing") => new()
    {
        { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)) { Headers = { ContentType = new("text/csv") } }, "file", "tasks.csv" },
        { new StringContent(mode), "mode" },
    };

    [Fact]
    public async Task TheCatalogue_IsImportedAllOrNothing_OrItsValidRows_WithEachErrorsRowAndColumn()
    {
        var so = await app.ApiClientAsync(Demo.SectionOfficer);
        const string csv = """
            department,code,name_en,name_hi,sections,facts,note,performers
            DOIT,IMP-1,Help desk for e-Mitra operators,ई-मित्र संचालकों हेतु हेल्प डेस्क,GR-1,OnEFile;PublicDealing,Calls and visits from operators.,ASO:Secretariat
            DOIT,IMP-2,Server room rounds,सर्वर कक्ष निरीक्षण,EGOV,SpecialEquipment;Teleportation,,PROG:Secretariat
            REV,IMP-3,Revenue task,राजस्व कार्य,,OnEFile,,LDC:District
            """;
        var refused = await so.PostAsync("/api/work-from-home/tasks/import", Csv(csv));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var report = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.False(report.GetProperty("applied").GetBoolean());
        var problems = report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())).ToList();
        Assert.Contains((3, "facts"), problems);        // no such fact
        Assert.Contains((4, "department"), problems);   // another department's catalogue
        Assert.Equal(0, await app.WithDbAsync(db => db.WorkTasks.CountAsync(t => t.Code.StartsWith("IMP-"))));

        var applied = await ReadAsync<TaskImportAnswer>(await so.PostAsync("/api/work-from-home/tasks/import", Csv(csv, "valid-rows")));
        Assert.True(applied.Applied);
        Assert.Equal((3, 1, 0, 2), (applied.Rows, applied.Created, applied.Updated, applied.RowsWithErrors));
        var catalogue = await ReadAsync<CatalogueView>(await so.GetAsync("/api/work-from-home/catalogue"));
        Assert.Equal(Verdict.Partly, catalogue.Tasks.Single(t => t.Code == "IMP-1").Assessment.Verdict);
        // Importing the same row again updates the task, it does not add one.
        var again = await ReadAsync<TaskImportAnswer>(await so.PostAsync("/api/work-from-home/tasks/import", Csv(csv, "valid-rows")));
        Assert.Equal((0, 1), (again.Created, again.Updated));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiClientAsync(Demo.Clerk)).PostAsync("/api/work-from-home/tasks/import", Csv(csv))).StatusCode);
    }

    [Fact]
    public async Task AnImportedHoliday_IsNotAWorkingDayOfTheRoster()
    {
        var monday = RosterPlanner.WeekOf(Today).AddDays(35);
        var admin = await app.ApiClientAsync(Demo.Admin);
        var csv = $"date,name_en,name_hi,office\n{monday.AddDays(2):yyyy-MM-dd},Local fair,स्थानीय मेला,DIST-JPR\n2027-13-40,Bad date,गलत तिथि,\n";
        var refused = await admin.PostAsync("/api/work-from-home/holidays/import", new MultipartFormDataContent { { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "file", "holidays.csv" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var applied = await ReadAsync<TaskImportAnswer>(await admin.PostAsync("/api/work-from-home/holidays/import",
            new MultipartFormDataContent { { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "file", "holidays.csv" }, { new StringContent("valid-rows"), "mode" } }));
        Assert.Equal(1, applied.Created);

        var collector = await app.ApiClientAsync(Demo.Collector);
        var office = await app.WithDbAsync(db => db.Offices.Where(o => o.Code == "DIST-JPR").Select(o => o.Id).SingleAsync());
        var id = (await ReadAsync<JsonElement>(await collector.PostAsJsonAsync("/api/work-from-home/rosters", new GenerateRosterCommand(office, monday, monday.AddDays(5)), Json), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var roster = await ReadAsync<RosterView>(await collector.GetAsync($"/api/work-from-home/rosters/{id}"));
        Assert.DoesNotContain(roster.Days, d => d.Day == monday.AddDays(2));
        Assert.Equal([monday.AddDays(2)], roster.Holidays);
        Assert.Equal(5, roster.Days.Count);
    }

    [Fact]
    public async Task BiometricPunches_FillOfficeDays_AndTheMonthsRegisterComesOutInExcel()
    {
        var today = Today;
        var udc = await app.ApiClientAsync("RJ100039");   // UDC, Collectorate GEN, under the ADM
        Assert.Equal(HttpStatusCode.OK, (await udc.PostAsJsonAsync("/api/work-from-home/attendance", new MarkAttendanceCommand(WorkPlace.Home), Json)).StatusCode);
        var admin = await app.ApiClientAsync(Demo.Admin);
        var csv = $"employee_code,date\nRJ100039,{today:yyyy-MM-dd}\nRJ100040,{today:yyyy-MM-dd}\nRJ999999,{today:yyyy-MM-dd}\n";
        var refused = await admin.PostAsync("/api/work-from-home/attendance/punches", new MultipartFormDataContent { { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "file", "punches.csv" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var filled = await ReadAsync<TaskImportAnswer>(await admin.PostAsync("/api/work-from-home/attendance/punches",
            new MultipartFormDataContent { { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "file", "punches.csv" }, { new StringContent("valid-rows"), "mode" } }));
        Assert.Equal(2, filled.Created);   // the UDC's "home" corrected, the LDC's unmarked day filled
        Assert.Equal(HttpStatusCode.Forbidden, (await udc.PostAsync("/api/work-from-home/attendance/punches", new MultipartFormDataContent { { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "file", "punches.csv" } })).StatusCode);

        var adm = await app.ApiClientAsync("RJ100038");
        var workbook = await adm.GetAsync($"/api/work-from-home/register/export?month={today:yyyy-MM}");
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        var rows = Daftar.Web.Features.People.Import.ImportFile.Read(new MemoryStream(await workbook.Content.ReadAsByteArrayAsync()), "register.xlsx");
        var udcRow = rows.Single(r => r["employee_code"] == "RJ100039");
        Assert.Equal("OB", udcRow[today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.Equal("invalid_month", await CodeOfAsync(await adm.GetAsync("/api/work-from-home/register/export?month=2026-13"), HttpStatusCode.BadRequest));
    }
}
