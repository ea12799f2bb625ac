using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.People.Import;

public static class ImportApi
{
    public static void MapImportApi(this RouteGroupBuilder api) =>
        api.MapPost("/imports/employees", async ([FromForm] IFormFile? file, [FromForm] string? mode, EmployeeImporter importer, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                if (file is null || file.Length == 0)
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Attach a .csv or .xlsx file."] });
                var importMode = string.Equals(mode, "valid-rows", StringComparison.OrdinalIgnoreCase) ? ImportMode.ValidRows : ImportMode.AllOrNothing;
                await using var stream = file.OpenReadStream();
                var report = await importer.ImportAsync(stream, file.FileName, importMode, null, ct);
                var answer = ImportAnswer.From(report, l);
                return report.Applied ? Results.Ok(answer) : Refused(answer);
            })
            .DisableAntiforgery()
            .RequireAuthorization(Policies.ApiAdministrator)
            .WithTags("Organisation")
            .WithSummary("Imports the employee master (multipart field 'file'; mode 'all-or-nothing' (default) or 'valid-rows').")
            .Produces<ImportAnswer>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    /// <summary>A refused import is a ProblemDetails like every other API error, with the whole report (each error's row and column) in it.</summary>
    private static IResult Refused(ImportAnswer report)
    {
        var fields = System.Text.Json.JsonSerializer.SerializeToElement(report, System.Text.Json.JsonSerializerOptions.Web);
        var extensions = fields.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Nothing was imported: the file has errors. Each error names its row and column.",
            extensions: extensions);
    }
}

/// <summary>An import's outcome as the API gives it: every error's message formatted, in the language of Accept-Language.</summary>
public sealed record ImportAnswer(ImportMode Mode, int Rows, int Created, int Updated, int PostingsAdded, int PostsCreated, int RowsWithErrors,
    IReadOnlyList<ImportAnswer.Problem> Errors, bool Applied, double Seconds)
{
    public sealed record Problem(int? Row, string? Column, string Message);

    public static ImportAnswer From(ImportReport report, IStringLocalizer l) =>
        new(report.Mode, report.Rows, report.Created, report.Updated, report.PostingsAdded, report.PostsCreated, report.RowsWithErrors,
            report.Errors.Select(e => new Problem(e.Row, e.Column, l.Describe(e.Message, e.Args))).ToList(), report.Applied, report.Took.TotalSeconds);
}
