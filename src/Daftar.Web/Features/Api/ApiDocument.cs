using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace Daftar.Web.Features.Api;

/// <summary>
/// The OpenAPI document an integrator works from alone: OpenAPI 3.0 (what client generators read best), the bearer
/// scheme every /api operation needs, each operation's answers with their bodies, and enums by name.
/// </summary>
public static class ApiDocument
{
    public const string BearerScheme = "bearer";

    public static void AddDaftarOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", o =>
        {
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info.Title = "Daftar API";
                doc.Info.Description = "The same operations as Daftar's pages, for programs. Authenticate with 'Authorization: Bearer <token>'; " +
                    "create a token on the Me page or with './run.sh token create'. Errors are RFC 9457 problem details with a stable 'code' " +
                    "and a 'detail' in the language of Accept-Language (hi or en). Enums travel as their names.";
                doc.Components ??= new OpenApiComponents();
                doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                doc.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An API token of an employee: made on the Me page (My API tokens) or with './run.sh token create --user CODE'.",
                };
                FlattenForms(doc);
                return Task.CompletedTask;
            });
            // Enums are written as names: say that they are strings, so that generators make string enums of them.
            o.AddSchemaTransformer((schema, context, _) =>
            {
                var type = context.JsonTypeInfo.Type;
                var underlying = Nullable.GetUnderlyingType(type) ?? type;
                if (underlying.IsEnum && schema.Enum is { Count: > 0 })
                    schema.Type = underlying == type ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                operation.OperationId ??= OperationId(context.Description.HttpMethod ?? "GET", context.Description.RelativePath ?? "");
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any()) return Task.CompletedTask;
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                return Task.CompletedTask;
            });
        });

    /// <summary>
    /// A multipart body as one object of named fields, files as binary strings: ASP.NET Core describes a form as an allOf
    /// of its parameters with files by reference, which generators read as no fields and byte arrays.
    /// </summary>
    private static void FlattenForms(OpenApiDocument doc)
    {
        var binary = () => new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
        IOpenApiSchema Inline(IOpenApiSchema property) => property switch
        {
            OpenApiSchemaReference { Reference.Id: "IFormFile" } => binary(),
            OpenApiSchemaReference { Reference.Id: "IFormFileCollection" } => new OpenApiSchema { Type = JsonSchemaType.Array, Items = binary() },
            // An optional enum field: its type alone (a form field left out is null), not "null or the enum".
            { OneOf.Count: 2 } when property.OneOf.OfType<OpenApiSchemaReference>().SingleOrDefault() is { } named => named,
            _ => property,
        };
        foreach (var operation in doc.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            if (operation.RequestBody?.Content is not { } content || !content.TryGetValue("multipart/form-data", out var form) || form.Schema is not { AllOf.Count: > 0 } schema)
                continue;
            var fields = new Dictionary<string, IOpenApiSchema>();
            foreach (var part in schema.AllOf)
            {
                var properties = part is OpenApiSchemaReference { Reference.Id: { } id } && doc.Components?.Schemas?.TryGetValue(id, out var target) == true
                    ? target.Properties : part.Properties;
                foreach (var (name, property) in properties ?? new Dictionary<string, IOpenApiSchema>()) fields[name] = Inline(property);
            }
            form.Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = fields };
        }
    }

    /// <summary>
    /// A stable name for each operation, from its method and route: GET api/files/{id} is GetFilesById, POST
    /// api/files/{id}/send is PostFilesSend. Generated clients name their methods after it.
    /// </summary>
    public static string OperationId(string method, string route)
    {
        var segments = route.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        var name = new System.Text.StringBuilder(method.Length > 0 ? char.ToUpperInvariant(method[0]) + method[1..].ToLowerInvariant() : "Get");
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (i == 0 && segment == "api") continue;
            // A parameter names the operation only at the end of the route ({id} → ById, {code}.crt → ByCodeCrt).
            if (segment.StartsWith('{') && i < segments.Length - 1) continue;
            var words = System.Text.RegularExpressions.Regex.Replace(segment, @"\{([A-Za-z]+)[^}]*\}", " By $1 ");
            foreach (var word in words.Split([' ', '-', '.', '_'], StringSplitOptions.RemoveEmptyEntries))
                name.Append(char.ToUpperInvariant(word[0])).Append(word[1..]);
        }
        return name.ToString();
    }

    /// <summary>The failures every API operation can answer with, as problem details (a 400 with the fields' errors).</summary>
    public static RouteGroupBuilder AnswersProblems(this RouteGroupBuilder api)
    {
        api.ProducesValidationProblem();
        foreach (var status in new[] { StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
                     StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests, StatusCodes.Status500InternalServerError })
            api.ProducesProblem(status);
        return api;
    }
}
