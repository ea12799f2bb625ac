using Microsoft.Extensions.Localization;

namespace Daftar.Web.Infrastructure;

/// <summary>Turns handler results into HTTP answers: the value, or RFC 9457 ProblemDetails in the caller's language.</summary>
public static class ApiResults
{
    public static IResult ToHttp<T>(this Result<T> result, IStringLocalizer localizer, Func<T, IResult> onSuccess)
    {
        if (result.Succeeded) return onSuccess(result.Value!);
        var first = result.Errors[0];
        var status = StatusOf(first.Kind);
        var fieldErrors = result.Errors.Where(e => e.Field is not null)
            .GroupBy(e => e.Field!)
            .ToDictionary(g => g.Key, g => g.Select(localizer.Describe).ToArray());
        var extensions = new Dictionary<string, object?> { ["code"] = first.Code };
        if (status == StatusCodes.Status400BadRequest && fieldErrors.Count > 0)
            return Results.ValidationProblem(fieldErrors, detail: localizer.Describe(first), extensions: extensions, title: localizer["The request has errors."]);
        if (fieldErrors.Count > 0) extensions["errors"] = fieldErrors;
        return Results.Problem(detail: localizer.Describe(first), statusCode: status, extensions: extensions);
    }

    /// <summary>The HTTP status an expected failure of this kind answers with.</summary>
    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status400BadRequest,
    };

    public static IResult NotFound(IStringLocalizer localizer, string what) =>
        Results.Problem(detail: localizer.Describe(Error.NotFound(what)), statusCode: StatusCodes.Status404NotFound,
            extensions: new Dictionary<string, object?> { ["code"] = "not_found" });

    /// <summary>An import over the API: 200 with the report when applied; 422 ProblemDetails carrying the report (each error's row and column) when not.</summary>
    public static IResult ImportAnswer<T>(this Result<T> result, Func<T, bool> applied, IStringLocalizer l)
    {
        if (!result.Succeeded || applied(result.Value!)) return result.ToHttp(l, Results.Ok);
        var fields = System.Text.Json.JsonSerializer.SerializeToElement(result.Value, System.Text.Json.JsonSerializerOptions.Web);
        return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: l["Nothing was imported: the file has errors. Each error names its row and column."],
            extensions: fields.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value));
    }
}

/// <summary>What a create answers: the new record's id.</summary>
public sealed record IdAnswer(int Id);

/// <summary>Where the document just added to a file's correspondence is: its place, and its address in the API.</summary>
public sealed record DocumentAnswer(int Order, string Url);

/// <summary>The file a receipt went into.</summary>
public sealed record FileIdAnswer(int FileId);
