using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Daftar.Web.Features.People.Import;

public static class ImportApi
{
    public static void MapImportApi(this RouteGroupBuilder api) =>
        api.MapPost("/imports/employees", async ([FromForm] IFormFile? file, [FromForm] string? mode, EmployeeImporter importer, CancellationToken ct) =>
            {
                if (file is null || file.Length == 0)
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Attach a .csv or .xlsx file."] });
                var importMode = string.Equals(mode, "valid-rows", StringComparison.OrdinalIgnoreCase) ? ImportMode.ValidRows : ImportMode.AllOrNothing;
                await using var stream = file.OpenReadStream();
                var report = await importer.ImportAsync(stream, file.FileName, importMode, null, ct);
                return report.Applied ? Results.Ok(report) : Results.UnprocessableEntity(report);
            })
            .DisableAntiforgery()
            .RequireAuthorization(Policies.ApiAdministrator)
            .WithTags("Organisation")
            .WithSummary("Imports the employee master (multipart field 'file'; mode 'all-or-nothing' (default) or 'valid-rows').");
}
