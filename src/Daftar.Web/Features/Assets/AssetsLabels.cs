using Daftar.Assets;

namespace Daftar.Web.Features.Assets;

/// <summary>The English words for the area's kinds, statuses and events; each is the key of its Hindi.</summary>
public static class AssetsLabels
{
    public static string Of(AssetKind kind) => kind switch
    {
        AssetKind.Laptop => "Laptop",
        AssetKind.Desktop => "Desktop",
        AssetKind.Tablet => "Tablet",
        AssetKind.PrinterScanner => "Printer or scanner",
        AssetKind.DataCard => "Data card",
        AssetKind.Sim => "SIM",
        AssetKind.Broadband => "Broadband connection",
        AssetKind.VpnToken => "VPN token",
        AssetKind.SigningToken => "USB signing token",
        _ => "",
    };

    public static string Of(AssetStatus status) => status switch
    {
        AssetStatus.InStore => "In store",
        AssetStatus.Issued => "Issued",
        AssetStatus.UnderRepair => "Under repair",
        AssetStatus.Lost => "Lost",
        AssetStatus.Disposed => "Disposed",
        _ => "",
    };

    public static string Of(AssetEventKind kind) => kind switch
    {
        AssetEventKind.Registered => "Registered",
        AssetEventKind.Issued => "Issued",
        AssetEventKind.Acknowledged => "Receipt acknowledged",
        AssetEventKind.Returned => "Returned",
        AssetEventKind.SentForRepair => "Sent for repair",
        AssetEventKind.Repaired => "Back from repair",
        AssetEventKind.Lost => "Reported lost",
        AssetEventKind.Disposed => "Disposed",
        AssetEventKind.Found => "Found",
        AssetEventKind.Verified => "Verified",
        _ => "",
    };

    public static string Of(RequestStatus status) => status switch
    {
        RequestStatus.WithOfficer => "With the controlling officer",
        RequestStatus.WithStore => "With the store",
        RequestStatus.WaitingList => "On the waiting list",
        RequestStatus.Issued => "Issued",
        RequestStatus.Refused => "Refused",
        _ => "",
    };

    public static string Of(ConnectionType type) => type switch
    {
        ConnectionType.Broadband => "Broadband",
        ConnectionType.MobileData => "Mobile data",
        ConnectionType.None => "No connection",
        _ => "",
    };

    /// <summary>What a link is good for, in plain words.</summary>
    public static string Of(LinkQuality quality) => quality switch
    {
        LinkQuality.Good => "Good: video meetings and file work will work.",
        LinkQuality.FilesOnly => "File work will work; video meetings may break up (join with the camera off).",
        LinkQuality.Poor => "Too slow for Daftar from home: work in the office, or ask for a connection.",
        _ => "",
    };
}
