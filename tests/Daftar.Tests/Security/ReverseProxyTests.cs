using System.Net;
using Daftar.Tests.Infrastructure;

namespace Daftar.Tests.Security;

/// <summary>
/// Behind a reverse proxy every request arrives from the proxy's address: rate limits must count the client named in
/// X-Forwarded-For, and only when a trusted proxy sent it (anyone else could forge the header to dodge the limit).
/// </summary>
public class ReverseProxyTests : IAsyncLifetime
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("daftar-proxy-").FullName;
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await TestDatabase.CreateAsync(_dataPath);

    public Task DisposeAsync()
    {
        Directory.Delete(_dataPath, recursive: true);
        return Task.CompletedTask;
    }

    private static async Task<HttpStatusCode> CallAsync(HttpClient client, string token, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return (await client.SendAsync(request)).StatusCode;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TokenGuessing_IsLimitedPerForwardedClient_OnlyWhenTheProxyIsTrusted(bool trusted)
    {
        var token = await ServerProcess.IssueTokenAsync(_connectionString, _dataPath, Demo.Clerk);
        var settings = new Dictionary<string, string> { ["Daftar:FailedTokensPerMinute"] = "2" };
        if (trusted) settings["Daftar:TrustedProxies"] = "127.0.0.1";
        await using var server = await ServerProcess.StartAsync(_connectionString, _dataPath, settings);
        using var client = new HttpClient { BaseAddress = server.Address };

        for (var i = 0; i < 3; i++) await CallAsync(client, "dft_guess" + i, "203.0.113.7");
        Assert.Equal(HttpStatusCode.TooManyRequests, await CallAsync(client, token, "203.0.113.7"));
        // Another client behind the same proxy: counted apart only if the proxy is trusted; otherwise the forged
        // header changes nothing and the proxy's own address is the one that is blocked.
        Assert.Equal(trusted ? HttpStatusCode.OK : HttpStatusCode.TooManyRequests, await CallAsync(client, token, "198.51.100.20"));
    }
}
