using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Daftar.Web.Features.Meetings;
using Microsoft.Extensions.Configuration;

namespace Daftar.Browser.Tests;

/// <summary>
/// With several Janus servers configured, a new room goes on the least loaded one (participants in all its rooms), and a
/// server that does not answer gets no rooms. Runs beside the Janus that test.sh starts, with a second one of its own.
/// </summary>
[Collection(nameof(BrowserCollection))]
public class JanusPlacementTests
{
    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "tools", "janus.sh"))) return dir.FullName;
        throw new InvalidOperationException("tools/janus.sh not found above the test's folder");
    }

    private static async Task<JsonObject> PostAsync(HttpClient http, string url, object body) =>
        (await (await http.PostAsJsonAsync(url, body)).Content.ReadFromJsonAsync<JsonObject>())!;

    [Fact]
    public async Task NewRooms_GoToTheLeastLoadedServer_AndNeverToOneThatDoesNotAnswer()
    {
        var first = Environment.GetEnvironmentVariable("DAFTAR_JANUS_URL");
        Assert.False(string.IsNullOrEmpty(first), "test.sh runs this with Janus started (tools/in-media-namespace.sh)");
        var secondDir = Directory.CreateTempSubdirectory("daftar-janus2-").FullName;
        var start = new ProcessStartInfo(Path.Combine(Root(), "tools", "janus.sh"), ["start", secondDir]) { RedirectStandardError = true };
        foreach (var (k, v) in new Dictionary<string, string>
        {
            ["JANUS_IP"] = "127.0.0.2",
            ["JANUS_PORT"] = "8089",
            ["JANUS_ADMIN_PORT"] = "7089",
            ["JANUS_RTP_PORTS"] = "41000-42000",
            ["JANUS_ADMIN_SECRET"] = "second-admin",
            ["JANUS_ROOM_ADMIN_KEY"] = "second-room-key",
            ["JANUS_TOKEN_SECRET"] = "second-token",
            ["TURN_SECRET"] = "",
        }) start.Environment[k] = v;
        using (var started = Process.Start(start)!)
        {
            await started.WaitForExitAsync();
            Assert.True(started.ExitCode == 0, await started.StandardError.ReadToEndAsync());
        }
        try
        {
            var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Signing:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                ["Janus:Servers:0:Name"] = "down",
                ["Janus:Servers:0:Url"] = "http://127.0.0.2:8099/janus",
                ["Janus:Servers:0:TokenSecret"] = "x",
                ["Janus:Servers:0:RoomAdminKey"] = "x",
                ["Janus:Servers:1:Name"] = "a",
                ["Janus:Servers:1:Url"] = first,
                ["Janus:Servers:1:TokenSecret"] = Environment.GetEnvironmentVariable("DAFTAR_JANUS_TOKEN_SECRET"),
                ["Janus:Servers:1:RoomAdminKey"] = Environment.GetEnvironmentVariable("DAFTAR_JANUS_ROOM_KEY"),
                ["Janus:Servers:2:Name"] = "b",
                ["Janus:Servers:2:Url"] = "http://127.0.0.2:8089/janus",
                ["Janus:Servers:2:TokenSecret"] = "second-token",
                ["Janus:Servers:2:RoomAdminKey"] = "second-room-key",
            }).Build();
            var settings = new VideoSettings(config);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var janus = new JanusClient(http, settings, TimeProvider.System, new RoomPresence());

            // Both empty: the first that answers (the dead one is skipped).
            var a = settings.Server("a")!;
            var b = settings.Server("b")!;
            var baseline = await janus.LoadAsync(a, CancellationToken.None);
            Assert.Equal(0, await janus.LoadAsync(b, CancellationToken.None));
            if (baseline == 0) Assert.Equal("a", (await janus.LeastLoadedAsync(CancellationToken.None))!.Name);

            // Someone in a room on a: new rooms go to b.
            const long room = 4_242_424;
            var roomToken = settings.RoomToken("a", room, 77);
            await janus.CreateRoomAsync(a, room, "placement", 4, [roomToken], CancellationToken.None);
            var token = VideoSettings.JanusToken(a, DateTimeOffset.UtcNow.AddMinutes(5));
            var session = (await PostAsync(http, first!, new { janus = "create", transaction = "1", token }))["data"]!["id"]!.GetValue<long>();
            var handle = (await PostAsync(http, $"{first}/{session}", new { janus = "attach", plugin = "janus.plugin.videoroom", transaction = "2", token }))["data"]!["id"]!.GetValue<long>();
            await PostAsync(http, $"{first}/{session}/{handle}", new { janus = "message", transaction = "3", token, body = new { request = "join", room, ptype = "publisher", id = 77, display = "load", token = roomToken } });
            for (var i = 0; i < 40 && (await janus.ParticipantsAsync(a, room, CancellationToken.None)).All(p => p.Id != 77); i++) await Task.Delay(100);
            Assert.Contains(await janus.ParticipantsAsync(a, room, CancellationToken.None), p => p.Id == 77);
            Assert.True(await janus.LoadAsync(a, CancellationToken.None) >= 1);
            Assert.Equal("b", (await janus.LeastLoadedAsync(CancellationToken.None))!.Name);
            await janus.DestroyRoomAsync(a, room, CancellationToken.None);
        }
        finally
        {
            using var stop = Process.Start(Path.Combine(Root(), "tools", "janus.sh"), ["stop", secondDir]);
            await stop.WaitForExitAsync();
            Directory.Delete(secondDir, recursive: true);
        }
    }
}
