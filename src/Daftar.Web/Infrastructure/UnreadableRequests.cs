using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Infrastructure;

/// <summary>
/// A request the API cannot even read — JSON that does not parse, a value of the wrong type, a name that is not one of
/// an enum's, a query value that is not a number — is answered like any other invalid request: ProblemDetails with a
/// code, the field it concerns and, for an enum, the names it accepts. ASP.NET Core's own answer is a bare 400 that
/// names nothing, which leaves an integrator guessing.
/// </summary>
public static partial class UnreadableRequests
{
    [GeneratedRegex(@"converted to ([\w.+`\[\]]+?)(?:\[\])?\.\s")]
    private static partial Regex TargetType();

    [GeneratedRegex(@"property '([^']+)' could not be mapped")]
    private static partial Regex UnknownProperty();

    [GeneratedRegex(@"parameter ""[^""]*?(\w+)"" from")]
    private static partial Regex Parameter();

    public static IServiceCollection AddUnreadableRequestProblems(this IServiceCollection services) =>
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

    public static IApplicationBuilder UseUnreadableRequestProblems(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            if (!context.Request.Path.StartsWithSegments("/api") || ex.StatusCode != StatusCodes.Status400BadRequest)
            {
                context.Response.StatusCode = ex.StatusCode;
                return;
            }
            var localizer = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            await Result<bool>.Fail(Describe(ex)).ToHttp(localizer, _ => Results.Ok()).ExecuteAsync(context);
        }
    });

    /// <summary>What was wrong with the request, on the field it concerns when that is known.</summary>
    public static Error Describe(BadHttpRequestException ex)
    {
        if (ex.InnerException is JsonException json)
        {
            if (UnknownProperty().Match(json.Message) is { Success: true } unknown)
                return new("unknown_field", "{0} is not a field of this request (see the OpenAPI document).", ErrorKind.Invalid, unknown.Groups[1].Value, unknown.Groups[1].Value);
            var field = FieldOf(json.Path);
            if (field is null) return new("unreadable_body", "The request body is not valid JSON.", ErrorKind.Invalid, "body");
            if (EnumOf(json.Message, field) is { } names)
                return new("invalid_value", "{0} must be one of: {1}.", ErrorKind.Invalid, field, field, string.Join(", ", names));
            return WrongType(field);
        }
        if (Parameter().Match(ex.Message) is { Success: true } parameter)
        {
            return WrongType(parameter.Groups[1].Value);
        }
        return new("unreadable_body", "The request body is missing or cannot be read.", ErrorKind.Invalid, "body");
    }

    private static Error WrongType(string field) =>
        new("invalid_value", "{0} does not have the type the API expects (see the OpenAPI document).", ErrorKind.Invalid, field, field);

    /// <summary>"$.guests[0].email" → "guests[0].email"; the root ("$") names no field.</summary>
    private static string? FieldOf(string? path) =>
        path is null || path == "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>
    /// The names of the enum the value had to be: the type the message names, or — when it names the request's own type
    /// (a record read through its constructor) — the type of the property at <paramref name="field"/>.
    /// </summary>
    private static string[]? EnumOf(string message, string field)
    {
        var match = TargetType().Match(message);
        if (!match.Success) return null;
        var type = Resolve(match.Groups[1].Value);
        if (type is not null && !IsEnum(type))
        {
            var name = field.Split('.')[^1].Split('[')[0];
            type = type.GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase)?.PropertyType;
        }
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return type is { IsEnum: true } ? Enum.GetNames(type) : null;

        static bool IsEnum(Type t) => (Nullable.GetUnderlyingType(t) ?? t).IsEnum;
    }

    private static Type? Resolve(string name)
    {
        if (name.StartsWith("System.Nullable`1[", StringComparison.Ordinal)) name = name["System.Nullable`1[".Length..].TrimEnd(']');
        return typeof(Daftar.People.OfficeType).Assembly.GetType(name) ?? typeof(UnreadableRequests).Assembly.GetType(name);
    }
}
