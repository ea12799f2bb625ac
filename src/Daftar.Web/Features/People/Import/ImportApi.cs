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
                return report.Applied ? Results.Ok(report) : Refused(report);
            })
            .DisableAntiforgery()
            .RequireAuthorization(Policies.ApiAdministrator)
            .WithTags("Organisation")
            .WithSummary("Imports the employee master (multipart field 'file'; mode 'all-or-nothing' (default) or 'valid-rows').");

    /// <summary>A refused import is a ProblemDetails like every other API error, with the whole report (each error's row and column) in it.</summary>
    private static IResult Refused(ImportReport report)
    {
        var fields = System.Text.Json.JsonSerializer.SerializeToElement(report, System.Text.Json.JsonSerializerOptions.Web);
        var extensions = fields.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Nothing was imported: the file has errors. Each error names its row and column.",
            extensions: extensions);
    }
}
