using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HdrHistogram;

namespace Daftar.Load;

/// <summary>
/// Drives a running Daftar over HTTP with virtual users, each signed in (API token) as a real post: a realistic mix of
/// inbox views, opening files, notes, sends, pull-backs, searches, receipts and note signatures, or one operation
/// alone. Reports throughput and p50/p95/p99 per operation from HDR histograms, errors, and the server's CPU and RSS.
///
///   dotnet run --project bench/Daftar.Load -- --url URL --tokens FILE [--users N] [--seconds S] [--mix realistic|inbox|open|note|send|search|diarise|sign]
///       [--rate R] [--server-pid PID] [--json FILE] [--sign-pool N]
///
/// Without --rate every user sends its next request as soon as the last one is answered (a closed loop: throughput at
/// saturation, latencies then mostly queueing). With --rate R requests start on a fixed schedule of R per second spread
/// over the users (an open loop), and each latency is counted from the moment its request was due, so a server that
/// falls behind is charged for the wait too (no coordinated omission): the latency an officer sees at that load.
///
/// Beside it, the limits of this machine: --raw (the database statements alone), --pdf SECONDS [TABS] (Chromium alone)
/// and --sign SECONDS [THREADS] [OFFICER_KEY] [TSA_KEY] (OpenSSL's signing rate beside Daftar's note signature).
///
/// With --mix sign each user first writes and confirms --sign-pool green notes (default 60) before the clock starts, so
/// that the rate is that of signing alone; when a user runs out, it writes the next note untimed between signatures.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length >= 2 && args[0] == "--check-counts")
        {
            // After every phase: a recount of the files must change nothing (kept counts that drift make every later
            // inbox view wrong, and every later run on the kept database measured on them).
            var drift = await RawDatabase.CountDriftAsync(args[1]);
            Console.WriteLine(drift == 0 ? "inbox counts: a recount would change nothing" : $"inbox counts: {drift} posts differ from a recount of their files");
            return drift == 0 ? 0 : 3;
        }
        if (args.Length >= 2 && args[0] == "--raw")
        {
            var map = new Dictionary<string, string>();
            for (var i = 2; i + 1 < args.Length; i += 2) map[args[i].TrimStart('-')] = args[i + 1];
            var posts = await RawDatabase.PostsAsync(map["tokens"], int.Parse(map.GetValueOrDefault("users", "50"), CultureInfo.InvariantCulture));
            return await RawDatabase.MeasureAsync(args[1], posts, posts.Count, double.Parse(map.GetValueOrDefault("seconds", "15"), CultureInfo.InvariantCulture), Console.Out) is null ? 2 : 0;
        }
        if (args.Length >= 1 && args[0] == "--meeting")
        {
            var map = new Dictionary<string, string>();
            for (var i = 1; i + 1 < args.Length; i += 2) map[args[i].TrimStart('-')] = args[i + 1];
            return await MeetingLoad.RunAsync(map);
        }
        if (args.Length >= 1 && args[0] == "--roster")
            return RosterLimit.Run(args.Length >= 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200, args.Length >= 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 50, Console.Out);
        if (args.Length >= 1 && args[0] == "--roster-state")
            return RosterLimit.RunState(args.Length >= 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 56_000, args.Length >= 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 980_000, Console.Out);
        if (args.Length >= 2 && args[0] == "--pdf")
            return await PdfLimit.RunAsync(double.Parse(args[1], CultureInfo.InvariantCulture), args.Length >= 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2);
        if (args.Length >= 2 && args[0] == "--sign")
        {
            SignLimit.Run(double.Parse(args[1], CultureInfo.InvariantCulture), args.Length >= 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : Environment.ProcessorCount,
                args.Length >= 4 ? Enum.Parse<Daftar.Signing.KeyAlgorithm>(args[3], ignoreCase: true) : Daftar.Signing.KeyAlgorithm.Rsa2048,
                args.Length >= 5 ? Enum.Parse<Daftar.Signing.KeyAlgorithm>(args[4], ignoreCase: true) : Daftar.Signing.KeyAlgorithm.EcdsaP256, Console.Out);
            return 0;
        }
        var options = Options.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("Usage: Daftar.Load --url URL --tokens FILE [--users N] [--seconds S] [--mix realistic|<operation>] [--server-pid PID] [--json FILE]");
            return 64;
        }
        var tokens = await LoadUser.ReadAsync(options.TokensFile, options.Users);
        if (tokens.Count == 0)
        {
            Console.Error.WriteLine($"No tokens in {options.TokensFile}; generate them with ./run.sh generate --scale … --tokens FILE.");
            return 1;
        }
        var run = new LoadRun(options, tokens);
        var report = await run.RunAsync();
        report.Print(Console.Out);
        if (options.JsonFile is { } json) await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        return report.Operations.Sum(o => o.Value.Errors) > report.Operations.Sum(o => o.Value.Count) / 20 ? 1 : 0;
    }
}

public sealed record Options(string Url, string TokensFile, int Users, double Seconds, string Mix, int? ServerPid, string? JsonFile, double? Rate = null, int SignPool = 60)
{
    public static Options? Parse(string[] args)
    {
        var map = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2) map[args[i].TrimStart('-')] = args[i + 1];
        if (!map.TryGetValue("url", out var url) || !map.TryGetValue("tokens", out var tokens)) return null;
        return new Options(url.TrimEnd('/'), tokens, int.Parse(map.GetValueOrDefault("users", "50"), CultureInfo.InvariantCulture),
            double.Parse(map.GetValueOrDefault("seconds", "30"), CultureInfo.InvariantCulture), map.GetValueOrDefault("mix", "realistic"),
            map.TryGetValue("server-pid", out var pid) ? int.Parse(pid, CultureInfo.InvariantCulture) : null, map.GetValueOrDefault("json"),
            map.TryGetValue("rate", out var rate) ? double.Parse(rate, CultureInfo.InvariantCulture) : null,
            int.Parse(map.GetValueOrDefault("sign-pool", "60"), CultureInfo.InvariantCulture));
    }
}

/// <summary>A virtual user's API token and, when the tokens file names it (the generator writes token,employee code,post),
/// the post it acts as.</summary>
public sealed record LoadUser(string Token, int? PostId = null)
{
    public static async Task<List<LoadUser>> ReadAsync(string tokensFile, int count) =>
        (await File.ReadAllLinesAsync(tokensFile)).Where(l => l.Contains(',')).Select(l => l.Split(','))
            .Select(f => new LoadUser(f[0], f.Length >= 3 && int.TryParse(f[2], CultureInfo.InvariantCulture, out var post) ? post : null))
            .Take(count).ToList();
}

/// <param name="AppP95Ms">The 95th percentile of how long Daftar took to start its answers (its Server-Timing header): set
/// against <paramref name="P95Ms"/>, it tells whether a slow answer was slow in Daftar or before and after it.</param>
public sealed record OperationResult(long Count, long Errors, long Conflicts, double PerSecond, double P50Ms, double P95Ms, double P99Ms, double MaxMs, double MeanBytes,
    double AppP95Ms, double AppP99Ms);

public sealed record Report(string Mix, int Users, double? Rate, double Seconds, Dictionary<string, OperationResult> Operations, double ServerCpuCores, long ServerPeakRssMb,
    IReadOnlyList<string> SampleErrors, long EmptyHanded = 0)
{
    public void Print(TextWriter o)
    {
        o.WriteLine($"Mix '{Mix}', {Users} virtual users, {Seconds:0} s" + (Rate is { } rate ? $", open loop at {rate:0.#} requests/s" : ", closed loop"));
        o.WriteLine($"{"operation",-10} {"count",8} {"per s",8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"errors",7} {"409",5} {"KB",6} {"app p95",8} {"app p99",8}");
        foreach (var (name, r) in Operations.OrderBy(x => x.Key))
            o.WriteLine($"{name,-10} {r.Count,8} {r.PerSecond,8:0.0} {r.P50Ms,8:0.0} {r.P95Ms,8:0.0} {r.P99Ms,8:0.0} {r.MaxMs,8:0.0} {r.Errors,7} {r.Conflicts,5} {r.MeanBytes / 1024,6:0.0} {r.AppP95Ms,8:0.0} {r.AppP99Ms,8:0.0}");
        if (ServerCpuCores > 0 || ServerPeakRssMb > 0) o.WriteLine($"Server: {ServerCpuCores:0.00} cores busy on average, peak RSS {ServerPeakRssMb} MB");
        if (EmptyHanded > 0)
            o.WriteLine($"Users found no file to act on {EmptyHanded} times (each waited {LoadRun.EmptyHandedWait.TotalSeconds:0.0} s): fewer operations were asked than users could make.");
        foreach (var e in SampleErrors) o.WriteLine("  error: " + e);
    }
}

/// <summary>One run: virtual users loop over operations until the time is up.</summary>
public sealed class LoadRun(Options options, IReadOnlyList<LoadUser> tokens)
{
    private static readonly Dictionary<string, int> Realistic = new()
    {
        ["inbox"] = 40,
        ["open"] = 25,
        ["note"] = 10,
        ["send"] = 10,
        ["search"] = 8,
        ["diarise"] = 3,
        ["sign"] = 2,
    };
    private static readonly string[] Words = ["प्रस्ताव", "स्वीकृति", "budget", "tender", "पंचायत", "Jaipur", "pension", "सड़क", "approval", "laptops", "बजट", "committee"];

    private readonly Dictionary<string, LongConcurrentHistogram> _histograms = new();
    private readonly Dictionary<string, LongConcurrentHistogram> _appTimes = new();
    private readonly Dictionary<string, long[]> _counters = new();   // errors, conflicts, bytes
    private readonly List<string> _errors = [];
    private long _emptyHanded;

    /// <summary>
    /// The longest latency a histogram tells apart (an hour). An open loop far past saturation counts each request from
    /// when it was due, so its latencies grow with the run: longer ones are recorded as this (HdrHistogram throws past
    /// its range, and a search run at 200/s on a state ended with an exception instead of its report).
    /// </summary>
    public const long LongestLatencyMicros = 3_600_000_000;

    /// <summary>A percentile of latencies recorded in microseconds, in milliseconds; 0 when none was recorded (the count
    /// beside it says so; HdrHistogram throws on an empty histogram, which ended a run whose every request failed).</summary>
    public static double Milliseconds(HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile) / 1000.0;

    /// <summary>Records one latency, at most <see cref="LongestLatencyMicros"/>.</summary>
    public static void Record(HistogramBase histogram, long micros) => histogram.RecordValue(Math.Clamp(micros, 1, LongestLatencyMicros));

    /// <summary>How long a user who holds no file waits before looking at its inbox again (not spinning on it untimed).</summary>
    public static readonly TimeSpan EmptyHandedWait = TimeSpan.FromSeconds(0.5);

    public async Task<Report> RunAsync()
    {
        var mix = options.Mix == "realistic" ? Realistic : new Dictionary<string, int> { [options.Mix] = 1 };
        foreach (var name in Realistic.Keys.Append("pullback"))
        {
            _histograms[name] = new LongConcurrentHistogram(1, LongestLatencyMicros, 3);
            _appTimes[name] = new LongConcurrentHistogram(1, LongestLatencyMicros, 3);
            _counters[name] = new long[3];
        }
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Users, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        // Files are sent to the other virtual users' posts, so they stay among the officers of the run: a long run, or the
        // next one, finds as many files to act on as the first (sent to posts outside, the busiest fifty ran dry in a few hours).
        var colleagues = tokens.Where(t => t.PostId is not null).Select(t => t.PostId!.Value).Distinct().ToList();
        var users = tokens.Select(t => new VirtualUser(this, new HttpClient(handler, disposeHandler: false)
        {
            BaseAddress = new Uri(options.Url),
            DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", t.Token) },
            Timeout = TimeSpan.FromSeconds(60),
        }, colleagues.Where(p => p != t.PostId).ToList())).ToList();
        // Every user needs its inbox (and, for signing, a certificate) before the clock starts.
        // Signing alone is timed on notes written and confirmed beforehand, so that its rate is the signing's, not that of
        // the two note writes each signature needs first (in the realistic mix those are written as they come).
        var signPool = mix.Count == 1 && mix.ContainsKey("sign") ? options.SignPool : 0;
        // A user who will search asks once before the clock too, as every user reads its inbox first: the first searches
        // of a new run stalled the 50/s window at state scale (p95 1.1–1.7 s, against 22–37 ms for a run after another).
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (u, _) =>
        {
            await u.PrepareAsync(mix.ContainsKey("sign"), signPool);
            if (mix.ContainsKey("search")) await u.SearchOnceAsync();
        });
        foreach (var h in _histograms.Values.Concat(_appTimes.Values)) h.Reset();
        foreach (var c in _counters.Values) Array.Clear(c);
        Interlocked.Exchange(ref _emptyHanded, 0);

        var sampler = ServerSampler.Start(options.ServerPid);
        var deadline = Stopwatch.StartNew();
        var total = mix.Values.Sum();
        string Pick(Random random)
        {
            var pick = random.Next(total);
            return mix.First(kv => (pick -= kv.Value) < 0).Key;
        }
        if (options.Rate is { } rate) await OpenLoopAsync(users, rate, Pick, deadline);
        else
            await Task.WhenAll(users.Select(u => Task.Run(async () =>
            {
                var random = new Random(u.GetHashCode());
                while (deadline.Elapsed.TotalSeconds < options.Seconds) await u.RunAsync(Pick(random), random);
            })));
        var elapsed = deadline.Elapsed.TotalSeconds;
        var (cores, rss) = sampler.Stop(elapsed);
        var results = _histograms.Where(h => h.Value.TotalCount > 0 || _counters[h.Key][0] > 0).ToDictionary(h => h.Key, h => new OperationResult(
            h.Value.TotalCount, _counters[h.Key][0], _counters[h.Key][1], h.Value.TotalCount / elapsed,
            Milliseconds(h.Value, 50), Milliseconds(h.Value, 95), Milliseconds(h.Value, 99), Milliseconds(h.Value, 100), h.Value.TotalCount == 0 ? 0 : (double)_counters[h.Key][2] / h.Value.TotalCount,
            Milliseconds(_appTimes[h.Key], 95), Milliseconds(_appTimes[h.Key], 99)));
        lock (_errors) return new Report(options.Mix, users.Count, options.Rate, elapsed, results, cores, rss, _errors.Take(10).ToList(), Interlocked.Read(ref _emptyHanded));
    }

    /// <summary>
    /// Request i is due at i / rate seconds; it goes to the next idle user (an officer does one thing at a time). When
    /// every user is busy it waits, and that wait is part of its latency because timing starts when it was due.
    /// </summary>
    private async Task OpenLoopAsync(List<VirtualUser> users, double rate, Func<Random, string> pick, Stopwatch clock)
    {
        var idle = System.Threading.Channels.Channel.CreateUnbounded<VirtualUser>();
        foreach (var u in users) idle.Writer.TryWrite(u);
        var random = new Random(1);
        var running = new List<Task>();
        for (long i = 0; ; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            if (due.TotalSeconds >= options.Seconds) break;
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            var dueTimestamp = Stopwatch.GetTimestamp() - (long)((clock.Elapsed - due).TotalSeconds * Stopwatch.Frequency);
            var user = await idle.Reader.ReadAsync();
            var op = pick(random);
            var seed = random.Next();
            running.Add(Task.Run(async () =>
            {
                try { await user.RunAsync(op, new Random(seed), dueTimestamp); }
                finally { idle.Writer.TryWrite(user); }
            }));
            running.RemoveAll(t => t.IsCompleted);
        }
        await Task.WhenAll(running);
    }

    /// <summary>Times one request; a 2xx counts, a 409 (someone else changed the file) is counted apart, anything else is an error.</summary>
    internal async Task<HttpResponseMessage?> TimeAsync(string op, Func<Task<HttpResponseMessage>> request, long? dueTimestamp = null)
    {
        var started = dueTimestamp ?? Stopwatch.GetTimestamp();
        try
        {
            var response = await request();
            var bytes = (await response.Content.ReadAsByteArrayAsync()).Length;
            var micros = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            if (response.IsSuccessStatusCode)
            {
                Record(_histograms[op], micros);
                if (AppMicros(response) is { } app) Record(_appTimes[op], app);
                Interlocked.Add(ref _counters[op][2], bytes);
                return response;
            }
            if ((int)response.StatusCode == 409) Interlocked.Increment(ref _counters[op][1]);
            else Error(op, $"{op}: {(int)response.StatusCode} {response.RequestMessage?.RequestUri?.PathAndQuery}");
            return null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Error(op, $"{op}: {ex.GetType().Name} {ex.Message}");
            return null;
        }
    }

    /// <summary>How long Daftar took to start the answer, from its <c>Server-Timing: app;dur=…</c> header (milliseconds).</summary>
    internal static long? AppMicros(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Server-Timing", out var values)
        && values.SelectMany(v => v.Split(';')).FirstOrDefault(p => p.StartsWith("dur=", StringComparison.Ordinal)) is { } dur
        && double.TryParse(dur.AsSpan(4), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) ? (long)(ms * 1000) : null;

    private void Error(string op, string message)
    {
        Interlocked.Increment(ref _counters[op][0]);
        lock (_errors) if (_errors.Count < 50) _errors.Add(message);
    }

    internal static string Word(Random random) => Words[random.Next(Words.Length)];

    /// <summary>A user had nothing to act on: counted, and it waits instead of asking for its inbox again at once.</summary>
    internal Task EmptyHandedAsync()
    {
        Interlocked.Increment(ref _emptyHanded);
        return Task.Delay(EmptyHandedWait);
    }
}

/// <summary>One officer: knows the files it holds (from its inbox) and whom it sends to: the other virtual users' posts,
/// or, when the tokens file names no posts, its quick picks.</summary>
public sealed class VirtualUser(LoadRun run, HttpClient http, IReadOnlyList<int> colleagues)
{
    private readonly List<int> _held = [];
    private readonly HashSet<int> _heldSet = [];
    private readonly List<int> _recipients = [];
    private readonly Queue<int> _greenNotes = new();
    private const string Pin = "480263";

    public async Task PrepareAsync(bool signs, int signPool)
    {
        await RefreshAsync();
        if (colleagues.Count > 0) _recipients.AddRange(colleagues);
        else
        {
            var picks = await http.GetFromJsonAsync<JsonElement>("/api/recipients");
            foreach (var p in picks.EnumerateArray()) _recipients.Add(p.GetProperty("postId").GetInt32());
        }
        if (signs)
        {
            await http.PostAsJsonAsync("/api/signing/enrol", new { pin = Pin, confirmPin = Pin, replace = true });
            await http.PostAsJsonAsync("/api/signing/session", new { pin = Pin });
        }
        for (var i = 0; i < signPool && _held.Count > 0; i++)
            if (await GreenNoteAsync(_held[i % _held.Count], i) is { } note) _greenNotes.Enqueue(note);
    }

    /// <summary>Writes and confirms a note of this officer on a file it holds; its id, or null when the file moved on.</summary>
    private async Task<int?> GreenNoteAsync(int file, int seed)
    {
        var saved = await http.PostAsJsonAsync($"/api/files/{file}/notes", new { text = $"Approved. {seed} {Environment.TickCount64}" });
        if (!saved.IsSuccessStatusCode) return null;
        var note = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        return (await http.PostAsync($"/api/notes/{note}/confirm", null)).IsSuccessStatusCode ? note : null;
    }

    /// <summary>One search, untimed, before the clock starts.</summary>
    public async Task SearchOnceAsync()
    {
        using var answer = await http.GetAsync($"/api/search?q={Uri.EscapeDataString(LoadRun.Word(Random.Shared))}");
    }

    private async Task RefreshAsync()
    {
        foreach (var tab in new[] { "opened", "new" }) Remember(await http.GetFromJsonAsync<JsonElement>($"/api/inbox?tab={tab}"));
    }

    /// <summary>The files an inbox page shows are the officer's to act on (some were sent by the other virtual users).</summary>
    private void Remember(JsonElement inbox)
    {
        foreach (var row in inbox.GetProperty("rows").EnumerateArray())
            if (_heldSet.Add(row.GetProperty("id").GetInt32())) _held.Add(row.GetProperty("id").GetInt32());
    }

    /// <param name="due">In an open-loop run, when the operation was due: its latency counts from then.</param>
    public async Task RunAsync(string op, Random random, long? due = null)
    {
        if (_held.Count == 0 && op is "open" or "note" or "send" or "sign")
        {
            await RefreshAsync();
            // An officer whose inbox is empty has nothing to open, note, send or sign (the untimed inbox reads would
            // otherwise repeat as fast as they are answered, and load the server with work the report does not show).
            if (_held.Count == 0)
            {
                await run.EmptyHandedAsync();
                return;
            }
        }
        var file = _held.Count == 0 ? 0 : _held[random.Next(_held.Count)];
        switch (op)
        {
            case "inbox":
                if (await run.TimeAsync(op, () => http.GetAsync($"/api/inbox?tab={(random.Next(2) == 0 ? "new" : "opened")}"), due) is { } page)
                    Remember(await page.Content.ReadFromJsonAsync<JsonElement>());
                break;
            case "open" when file > 0:
                await run.TimeAsync(op, () => http.GetAsync($"/api/files/{file}"), due);
                break;
            case "note" when file > 0:
                await run.TimeAsync(op, () => http.PostAsJsonAsync($"/api/files/{file}/notes", new { text = $"प्रस्ताव अवलोकनार्थ प्रस्तुत है। Load note {random.Next()}." }), due);
                break;
            case "send" when file > 0 && _recipients.Count > 0:
                var to = _recipients[random.Next(_recipients.Count)];
                var sent = await run.TimeAsync(op, () => http.PostAsJsonAsync($"/api/files/{file}/send", new { toPostId = to, remarks = "For approval" }), due);
                // Sent, or refused because it moved on meanwhile (its sender pulled it back): no longer this officer's.
                _held.Remove(file);
                _heldSet.Remove(file);
                // Sent to the wrong post now and then: pulled back at once, before the recipient opens it.
                if (sent is not null && random.Next(5) == 0 && await run.TimeAsync("pullback", () => http.PostAsync($"/api/files/{file}/pull-back", null)) is not null
                    && _heldSet.Add(file))
                    _held.Add(file);
                break;
            case "search":
                await run.TimeAsync(op, () => http.GetAsync($"/api/search?q={Uri.EscapeDataString(LoadRun.Word(random))}"), due);
                break;
            case "diarise":
                await run.TimeAsync(op, () => http.PostAsync("/api/receipts", new MultipartFormDataContent
                {
                    { new StringContent("जिला कलेक्टर"), "sender" }, { new StringContent($"F.{random.Next(1, 99)}/2026/{random.Next(1000)}"), "letterNumber" },
                    { new StringContent("Load test receipt " + LoadRun.Word(random)), "subject" }, { new StringContent("Post"), "mode" },
                }), due);
                break;
            case "sign" when file > 0:
                // A green note of this officer (prepared, or written now), then its signature: only the signing is timed.
                var note = _greenNotes.TryDequeue(out var prepared) ? prepared : await GreenNoteAsync(file, random.Next());
                if (note is null) break;
                await run.TimeAsync(op, () => http.PostAsJsonAsync($"/api/notes/{note}/sign", new { pin = Pin }));
                break;
        }
    }
}

/// <summary>The server's CPU time and resident memory, read from /proc while the run lasts.</summary>
public sealed class ServerSampler
{
    private readonly int? _pid;
    private readonly double _cpuStart;
    private long _peakRssKb;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private ServerSampler(int? pid)
    {
        _pid = pid;
        _cpuStart = CpuSeconds();
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                _peakRssKb = Math.Max(_peakRssKb, RssKb());
                try { await Task.Delay(250, _stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    public static ServerSampler Start(int? pid) => new(pid);

    public (double Cores, long PeakRssMb) Stop(double seconds)
    {
        _stop.Cancel();
        _loop.Wait();
        return _pid is null ? (0, 0) : ((CpuSeconds() - _cpuStart) / seconds, _peakRssKb / 1024);
    }

    private double CpuSeconds()
    {
        if (_pid is not { } pid || !File.Exists($"/proc/{pid}/stat")) return 0;
        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private long RssKb()
    {
        if (_pid is not { } pid || !File.Exists($"/proc/{pid}/status")) return 0;
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
