using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Daftar.Data;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Meetings;

/// <summary>
/// The browser speaks to Janus through Daftar's own origin. What reaches Janus unauthenticated is cut to the one request
/// that starts a session ("create" with a token Daftar signed); "info" is never relayed. A publisher's join is bound to
/// the participant Daftar admitted: its room token must be the one made for its id, and the name the room shows is
/// the one Daftar gave that participant, whatever the page sent — so a guest's token cannot enter as anyone else.
/// </summary>
public static class JanusRelay
{
    public static async Task<IResult> RelayAsync(HttpContext ctx, string server, string? path, VideoSettings video, IHttpClientFactory clients, DaftarDb? db = null)
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
            var bytes = body.ToArray();
            if (!MayRelay(bytes, atRoot: path is null))
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Only a session started with a meeting's token is relayed to the video server.");
            if (db is not null && PublisherJoin(bytes) is { } join)
            {
                var display = join.Id is { } id && join.Room is { } room && join.Token is { } token && SameToken(token, video.RoomToken(target.Name, room, id))
                    ? await db.JoinGrants.Where(g => g.JanusId == id && !g.Removed && g.Occurrence.RoomId == room).Select(g => g.Display).FirstOrDefaultAsync(ctx.RequestAborted)
                    : null;
                if (display is null)
                    return Results.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "A participant joins the room only as the participant Daftar admitted.");
                bytes = WithDisplay(bytes, display);
            }
            request.Content = new ByteArrayContent(bytes);
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

    public sealed record Join(long? Room, long? Id, string? Token);

    /// <summary>The room, participant id and token of a VideoRoom publisher's join ("join" or "joinandconfigure"), or null for any other message.</summary>
    public static Join? PublisherJoin(byte[] body)
    {
        try
        {
            var root = JsonNode.Parse(body) as JsonObject;
            if (root?["janus"]?.GetValue<string>() != "message" || root["body"] is not JsonObject message) return null;
            var request = message["request"] is JsonValue r && r.TryGetValue<string>(out var name) ? name : null;
            var ptype = message["ptype"] is JsonValue p && p.TryGetValue<string>(out var kind) ? kind : null;
            if (request is not ("join" or "joinandconfigure") || ptype != "publisher") return null;
            return new Join(Number(message["room"]), Number(message["id"]), message["token"] is JsonValue t && t.TryGetValue<string>(out var token) ? token : null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return new Join(null, null, null);
        }

        static long? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;
    }

    private static bool SameToken(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    /// <summary>The join with the name Daftar gave the participant in place of whatever the page sent.</summary>
    public static byte[] WithDisplay(byte[] body, string display)
    {
        var root = JsonNode.Parse(body)!.AsObject();
        root["body"]!["display"] = display;
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    /// <summary>
    /// What the relay passes to Janus: at its root only "create" carrying a token (Janus checks the token's signature);
    /// within a session anything but "info". A body that is not a JSON object is not passed at all.
    /// </summary>
    public static bool MayRelay(byte[] body, bool atRoot)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object
                || !json.RootElement.TryGetProperty("janus", out var verb) || verb.ValueKind != JsonValueKind.String)
                return false;
            if (verb.ValueEquals("info")) return false;
            return !atRoot || verb.ValueEquals("create") && json.RootElement.TryGetProperty("token", out var token)
                && token.ValueKind == JsonValueKind.String && token.GetString()!.Length > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
