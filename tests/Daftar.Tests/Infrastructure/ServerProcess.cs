using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Daftar.Tests.Infrastructure;

/// <summary>
/// Daftar as users run it: a separate `dotnet Daftar.Web.dll` process on a loopback port, over a given database and
/// data folder, that a test can kill outright (SIGKILL) and start again.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _log = new();

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The last lines the server wrote, for a failing test's message.</summary>
    public string RecentLog
    {
        get
        {
            lock (_log) return string.Join('\n', _log);
        }
    }

    public static async Task<ServerProcess> StartAsync(string connectionString, string dataPath, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Daftar.Web.dll"), "--urls", address.ToString().TrimEnd('/')])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataPath,
        };
        start.Environment["Database__Provider"] = TestDatabase.Provider.ToString();
        start.Environment["Database__ConnectionString"] = connectionString;
        start.Environment["Daftar__DataPath"] = dataPath;
        start.Environment["Daftar__SeedDemo"] = "false";
        start.Environment["Signing__MasterKey"] = TestDatabase.MasterKey;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_CONTENTROOT"] = AppContext.BaseDirectory;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) start.Environment[key.Replace(":", "__")] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started");
        var server = new ServerProcess(process, address);
        process.OutputDataReceived += (_, e) => server.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => server.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"Daftar exited with {process.ExitCode} while starting:\n{server.RecentLog}");
            try
            {
                if ((await probe.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK) return server;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException($"Daftar did not answer /healthz within 90 s:\n{server.RecentLog}");
    }

    /// <summary>An API token for an employee of the installation, written before the server starts.</summary>
    public static async Task<string> IssueTokenAsync(string connectionString, string dataPath, string employeeCode)
    {
        await using var setup = new ExistingInstallation(dataPath, connectionString, usesTestMasterKey: true);
        return await setup.WithDbAsync(async db =>
        {
            var account = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users, a => a.UserName == employeeCode);
            var (token, secret) = Daftar.Accounts.ApiToken.Issue(account, "server process test", DateTimeOffset.UtcNow, null);
            db.ApiTokens.Add(token);
            await db.SaveChangesAsync();
            return secret;
        });
    }

    /// <summary>The server's resident memory now (Linux), in MB.</summary>
    public long ResidentMegabytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64 / 1024 / 1024;
        }
    }

    /// <summary>SIGKILL: no shutdown, no flushing, requests cut off where they are.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public HttpClient Client(string bearerToken)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearerToken);
        return client;
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            _log.Enqueue(line);
            while (_log.Count > 40) _log.Dequeue();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
