using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Daftar.Web.Features.Meetings;

/// <summary>One Janus instance Daftar may place rooms on (section "Janus:Servers").</summary>
public sealed record JanusServer(string Name, Uri Url, string TokenSecret, string RoomAdminKey);

/// <summary>
/// Video settings: the Janus servers, TURN (coturn with its shared secret, so credentials are short-lived HMACs), and
/// the key room secrets are derived from (never stored, never sent to a browser).
/// </summary>
public sealed class VideoSettings
{
    public VideoSettings(IConfiguration config)
    {
        Servers = config.GetSection("Janus:Servers").GetChildren()
            .Where(s => !string.IsNullOrWhiteSpace(s["Url"]))
            .Select(s => new JanusServer(s["Name"] ?? "janus", new Uri(s["Url"]!.TrimEnd('/')), s["TokenSecret"] ?? "", s["RoomAdminKey"] ?? ""))
            .ToList();
        TurnUrls = (config["Turn:Urls"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        TurnSecret = config["Turn:Secret"];
        TurnLifetime = TimeSpan.FromHours(config.GetValue("Turn:CredentialHours", 12.0));
        _roomKey = HMACSHA256.HashData(Infrastructure.MasterKeyFile.Read(config), "daftar janus rooms"u8);
    }

    private readonly byte[] _roomKey;

    public IReadOnlyList<JanusServer> Servers { get; }
    public string[] TurnUrls { get; }
    public string? TurnSecret { get; }
    public TimeSpan TurnLifetime { get; }
    public bool HasJanus => Servers.Count > 0;

    public JanusServer? Server(string? name) => Servers.FirstOrDefault(s => s.Name == name);

    /// <summary>The room's secret (needed to moderate, allow, destroy): derived from the installation key, so nothing is stored.</summary>
    public string RoomSecret(string server, long room) => Derive($"secret:{server}:{room}");

    /// <summary>What a participant presents to join the room (the room's "allowed" list): bound to the room and participant id.</summary>
    public string RoomToken(string server, long room, long participant) => Derive($"token:{server}:{room}:{participant}");

    private string Derive(string what) => Convert.ToHexStringLower(HMACSHA256.HashData(_roomKey, Encoding.UTF8.GetBytes(what)));

    /// <summary>
    /// Janus's signed token (token_auth_secret): "expiry,janus,plugin:HMAC-SHA1". Without one Janus refuses even to open
    /// a session; it expires, and it allows only the VideoRoom plugin.
    /// </summary>
    public static string JanusToken(JanusServer server, DateTimeOffset expires)
    {
        var data = string.Create(CultureInfo.InvariantCulture, $"{expires.ToUnixTimeSeconds()},janus,janus.plugin.videoroom");
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(server.TokenSecret), Encoding.UTF8.GetBytes(data));
        return data + ":" + Convert.ToBase64String(mac);
    }

    /// <summary>coturn's REST-API credentials (use-auth-secret): the user name carries the expiry, the password is its HMAC.</summary>
    public (string User, string Password)? TurnCredentials(string who, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(TurnSecret) || TurnUrls.Length == 0) return null;
        var user = string.Create(CultureInfo.InvariantCulture, $"{(now + TurnLifetime).ToUnixTimeSeconds()}:{who}");
        var password = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(TurnSecret), Encoding.UTF8.GetBytes(user)));
        return (user, password);
    }
}

public sealed record JanusParticipant(long Id, string Display, bool Publisher);

public sealed class JanusException(string message) : Exception(message);

/// <summary>The last listing of each room's participants, kept for <see cref="MaxAge"/> (one page poll).</summary>
public sealed class RoomPresence
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(3);
    private readonly ConcurrentDictionary<(string Server, long Room), (long At, IReadOnlyList<JanusParticipant> Who)> rooms = new();

    public void Saw(string server, long room, IReadOnlyList<JanusParticipant> who) => rooms[(server, room)] = (Environment.TickCount64, who);

    public IReadOnlyList<JanusParticipant>? Recent(string server, long room) =>
        rooms.TryGetValue((server, room), out var seen) && Environment.TickCount64 - seen.At <= MaxAge.TotalMilliseconds ? seen.Who : null;

    public void Forget(string server, long room) => rooms.TryRemove((server, room), out _);
}

/// <summary>
/// Daftar's side of Janus's HTTP API: each call opens a session, attaches to the VideoRoom plugin, sends one
/// synchronous request, and closes the session. Rooms are created with Daftar's admin key and a derived secret; who
/// may join is the room's "allowed" token list.
/// </summary>
public sealed class JanusClient(HttpClient http, VideoSettings settings, TimeProvider clock, RoomPresence presence)
{
    public async Task<JsonObject> RoomRequestAsync(JanusServer server, JsonObject body, CancellationToken ct)
    {
        var token = VideoSettings.JanusToken(server, clock.GetUtcNow().AddMinutes(5));
        var session = await PostAsync(server.Url, new JsonObject { ["janus"] = "create", ["token"] = token }, ct);
        var sessionId = session["data"]!["id"]!.GetValue<long>();
        var sessionUrl = new Uri($"{server.Url}/{sessionId.ToString(CultureInfo.InvariantCulture)}");
        try
        {
            var handle = await PostAsync(sessionUrl, new JsonObject { ["janus"] = "attach", ["plugin"] = "janus.plugin.videoroom", ["token"] = token }, ct);
            var handleId = handle["data"]!["id"]!.GetValue<long>();
            var answer = await PostAsync(new Uri($"{sessionUrl}/{handleId.ToString(CultureInfo.InvariantCulture)}"),
                new JsonObject { ["janus"] = "message", ["body"] = body, ["token"] = token }, ct);
            var data = answer["plugindata"]?["data"]?.AsObject() ?? throw new JanusException("Janus gave no VideoRoom answer.");
            if (data["error"] is { } error) throw new JanusException($"Janus VideoRoom: {error} ({data["error_code"]})");
            return data;
        }
        finally
        {
            try
            {
                await PostAsync(sessionUrl, new JsonObject { ["janus"] = "destroy", ["token"] = token }, CancellationToken.None);
            }
            catch (Exception e) when (e is HttpRequestException or JanusException or TaskCanceledException)
            {
                // The session times out on its own in a minute.
            }
        }
    }

    private async Task<JsonObject> PostAsync(Uri url, JsonObject message, CancellationToken ct)
    {
        message["transaction"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        using var response = await http.PostAsJsonAsync(url, message, ct);
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonObject>(ct) ?? throw new JanusException("Janus gave an empty answer.");
        if (json["janus"]?.GetValue<string>() == "error")
            throw new JanusException($"Janus: {json["error"]?["reason"]} ({json["error"]?["code"]})");
        return json;
    }

    public async Task CreateRoomAsync(JanusServer server, long room, string description, int publishers, IEnumerable<string> allowed, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["request"] = "create",
            ["room"] = room,
            ["admin_key"] = server.RoomAdminKey,
            ["secret"] = settings.RoomSecret(server.Name, room),
            ["description"] = description,
            ["publishers"] = publishers,
            ["is_private"] = true,
            ["permanent"] = false,
            ["notify_joining"] = true,
            ["bitrate"] = 512_000,
            ["allowed"] = new JsonArray(allowed.Select(a => (JsonNode)a).ToArray()),
        };
        await RoomRequestAsync(server, body, ct);
    }

    public async Task<bool> RoomExistsAsync(JanusServer server, long room, CancellationToken ct)
    {
        var data = await RoomRequestAsync(server, new JsonObject { ["request"] = "exists", ["room"] = room }, ct);
        return data["exists"]?.GetValue<bool>() == true;
    }

    public async Task AllowAsync(JanusServer server, long room, IEnumerable<string> tokens, CancellationToken ct) =>
        await RoomRequestAsync(server, new JsonObject
        {
            ["request"] = "allowed",
            ["room"] = room,
            ["secret"] = settings.RoomSecret(server.Name, room),
            ["action"] = "add",
            ["allowed"] = new JsonArray(tokens.Select(a => (JsonNode)a).ToArray()),
        }, ct);

    public async Task DisallowAsync(JanusServer server, long room, string token, CancellationToken ct) =>
        await RoomRequestAsync(server, new JsonObject
        {
            ["request"] = "allowed",
            ["room"] = room,
            ["secret"] = settings.RoomSecret(server.Name, room),
            ["action"] = "remove",
            ["allowed"] = new JsonArray(token),
        }, ct);

    public async Task<IReadOnlyList<JanusParticipant>> ParticipantsAsync(JanusServer server, long room, CancellationToken ct)
    {
        var data = await RoomRequestAsync(server, new JsonObject { ["request"] = "listparticipants", ["room"] = room }, ct);
        var who = data["participants"]?.AsArray()
            .Select(p => new JanusParticipant(p!["id"]!.GetValue<long>(), p["display"]?.GetValue<string>() ?? "", p["publisher"]?.GetValue<bool>() == true))
            .ToList() ?? [];
        presence.Saw(server.Name, room, who);
        return who;
    }

    /// <summary>
    /// Who is in the room as listed at most a poll ago (by the attendance poller or another page): hundreds of watching
    /// pages then cost one listing (four HTTP calls to Janus) per room every few seconds, not one each.
    /// </summary>
    public async Task<IReadOnlyList<JanusParticipant>> RecentParticipantsAsync(JanusServer server, long room, CancellationToken ct) =>
        presence.Recent(server.Name, room) ?? await ParticipantsAsync(server, room, ct);

    public async Task KickAsync(JanusServer server, long room, long participant, CancellationToken ct) =>
        await RoomRequestAsync(server, new JsonObject
        {
            ["request"] = "kick",
            ["room"] = room,
            ["secret"] = settings.RoomSecret(server.Name, room),
            ["id"] = participant,
        }, ct);

    /// <summary>Mutes a participant's microphone in the room itself (Janus stops relaying it), whatever their browser does.</summary>
    public async Task MuteAudioAsync(JanusServer server, long room, long participant, bool mute, CancellationToken ct) =>
        await RoomRequestAsync(server, new JsonObject
        {
            ["request"] = "moderate",
            ["room"] = room,
            ["secret"] = settings.RoomSecret(server.Name, room),
            ["id"] = participant,
            ["mid"] = "0",
            ["mute"] = mute,
        }, ct);

    public async Task DestroyRoomAsync(JanusServer server, long room, CancellationToken ct)
    {
        presence.Forget(server.Name, room);
        await RoomRequestAsync(server, new JsonObject
        {
            ["request"] = "destroy",
            ["room"] = room,
            ["secret"] = settings.RoomSecret(server.Name, room),
        }, ct);
    }

    /// <summary>How busy a server is: the participants in all its rooms (the secret rooms included, listed with the admin key).</summary>
    public async Task<int> LoadAsync(JanusServer server, CancellationToken ct)
    {
        var data = await RoomRequestAsync(server, new JsonObject { ["request"] = "list", ["admin_key"] = server.RoomAdminKey }, ct);
        return data["list"]?.AsArray().Sum(r => r!["num_participants"]?.GetValue<int>() ?? 0) ?? 0;
    }

    /// <summary>The least loaded server that answers; null when none does.</summary>
    public async Task<JanusServer?> LeastLoadedAsync(CancellationToken ct)
    {
        JanusServer? best = null;
        var bestLoad = int.MaxValue;
        foreach (var server in settings.Servers)
        {
            try
            {
                var load = await LoadAsync(server, ct);
                if (load < bestLoad) (best, bestLoad) = (server, load);
            }
            catch (Exception e) when (e is HttpRequestException or JanusException or TaskCanceledException or JsonException)
            {
                // A server that does not answer gets no new rooms.
            }
        }
        return best;
    }
}
