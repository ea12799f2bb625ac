using Daftar.Web.Infrastructure;

namespace Daftar.Web.Features.Meetings;

/// <summary>
/// The browser speaks to Janus through Daftar's own origin. What reaches Janus unauthenticated is cut to the one request
/// that starts a session ("create" with a token Daftar signed); "info" is never relayed.
/// </summary>
public static class JanusRelay
{
    public static async Task<IResult> RelayAsync(HttpContext ctx, string server, string? path, VideoSettings video, IHttpClientFactory clients)
    {
        if (video.Server(server) is not { } target) return Results.NotFound();
        if (path is not null && !path.All(c => char.IsAsciiDigit(c) || c == '/')) return Results.NotFound();
        if (!HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsPost(ctx.Request.Method)) return Results.StatusCode(405);
        var url = $"{target.Url}{(string.IsNullOrEmpty(path) ? "" : "/" + path)}{ctx.Request.QueryString}";
        using var request = new HttpRequestMessage(new HttpMethod(ctx.Request.Method), url);
        if (HttpMethods.IsPost(ctx.Request.Method))
        {
            if (ctx.Request.ContentLength > 256 * 1024) return Results.StatusCode(413);
            using var body = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(body, ctx.RequestAborted);
            if (body.Length > 256 * 1024) return Results.StatusCode(413);
            if (!MayRelay(body.ToArray(), atRoot: path is null))
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Only a session started with a meeting's token is relayed to the video server.");
            request.Content = new ByteArrayContent(body.ToArray());
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }
        try
        {
            using var response = await clients.CreateClient("janus-proxy").SendAsync(request, ctx.RequestAborted);
            var bytes = await response.Content.ReadAsByteArrayAsync(ctx.RequestAborted);
            ctx.Response.StatusCode = (int)response.StatusCode;
            ctx.Response.ContentType = "application/json";
            await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
            return Results.Empty;
        }
        catch (HttpRequestException)
        {
            return Results.Problem(statusCode: 502, detail: "The video server does not answer.");
        }
    }

    /// <summary>
    /// What the relay passes to Janus: at its root only "create" carrying a token (Janus checks the token's signature);
    /// within a session anything but "info". A body that is not a JSON object is not passed at all.
    /// </summary>
    public static bool MayRelay(byte[] body, bool atRoot)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object
                || !json.RootElement.TryGetProperty("janus", out var verb) || verb.ValueKind != System.Text.Json.JsonValueKind.String)
                return false;
            if (verb.ValueEquals("info")) return false;
            return !atRoot || verb.ValueEquals("create") && json.RootElement.TryGetProperty("token", out var token)
                && token.ValueKind == System.Text.Json.JsonValueKind.String && token.GetString()!.Length > 0;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
