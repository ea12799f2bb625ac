using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Daftar.Load;

/// <summary>
/// The meeting measurement (issue #8, item 10): N officers join one Daftar meeting from Chromium pages with a fake
/// camera and microphone, one after another; for each, the time from opening the join page to the first remote video
/// frame; then Janus's CPU (from /proc/PID/stat) while everyone is in the room, against Janus idle, per participant.
/// Run inside tools/in-media-namespace.sh (bench/meeting.sh does it all).
/// </summary>
public static class MeetingLoad
{
    public static async Task<int> RunAsync(Dictionary<string, string> map)
    {
        var url = map["url"].TrimEnd('/');
        var people = (await File.ReadAllLinesAsync(map["tokens"])).Where(l => l.Contains(',')).Select(l => l.Split(',')).Select(p => (Code: p[0], Token: p[1])).ToList();
        var janusPid = int.Parse(map["janus-pid"], CultureInfo.InvariantCulture);
        var speakers = int.Parse(map.GetValueOrDefault("speakers", "100"), CultureInfo.InvariantCulture);
        var seconds = double.Parse(map.GetValueOrDefault("seconds", "20"), CultureInfo.InvariantCulture);
        var password = map.GetValueOrDefault("password", "Daftar@2026");

        using var http = new HttpClient { BaseAddress = new Uri(url) };
        async Task<JsonElement> Api(HttpMethod method, string path, string token, object? body = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }
        var postIds = new List<int>();
        foreach (var p in people) postIds.Add((await Api(HttpMethod.Get, "/api/me", p.Token)).GetProperty("actingPost").GetProperty("postId").GetInt32());
        var ist = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
        var now = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, ist);
        var meeting = (await Api(HttpMethod.Post, "/api/meetings", people[0].Token, new
        {
            title = "Meeting load",
            purpose = 1,
            chairPostId = postIds[0],
            firstDay = DateOnly.FromDateTime(now),
            startTime = now.ToString("HH:mm", CultureInfo.InvariantCulture),
            durationMinutes = 120,
            postIds = postIds.Skip(1).ToArray(),
            maxSpeakers = Math.Max(2, speakers),
            notify = false,
        })).GetProperty("id").GetInt32();
        var occurrence = (await Api(HttpMethod.Get, $"/api/meetings/{meeting}", people[0].Token)).GetProperty("occurrences")[0].GetProperty("id").GetInt32();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("DAFTAR_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--allow-loopback-in-peer-connection", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
        });

        var idle = await JanusCpuAsync(janusPid, 5);
        Console.WriteLine($"Janus idle: {idle * 100:0.0} % of a core");
        var joins = new List<long>();
        var pages = new List<IPage>();
        foreach (var (p, i) in people.Select((p, i) => (p, i)))
        {
            var context = await browser.NewContextAsync(new() { BaseURL = url, ViewportSize = new() { Width = 640, Height = 480 } });
            context.SetDefaultTimeout(120_000);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/Account/SignIn");
            await page.FillAsync("#Login", p.Code);
            await page.FillAsync("#Password", password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync(u => !u.Contains("/Account/", StringComparison.Ordinal));
            var clock = Stopwatch.StartNew();
            await page.GotoAsync($"/Meetings/Join/{occurrence}");
            if (i == 0) await page.WaitForFunctionAsync("() => window.daftarMeeting && window.daftarMeeting.joined");
            else
            {
                await page.WaitForFunctionAsync("() => window.daftarMeeting && window.daftarMeeting.firstFrameMs !== null");
                joins.Add(clock.ElapsedMilliseconds);
                Console.WriteLine($"participant {i + 1}: first remote frame {clock.ElapsedMilliseconds} ms after opening the page");
            }
            pages.Add(page);
        }
        await Task.Delay(5000); // every subscription settles
        var busy = await JanusCpuAsync(janusPid, seconds);
        var publishing = 0;
        foreach (var page in pages) publishing += await page.EvaluateAsync<bool>("() => window.daftarMeeting.publishing === true") ? 1 : 0;
        var streams = publishing * (people.Count - 1);   // each publisher's video goes to every other participant
        Console.WriteLine($"participants {people.Count}, publishing {publishing}, forwarded streams {streams}");
        Console.WriteLine($"Janus busy: {busy * 100:0.0} % of a core; per participant {(busy - idle) / people.Count * 100:0.00} %; per forwarded stream {(busy - idle) / streams * 100:0.00} %");
        joins.Sort();
        if (joins.Count > 0) Console.WriteLine($"join time p50 {joins[joins.Count / 2]} ms, max {joins[^1]} ms");
        foreach (var page in pages) await page.Context.CloseAsync();
        return 0;
    }

    /// <summary>Janus's CPU use over a span, in cores (user + system ticks from /proc/PID/stat).</summary>
    private static async Task<double> JanusCpuAsync(int pid, double seconds)
    {
        static long Ticks(int pid)
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        var start = Ticks(pid);
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        return (Ticks(pid) - start) / 100.0 / clock.Elapsed.TotalSeconds;
    }
}
