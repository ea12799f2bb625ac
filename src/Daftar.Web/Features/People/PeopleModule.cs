using Daftar.Data;
using Daftar.Web.Features.People.Import;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.People;

/// <summary>The organisation over HTTP: anyone signed in reads; administrators change.</summary>
public static class PeopleModule
{
    public static IServiceCollection AddPeople(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<CurrentOfficer>();
        services.AddScoped<OrganisationDirectory>();
        services.AddScoped<SaveEmployee>();
        services.AddScoped<AssignPost>();
        services.AddScoped<EndAssignment>();
        services.AddScoped<SaveOffice>();
        services.AddScoped<CreateSection>();
        services.AddScoped<SavePost>();
        services.AddScoped<CreateDepartment>();
        services.AddScoped<CreateDesignation>();
        services.AddScoped<EmployeeImporter>();
        services.AddSingleton<ImportJobs>();
        return services;
    }

    public static void MapPeopleApi(this RouteGroupBuilder api)
    {
        api.MapImportApi();
        var read = api.MapGroup("").WithTags("Organisation");
        var admin = api.MapGroup("").WithTags("Organisation").RequireAuthorization(Policies.ApiAdministrator);

        read.MapGet("/offices", (int? parentId, OrganisationDirectory dir, CancellationToken ct) => dir.GetChildOfficesAsync(parentId, ct))
            .WithSummary("Offices directly under a parent office (the top of the tree when parentId is omitted).");
        read.MapGet("/offices/{id:int}", async (int id, OrganisationDirectory dir, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                await dir.GetOfficeAsync(id, ct) is { } office ? Results.Ok(office) : ApiResults.NotFound(l, "Office"))
            .Produces<OfficeDetail>()
            .WithSummary("An office with its path from the top, child offices, sections, posts and their holders.");
        read.MapGet("/posts/{id:int}", async (int id, OrganisationDirectory dir, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                await dir.GetPostAsync(id, ct) is { } post ? Results.Ok(post) : ApiResults.NotFound(l, "Post"))
            .Produces<PostSummary>()
            .WithSummary("A post with its current holders.");
        read.MapGet("/employees/{id:int}", async (int id, OrganisationDirectory dir, CurrentOfficer me, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                var employee = await dir.GetEmployeeAsync(id, ct);
                if (employee is null) return ApiResults.NotFound(l, "Employee");
                return Results.Ok(await CanSeeContactDetailsAsync(me, id, ct) ? employee : employee with { Mobile = null });
            })
            .Produces<EmployeeSummary>()
            .WithSummary("An employee with their postings. The mobile number is shown only to administrators and the employee.");
        read.MapGet("/directory", async (string? q, int? limit, OrganisationDirectory dir, CurrentOfficer me, CancellationToken ct) =>
            {
                var found = await dir.SearchAsync(q, limit ?? 20, ct);
                var officer = await me.GetAsync(ct);
                return officer?.IsAdministrator == true ? found
                    : found with { Employees = found.Employees.Select(e => e with { Mobile = e.Id == officer?.EmployeeId ? e.Mobile : null }).ToList() };
            })
            .Produces<DirectoryResults>()
            .WithSummary("Search employees, posts and offices by name (Hindi or English), code or e-mail.");

        read.MapGet("/departments", (DaftarDb db, CancellationToken ct) => db.Departments.AsNoTracking().OrderBy(d => d.Code)
                .Select(d => new NamedChoice(d.Id, d.Code, d.NameEn, d.NameHi)).ToListAsync(ct))
            .WithSummary("Every department: its id and code, as other requests name them.");
        read.MapGet("/designations", (DaftarDb db, CancellationToken ct) => db.Designations.AsNoTracking().OrderBy(d => d.Level).ThenBy(d => d.Code)
                .Select(d => new DesignationChoice(d.Id, d.Code, d.NameEn, d.NameHi, d.Level)).ToListAsync(ct))
            .WithSummary("Every designation with its level (1 the most senior), for meeting rules and posts.");
        read.MapGet("/offices/{id:int}/sections", (int id, DaftarDb db, CancellationToken ct) => db.Sections.AsNoTracking().Where(s => s.OfficeId == id).OrderBy(s => s.Code)
                .Select(s => new NamedChoice(s.Id, s.Code, s.NameEn, s.NameHi)).ToListAsync(ct))
            .WithSummary("The sections of an office.");

        admin.MapPost("/departments", async (SaveDepartmentCommand cmd, CreateDepartment handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(cmd, ct)).ToHttp(l, id => Results.Created($"/api/departments/{id}", new IdAnswer(id))))
            .Produces<IdAnswer>(StatusCodes.Status201Created)
            .WithSummary("Creates a department (administrators).");
        admin.MapPost("/designations", async (SaveDesignationCommand cmd, CreateDesignation handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(cmd, ct)).ToHttp(l, id => Results.Created($"/api/designations/{id}", new IdAnswer(id))))
            .Produces<IdAnswer>(StatusCodes.Status201Created)
            .WithSummary("Creates a designation with its level (administrators).");
        admin.MapPost("/offices", async (SaveOfficeCommand cmd, SaveOffice handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(null, cmd, ct)).ToHttp(l, id => Results.Created($"/api/offices/{id}", new IdAnswer(id))))
            .Produces<IdAnswer>(StatusCodes.Status201Created)
            .WithSummary("Creates an office under a parent office (administrators).");
        admin.MapPut("/offices/{id:int}", async (int id, SaveOfficeCommand cmd, SaveOffice handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Changes an office (administrators).");
        admin.MapPost("/sections", async (SaveSectionCommand cmd, CreateSection handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(cmd, ct)).ToHttp(l, id => Results.Created($"/api/sections/{id}", new IdAnswer(id))))
            .Produces<IdAnswer>(StatusCodes.Status201Created)
            .WithSummary("Creates a section in an office (administrators).");
        admin.MapPost("/posts", async (SavePostCommand cmd, SavePost handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(null, cmd, ct)).ToHttp(l, id => Results.Created($"/api/posts/{id}", new IdAnswer(id))))
            .Produces<IdAnswer>(StatusCodes.Status201Created)
            .WithSummary("Creates a post: designation, office, section, reporting officer (administrators).");
        admin.MapPut("/posts/{id:int}", async (int id, SavePostCommand cmd, SavePost handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Changes a post (administrators).");
        admin.MapPost("/employees", async (SaveEmployeeCommand cmd, SaveEmployee handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(null, cmd, ct)).ToHttp(l, id => Results.Created($"/api/employees/{id}", new IdAnswer(id))))
            .Produces<IdAnswer>(StatusCodes.Status201Created)
            .WithSummary("Creates an employee (administrators).");
        admin.MapPut("/employees/{id:int}", async (int id, SaveEmployeeCommand cmd, SaveEmployee handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Changes an employee (administrators). Making one who holds posts inactive needs endPostings: true (their postings end yesterday, their posts are vacant today) or false (kept); without it the answer is 409 postings_remain. An inactive employee's sessions and API tokens end at once.");
        admin.MapPost("/employees/{id:int}/assignments", async (int id, AssignPostCommand cmd, AssignPost handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(id, cmd, ct)).ToHttp(l, aid => Results.Created($"/api/assignments/{aid}", new IdAnswer(aid))))
            .Produces<IdAnswer>(StatusCodes.Status201Created)
            .WithSummary("Posts an employee to a post, as primary or additional charge, from a date (administrators).");
        admin.MapPost("/assignments/{id:int}/end", async (int id, EndAssignmentCommand cmd, EndAssignment handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(id, cmd.LastDay, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Ends a posting on its last day (administrators).");

        var accounts = admin.MapGroup("/employees/{id:int}/account").WithTags("Accounts");
        accounts.MapGet("", async (int id, Daftar.Web.Features.Account.AccountQueries handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                await handler.StatusAsync(id, ct) is { } status ? Results.Ok(status) : ApiResults.NotFound(l, "Employee"))
            .Produces<Daftar.Web.Features.Account.AccountStatus>()
            .WithSummary("Whether the employee can sign in, is locked out, uses two-factor sign-in.");
        accounts.MapPost("/temporary-password", async (int id, Daftar.Web.Features.Account.IssueTemporaryPassword handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.HandleAsync(id, ct)).ToHttp(l, Results.Ok))
            .Produces<Daftar.Web.Features.Account.TemporaryPassword>()
            .WithSummary("Opens the employee's account or resets its password; returns a temporary password the officer must change. A reset revokes the account's API tokens and ends its sessions.");
        accounts.MapPost("/unlock", async (int id, Daftar.Web.Features.Account.UnlockAccount handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(id, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Lifts a sign-in lockout.");
        accounts.MapPost("/reset-two-factor", async (int id, Daftar.Web.Features.Account.ResetTwoFactor handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(id, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Turns off two-factor sign-in so the employee can set it up again; their API tokens are revoked and sessions ended.");
        accounts.MapPost("/revoke-tokens", async (int id, Daftar.Web.Features.Account.RevokeApiTokens handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(id, ct)).ToHttp(l, Results.Ok))
            .Produces<Daftar.Web.Features.Account.RevokedTokens>()
            .WithSummary("Revokes every API token of the employee's account (a lost laptop, a leaked token); says how many.");
    }

    private static async Task<bool> CanSeeContactDetailsAsync(CurrentOfficer me, int employeeId, CancellationToken ct) =>
        await me.GetAsync(ct) is { } officer && (officer.IsAdministrator || officer.EmployeeId == employeeId);
}

/// <summary>Something a request names by id, with its code and names.</summary>
public sealed record NamedChoice(int Id, string Code, string NameEn, string NameHi);

public sealed record DesignationChoice(int Id, string Code, string NameEn, string NameHi, int Level);

public sealed record EndAssignmentCommand(DateOnly? LastDay);
