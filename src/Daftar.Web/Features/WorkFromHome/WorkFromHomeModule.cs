using Daftar.Web.Infrastructure;
using Daftar.WorkFromHome;
using L = Microsoft.Extensions.Localization.IStringLocalizer<Daftar.Web.SharedResource>;

namespace Daftar.Web.Features.WorkFromHome;

/// <summary>Which work can be done from home, who comes in, attendance and readiness (issue #32, DESIGN 2.6).</summary>
public static class WorkFromHomeModule
{
    public static IServiceCollection AddWorkFromHome(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<WorkFromHomeAccess>();
        services.AddScoped<TaskCatalogue>();
        services.AddScoped<SaveTask>();
        services.AddScoped<OverridePostTask>();
        services.AddScoped<SaveAssessmentRules>();
        services.AddScoped<IssueOfficeOrder>();
        services.AddScoped<SetSectionPresence>();
        services.AddScoped<RosterInputs>();
        services.AddScoped<GenerateRoster>();
        services.AddSingleton<RosterRuns>();
        services.AddScoped<StartRosterRun>();
        services.AddScoped<EditRoster>();
        services.AddScoped<PublishRoster>();
        services.AddScoped<RosterQueries>();
        services.AddScoped<MarkAttendance>();
        services.AddScoped<AttendanceRegister>();
        services.AddScoped<RequestExemption>();
        services.AddScoped<DecideExemption>();
        services.AddScoped<ExemptionQueries>();
        services.AddScoped<OfficeReadiness>();
        services.AddScoped<WorkReportQueries>();
        services.AddScoped<SubmitWorkReport>();
        services.AddScoped<RemarkOnWorkReport>();
        services.AddScoped<ImportTasks>();
        services.AddScoped<ImportHolidays>();
        services.AddScoped<ImportPunches>();
        services.AddScoped<MonthlyRegister>();
        // The readiness columns this area knows; Assets and Training add theirs the same way.
        services.AddScoped<IReadinessFact, SigningReadiness>();
        services.AddScoped<IReadinessFact, TwoFactorReadiness>();
        services.AddScoped<IReadinessFact, EFileReadiness>();
        // Office days of published rosters join the person's calendar feed (the one meetings make).
        services.AddScoped<ICalendarSource, RosterCalendar>();
        return services;
    }

    /// <summary>Reads "PhysicalRecords,OfficeNetwork" (the facts to assume away); null when a name is not a fact.</summary>
    public static TaskFact? ParseFacts(string? list)
    {
        var facts = TaskFact.None;
        foreach (var name in (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<TaskFact>(name, ignoreCase: true, out var fact) || !TaskFacts.All.Contains(fact)) return null;
            facts |= fact;
        }
        return facts;
    }

    /// <summary>An import over the API: 200 with the report when applied; 422 ProblemDetails carrying the report (each error's row and column) when not.</summary>
    private static async Task<IResult> ImportAsync(IFormFile? file, string? mode, Func<Stream, string, People.Import.ImportMode, Task<Result<TaskImportAnswer>>> import, L l)
    {
        if (file is null || file.Length == 0) return Result<TaskImportAnswer>.Fail(WorkFromHomeErrors.NoFile).ToHttp(l, Results.Ok);
        var importMode = string.Equals(mode, "valid-rows", StringComparison.OrdinalIgnoreCase) ? People.Import.ImportMode.ValidRows : People.Import.ImportMode.AllOrNothing;
        await using var stream = file.OpenReadStream();
        return (await import(stream, file.FileName, importMode)).ImportAnswer(a => a.Applied, l);
    }

    public static void MapWorkFromHomeApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/work-from-home").WithTags("Work from home");
        g.MapGet("/catalogue", async (int? department, string? assume, TaskCatalogue catalogue, L l, CancellationToken ct) =>
                ParseFacts(assume) is { } away
                    ? (await catalogue.DepartmentAsync(department, away, ct)).ToHttp(l, Results.Ok)
                    : Result<CatalogueView>.Fail(Error.NotInList("assume")).ToHttp(l, Results.Ok))
            .Produces<CatalogueView>()
            .WithSummary("A department's tasks and posts with their verdicts (Home, Partly, Office) and the reasons; assume = facts to take as no longer true (e.g. PhysicalRecords), to see what would change.");
        g.MapPost("/tasks", async (SaveTaskCommand cmd, SaveTask h, L l, CancellationToken ct) =>
                (await h.HandleAsync(null, cmd, ct)).ToHttp(l, id => Results.Created($"/api/work-from-home/tasks/{id}", new IdAnswer(id))))
            .Produces<IdAnswer>(StatusCodes.Status201Created)
            .WithSummary("Adds a task to a department's catalogue (section officers and above of the department, administrators).");
        g.MapPut("/tasks/{id:int}", async (int id, SaveTaskCommand cmd, SaveTask h, L l, CancellationToken ct) =>
                (await h.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Changes a task: names, sections, facts, the designations and office types that perform it, active or retired.");
        g.MapPost("/tasks/import", async ([Microsoft.AspNetCore.Mvc.FromForm] IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] string? mode, ImportTasks h, L l, CancellationToken ct) =>
                await ImportAsync(file, mode, (stream, name, m) => h.HandleAsync(stream, name, m, ct), l))
            .DisableAntiforgery()
            .Produces<TaskImportAnswer>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Imports tasks from CSV or Excel (multipart field 'file'; mode 'all-or-nothing' (default) or 'valid-rows'). Columns: department, code, name_en, name_hi, sections, facts, note, performers (LDC:Secretariat;ASO:Secretariat).");
        g.MapPost("/holidays/import", async ([Microsoft.AspNetCore.Mvc.FromForm] IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] string? mode, ImportHolidays h, L l, CancellationToken ct) =>
                await ImportAsync(file, mode, (stream, name, m) => h.HandleAsync(stream, name, m, ct), l))
            .DisableAntiforgery()
            .RequireAuthorization(Policies.ApiAdministrator)
            .Produces<TaskImportAnswer>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Imports a holiday calendar from CSV or Excel (administrators). Columns: date (YYYY-MM-DD), name_en, name_hi, office (a code for a local holiday; empty for the state).");
        g.MapPut("/posts/{id:int}/tasks", async (int id, PostTaskCommand cmd, OverridePostTask h, L l, CancellationToken ct) =>
                (await h.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("One post's exception to the catalogue's mapping: performs = true adds a task, false removes one, null clears the exception.");
        g.MapGet("/rules", async (TaskCatalogue catalogue, TimeProvider clock, CancellationToken ct) =>
                Results.Ok(TaskCatalogue.ViewOf(await catalogue.RulesOnAsync(clock.Today(), ct))))
            .Produces<RulesView>()
            .WithSummary("The assessment rules in force today: working days a week and, for each fact, the days a week it holds a person in the office.");
        g.MapPost("/rules", async (AssessmentRulesCommand cmd, SaveAssessmentRules h, L l, CancellationToken ct) =>
                (await h.HandleAsync(cmd, ct)).ToHttp(l, version => Results.Created("/api/work-from-home/rules", new IdAnswer(version))))
            .RequireAuthorization(Policies.ApiAdministrator)
            .Produces<IdAnswer>(StatusCodes.Status201Created)
            .WithSummary("A new version of the assessment rules from a date (administrators); the answer's id is the version.");
        g.MapGet("/offices/{id:int}/orders", async (int id, IssueOfficeOrder h, L l, CancellationToken ct) => (await h.ListAsync(id, ct)).ToHttp(l, Results.Ok))
            .Produces<IReadOnlyList<OfficeOrderView>>()
            .WithSummary("The office's orders (occupancy cap, essential posts, dates), newest first.");
        g.MapPost("/orders", async (OfficeOrderCommand cmd, IssueOfficeOrder h, L l, CancellationToken ct) =>
                (await h.HandleAsync(cmd, null, ct)).ToHttp(l, id => Results.Created($"/api/work-from-home/offices/{cmd.OfficeId}/orders", new IdAnswer(id))))
            .Produces<IdAnswer>(StatusCodes.Status201Created)
            .WithSummary("Records a government order for an office (its head, or an administrator): cap 1–100 % of staff a day, essential posts by code.");
        g.MapGet("/offices/{id:int}/sections", async (int id, SetSectionPresence h, L l, CancellationToken ct) => (await h.ListAsync(id, ct)).ToHttp(l, Results.Ok))
            .Produces<IReadOnlyList<SectionPresenceView>>()
            .WithSummary("The office's sections: active posts and how many must be in the office on every working day (0: nobody).");
        g.MapPut("/sections/{id:int}/presence", async (int id, SectionPresenceCommand cmd, SetSectionPresence h, L l, CancellationToken ct) =>
                (await h.HandleAsync(id, cmd, ct)).ToHttp(l, Results.Ok))
            .Produces<SectionPresenceView>()
            .WithSummary("Sets how many of a section's people rosters keep in the office each working day, 0 to its number of posts (the office head, or an administrator).");
        g.MapPost("/roster-runs", async (RosterRunCommand cmd, StartRosterRun h, L l, CancellationToken ct) =>
                (await h.HandleAsync(cmd, ct)).ToHttp(l, run => Results.Accepted($"/api/work-from-home/roster-runs/{run.Id}", run)))
            .RequireAuthorization(Policies.ApiAdministrator)
            .Produces<RosterRunView>(StatusCodes.Status202Accepted)
            .WithSummary("Starts draft rosters for every office of a department (departmentId) or of the state, for one period (next week when left out), in the background (administrators); poll the answer's address for progress.");
        g.MapGet("/roster-runs/{id:guid}", async (Guid id, StartRosterRun h, L l, CancellationToken ct) => (await h.GetAsync(id, ct)).ToHttp(l, Results.Ok))
            .Produces<RosterRunView>()
            .WithSummary("Where a roster run stands: offices done of all, drafts made, offices skipped and why (only the account that started it).");
        g.MapGet("/offices/{id:int}/rosters", async (int id, RosterQueries q, L l, CancellationToken ct) => (await q.ListAsync(id, ct)).ToHttp(l, Results.Ok))
            .Produces<IReadOnlyList<RosterSummary>>()
            .WithSummary("The office's rosters, newest first.");
        g.MapPost("/rosters", async (GenerateRosterCommand cmd, GenerateRoster h, L l, CancellationToken ct) =>
                (await h.HandleAsync(cmd, ct)).ToHttp(l, id => Results.Created($"/api/work-from-home/rosters/{id}", new IdAnswer(id))))
            .Produces<IdAnswer>(StatusCodes.Status201Created)
            .WithSummary("Makes a draft roster for an office and a period of at most 31 days (next week when left out), under the office's order.");
        g.MapGet("/rosters/{id:int}", async (int id, RosterQueries q, L l, CancellationToken ct) => (await q.GetAsync(id, ct)).ToHttp(l, Results.Ok))
            .Produces<RosterView>()
            .WithSummary("A roster: who is in on which day, why, and every constraint it breaks with by how much.");
        g.MapPost("/rosters/{id:int}/edits", async (int id, EditRosterCommand cmd, EditRoster h, L l, CancellationToken ct) =>
                (await h.HandleAsync(id, cmd, ct)).ToHttp(l, Results.Ok))
            .Produces<RosterView>()
            .WithSummary("Puts an employee in the office on a day of a draft, or takes them out; the answer is the roster checked again.");
        g.MapPost("/rosters/{id:int}/publish", async (int id, PublishRoster h, L l, CancellationToken ct) =>
                (await h.HandleAsync(id, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Publishes a draft roster and tells everyone on it.");
        g.MapGet("/my-week", async (DateOnly? day, RosterQueries q, L l, CancellationToken ct) => (await q.MyWeekAsync(day, ct)).ToHttp(l, Results.Ok))
            .Produces<MyDaysView>()
            .WithSummary("Your office days in the week of a day (this week when left out), from published rosters.");
        g.MapPost("/attendance", async (MarkAttendanceCommand cmd, MarkAttendance h, L l, CancellationToken ct) => (await h.HandleAsync(cmd, ct)).ToHttp(l, Results.Ok))
            .Produces<MarkedAttendance>()
            .WithSummary("Marks where you work today (Office, Home, Field, Leave), or plans leave on a later day; says whether it differs from the roster.");
        g.MapGet("/register", async (DateOnly? date, AttendanceRegister h, L l, CancellationToken ct) => (await h.HandleAsync(date, ct)).ToHttp(l, Results.Ok))
            .Produces<AttendanceRegisterView>()
            .WithSummary("The attendance register of the posts below you for a day, with who has not marked by 11:00 and each post's e-File work that day.");
        g.MapGet("/register/export", async (string? month, MonthlyRegister h, L l, CancellationToken ct) =>
                (await h.HandleAsync(month, ct)).ToHttp(l, bytes => Results.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"attendance-{month ?? "this-month"}.xlsx")))
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .WithSummary("The month's attendance register of the posts below you as an Excel workbook (month = YYYY-MM, this month when left out): O office, H home, F field, L leave, B from a biometric punch.");
        g.MapPost("/attendance/punches", async ([Microsoft.AspNetCore.Mvc.FromForm] IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] string? mode, ImportPunches h, L l, CancellationToken ct) =>
                await ImportAsync(file, mode, (stream, name, m) => h.HandleAsync(stream, name, m, ct), l))
            .DisableAntiforgery()
            .RequireAuthorization(Policies.ApiAdministrator)
            .Produces<TaskImportAnswer>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Imports biometric punches (CSV or Excel: employee_code, date) to fill office days (administrators); a punch corrects a day marked 'home' and leaves leave and field as they are. 'created' counts the days filled.");
        g.MapGet("/exemptions", async (ExemptionQueries h, L l, CancellationToken ct) => (await h.ListAsync(ct)).ToHttp(l, Results.Ok))
            .Produces<IReadOnlyList<ExemptionView>>()
            .WithSummary("Your exemption requests and those of the posts below you.");
        g.MapPost("/exemptions", async (RequestExemptionCommand cmd, RequestExemption h, L l, CancellationToken ct) =>
                (await h.HandleAsync(cmd, ct)).ToHttp(l, id => Results.Created("/api/work-from-home/exemptions", new IdAnswer(id))))
            .Produces<IdAnswer>(StatusCodes.Status201Created)
            .WithSummary("Asks to be kept out of the office roster for a reason and a period; your controlling officer decides.");
        g.MapPost("/exemptions/{id:int}/decision", async (int id, DecideExemptionCommand cmd, DecideExemption h, L l, CancellationToken ct) =>
                (await h.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Approves or refuses (with a reason) an exemption request from a post below you.");
        g.MapGet("/reports/draft", async (WorkReportQueries h, L l, CancellationToken ct) => (await h.DraftAsync(ct)).ToHttp(l, Results.Ok))
            .Produces<WorkReportDraft>()
            .WithSummary("Today's report, pre-filled with the files your post sent or noted today (or the report you already wrote).");
        g.MapPost("/reports", async (WorkReportCommand cmd, SubmitWorkReport h, L l, CancellationToken ct) => (await h.HandleAsync(cmd, ct)).ToHttp(l, id => Results.Ok(new IdAnswer(id))))
            .Produces<IdAnswer>()
            .WithSummary("Writes (or rewrites) your report of the day's work from home; once your officer has remarked on it, it no longer changes.");
        g.MapGet("/reports", async (DateOnly? date, WorkReportQueries h, L l, CancellationToken ct) => (await h.ListAsync(date, ct)).ToHttp(l, Results.Ok))
            .Produces<IReadOnlyList<WorkReportView>>()
            .WithSummary("Your reports of the last fortnight, and the reports of the posts below you for a day (today when left out).");
        g.MapPost("/reports/{id:int}/remark", async (int id, RemarkCommand cmd, RemarkOnWorkReport h, L l, CancellationToken ct) =>
                (await h.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Remarks on the report of a post below you.");
        g.MapGet("/reports/weekly", async (int? section, DateOnly? day, WorkReportQueries h, L l, CancellationToken ct) => (await h.WeeklyAsync(section, day, ct)).ToHttp(l, Results.Ok))
            .Produces<WeeklySummary>()
            .WithSummary("A section's week (your own section when left out): reports, days at home and in the office, files sent and notes written per person.");
        g.MapGet("/readiness", async (int? office, OfficeReadiness h, L l, CancellationToken ct) => (await h.HandleAsync(office, ct)).ToHttp(l, Results.Ok))
            .Produces<ReadinessView>()
            .WithSummary("Readiness to work from home of each employee of an office (your own office when left out): signing certificate, two-factor, e-File in the last 7 days, and any column another area adds.");
    }
}
