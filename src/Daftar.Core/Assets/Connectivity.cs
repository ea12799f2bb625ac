namespace Daftar.Assets;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ConnectionType>))]
public enum ConnectionType { Broadband = 1, MobileData = 2, None = 3 }

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<LinkQuality>))]
public enum LinkQuality { Good = 1, FilesOnly = 2, Poor = 3 }

/// <summary>The connection an employee works on from home, as they describe it.</summary>
[Daftar.Audit.Audited]
public class HomeConnection
{
    private HomeConnection() { }

    public HomeConnection(int employeeId, DateTimeOffset at) => (EmployeeId, UpdatedAt) = (employeeId, at);

    public int Id { get; private set; }
    public int EmployeeId { get; private set; }
    public ConnectionType Type { get; private set; } = ConnectionType.None;
    public string? Provider { get; private set; }
    public int? PlanMbps { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public void Describe(ConnectionType type, string? provider, int? planMbps, DateTimeOffset at)
    {
        Type = type;
        Provider = type == ConnectionType.None ? null : provider;
        PlanMbps = type == ConnectionType.None ? null : planMbps;
        UpdatedAt = at;
    }
}

/// <summary>
/// A measurement of the real link from the employee's browser to Daftar: download and upload rates, round-trip latency
/// and its jitter over several samples, judged by <see cref="LinkThresholds"/>.
/// </summary>
[Daftar.Audit.Audited]
public class ConnectionCheck
{
    private ConnectionCheck() { }

    public ConnectionCheck(int employeeId, double downloadMbps, double uploadMbps, double latencyMs, double jitterMs, int samples, DateTimeOffset at)
    {
        EmployeeId = employeeId;
        DownloadMbps = Math.Round(downloadMbps, 2);
        UploadMbps = Math.Round(uploadMbps, 2);
        LatencyMs = Math.Round(latencyMs, 1);
        JitterMs = Math.Round(jitterMs, 1);
        Samples = samples;
        At = at;
        Quality = LinkThresholds.Judge(downloadMbps, uploadMbps, latencyMs);
    }

    public long Id { get; private set; }
    public int EmployeeId { get; private set; }
    public double DownloadMbps { get; private set; }
    public double UploadMbps { get; private set; }
    public double LatencyMs { get; private set; }
    public double JitterMs { get; private set; }
    public int Samples { get; private set; }
    public LinkQuality Quality { get; private set; }
    public DateTimeOffset At { get; private set; }
}

/// <summary>
/// What a link is good for. A video review (Janus, 360p camera plus others' video) wants about 1.5 Mbit/s down and 1 Mbit/s up
/// with a round trip under 300 ms; file work (pages of a few hundred KB, PDFs of a few MB) is usable from 0.5 Mbit/s down
/// and 0.25 up with a round trip under 1 s. Below that, the employee is told to work in the office or get a connection.
/// </summary>
public static class LinkThresholds
{
    public const double VideoDownMbps = 1.5, VideoUpMbps = 1.0, VideoLatencyMs = 300;
    public const double FilesDownMbps = 0.5, FilesUpMbps = 0.25, FilesLatencyMs = 1000;

    public static LinkQuality Judge(double downMbps, double upMbps, double latencyMs) =>
        downMbps >= VideoDownMbps && upMbps >= VideoUpMbps && latencyMs <= VideoLatencyMs ? LinkQuality.Good
        : downMbps >= FilesDownMbps && upMbps >= FilesUpMbps && latencyMs <= FilesLatencyMs ? LinkQuality.FilesOnly
        : LinkQuality.Poor;
}
