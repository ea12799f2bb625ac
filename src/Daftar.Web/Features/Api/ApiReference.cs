namespace Daftar.Web.Features.Api;

public static class ApiReference
{
    /// <summary>A browsable reference of the OpenAPI document at /api/docs (Swagger UI, served from the app, no CDN).</summary>
    public static void UseApiReference(this WebApplication app) =>
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "api/docs";
            o.SwaggerEndpoint("/openapi/v1.json", "Daftar API v1");
            o.DocumentTitle = "Daftar API";
        });
}
