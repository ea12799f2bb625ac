namespace Daftar.Assets;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<AssetKind>))]
public enum AssetKind { Laptop = 1, Desktop = 2, Tablet = 3, PrinterScanner = 4, DataCard = 5, Sim = 6, Broadband = 7, VpnToken = 8, SigningToken = 9 }

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<AssetStatus>))]
public enum AssetStatus { InStore = 1, Issued = 2, UnderRepair = 3, Lost = 4, Disposed = 5 }

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<AssetEventKind>))]
public enum AssetEventKind { Registered = 1, Issued = 2, Acknowledged = 3, Returned = 4, SentForRepair = 5, Repaired = 6, Lost = 7, Disposed = 8, Found = 9, Verified = 10 }

/// <summary>Why the asset's rule refused a change; the area turns it into its error (code, message, field).</summary>
public sealed record AssetError(string Code, string Message, string? Field = null)
{
    public static readonly AssetError NotInStore = new("not_in_store", "The asset is not in the store: it is issued, under repair, lost or disposed.");
    public static readonly AssetError NotHeldBy = new("not_held", "The asset is not held by this employee.");
    public static readonly AssetError AlreadyAcknowledged = new("already_acknowledged", "The receipt of this asset is already acknowledged.");
    public static readonly AssetError NotIssued = new("not_issued", "The asset is not issued to anyone.");
    public static readonly AssetError Final = new("asset_disposed", "The asset has been disposed of; its record no longer changes.");
    public static readonly AssetError SameStatus = new("same_status", "The asset already has that status.", "status");
    public static readonly AssetError IssuedStatus = new("use_issue", "Issue the asset to an employee to mark it issued; take it back to put it in the store.", "status");
}

/// <summary>
/// A piece of equipment or a connection the office owns (DESIGN 2.7), from its registration to its disposal. It is issued
/// to a person, not a post: people take laptops home. Every change is an <see cref="AssetEvent"/>, the asset's history.
/// </summary>
[Daftar.Audit.Audited("asset", nameof(Id))]
public class Asset
{
    private readonly List<AssetEvent> events = [];

    private Asset() { }

    public Asset(AssetKind kind, string make, string model, string serialNumber, string tag, int officeId, string? purchaseOrder, DateOnly? purchasedOn,
        decimal? cost, DateOnly? warrantyEnds, int? byEmployeeId, DateTimeOffset at)
    {
        Kind = kind;
        Make = make;
        Model = model;
        SerialNumber = serialNumber;
        Tag = tag;
        OfficeId = officeId;
        PurchaseOrder = purchaseOrder;
        PurchasedOn = purchasedOn;
        Cost = cost;
        WarrantyEnds = warrantyEnds;
        Status = AssetStatus.InStore;
        events.Add(new AssetEvent(AssetEventKind.Registered, null, byEmployeeId, at, null));
    }

    public int Id { get; private set; }
    public AssetKind Kind { get; private set; }
    public string Make { get; private set; } = "";
    public string Model { get; private set; } = "";
    public string SerialNumber { get; private set; } = "";
    public string Tag { get; private set; } = "";
    public int OfficeId { get; private set; }
    public string? PurchaseOrder { get; private set; }
    public DateOnly? PurchasedOn { get; private set; }
    public decimal? Cost { get; private set; }
    public DateOnly? WarrantyEnds { get; private set; }
    public AssetStatus Status { get; private set; }
    public int? HolderEmployeeId { get; private set; }
    public DateTimeOffset? IssuedAt { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    /// <summary>When the last physical verification saw it (or found it missing), and who.</summary>
    public DateTimeOffset? VerifiedAt { get; private set; }
    public int? VerifiedInRoundId { get; private set; }
    public bool? SeenInRound { get; private set; }
    public int Version { get; private set; }
    public IReadOnlyList<AssetEvent> Events => events;

    /// <summary>Issues the asset to an employee from the store; two keepers issuing it at once: the version decides.</summary>
    public AssetError? IssueTo(int employeeId, int? requestId, int? byEmployeeId, DateTimeOffset at)
    {
        if (Status != AssetStatus.InStore) return AssetError.NotInStore;
        Status = AssetStatus.Issued;
        HolderEmployeeId = employeeId;
        IssuedAt = at;
        AcknowledgedAt = null;
        Version++;
        events.Add(new AssetEvent(AssetEventKind.Issued, employeeId, byEmployeeId, at, requestId is null ? null : $"request {requestId}"));
        return null;
    }

    /// <summary>The holder confirms they received it: signed (a detached CMS over <paramref name="content"/>) or a confirmed click.</summary>
    public AssetError? Acknowledge(int employeeId, byte[]? content, byte[]? cms, DateTimeOffset at)
    {
        if (Status != AssetStatus.Issued || HolderEmployeeId != employeeId) return AssetError.NotHeldBy;
        if (AcknowledgedAt is not null) return AssetError.AlreadyAcknowledged;
        AcknowledgedAt = at;
        Version++;
        events.Add(new AssetEvent(AssetEventKind.Acknowledged, employeeId, employeeId, at, cms is null ? "confirmed" : "signed")
        {
            SignedContent = content,
            Signature = cms,
        });
        return null;
    }

    /// <summary>The holder hands it back to the store; the keeper notes its condition.</summary>
    public AssetError? TakeBack(string condition, int? byEmployeeId, DateTimeOffset at)
    {
        if (Status != AssetStatus.Issued || HolderEmployeeId is not { } holder) return AssetError.NotIssued;
        Status = AssetStatus.InStore;
        HolderEmployeeId = null;
        IssuedAt = null;
        AcknowledgedAt = null;
        Version++;
        events.Add(new AssetEvent(AssetEventKind.Returned, holder, byEmployeeId, at, condition));
        return null;
    }

    /// <summary>Repair, loss, disposal, or back to the store after them. An issued asset is taken back first (or reported lost by its holder's office).</summary>
    public AssetError? ChangeStatus(AssetStatus status, string? note, int? byEmployeeId, DateTimeOffset at)
    {
        if (Status == AssetStatus.Disposed) return AssetError.Final;
        if (status == Status) return AssetError.SameStatus;
        if (status == AssetStatus.Issued) return AssetError.IssuedStatus;
        if (Status == AssetStatus.Issued && status != AssetStatus.Lost) return AssetError.IssuedStatus;
        var kind = status switch
        {
            AssetStatus.UnderRepair => AssetEventKind.SentForRepair,
            AssetStatus.Lost => AssetEventKind.Lost,
            AssetStatus.Disposed => AssetEventKind.Disposed,
            _ => Status == AssetStatus.Lost ? AssetEventKind.Found : AssetEventKind.Repaired,
        };
        var holder = HolderEmployeeId;
        Status = status;
        HolderEmployeeId = null;
        IssuedAt = null;
        AcknowledgedAt = null;
        Version++;
        events.Add(new AssetEvent(kind, holder, byEmployeeId, at, note));
        return null;
    }

    /// <summary>A physical verification round saw the asset (or did not); a disposed asset is no longer verified.</summary>
    public AssetError? Verify(int roundId, bool seen, int? byEmployeeId, DateTimeOffset at)
    {
        if (Status == AssetStatus.Disposed) return AssetError.Final;
        VerifiedAt = at;
        VerifiedInRoundId = roundId;
        SeenInRound = seen;
        Version++;
        events.Add(new AssetEvent(AssetEventKind.Verified, HolderEmployeeId, byEmployeeId, at, seen ? "seen" : "missing"));
        return null;
    }
}

/// <summary>One line of an asset's history: what happened, to whom, by whom, when.</summary>
[Daftar.Audit.Audited("asset", nameof(AssetId))]
public class AssetEvent
{
    private AssetEvent() { }

    internal AssetEvent(AssetEventKind kind, int? employeeId, int? byEmployeeId, DateTimeOffset at, string? note)
    {
        Kind = kind;
        EmployeeId = employeeId;
        ByEmployeeId = byEmployeeId;
        At = at;
        Note = note;
    }

    public long Id { get; private set; }
    public int AssetId { get; private set; }
    public AssetEventKind Kind { get; private set; }
    public int? EmployeeId { get; private set; }
    public int? ByEmployeeId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? Note { get; private set; }
    /// <summary>For a signed acknowledgement: the text signed and the detached CMS signature (check with openssl cms -verify).</summary>
    public byte[]? SignedContent { get; internal init; }
    public byte[]? Signature { get; internal init; }
}

/// <summary>A post that keeps an office's store (store keeper, IT nodal officer), named by the office's head or an administrator.</summary>
[Daftar.Audit.Audited]
public class AssetKeeper
{
    private AssetKeeper() { }

    public AssetKeeper(int officeId, int postId, DateTimeOffset at)
    {
        OfficeId = officeId;
        PostId = postId;
        Since = at;
    }

    public int Id { get; private set; }
    public int OfficeId { get; private set; }
    public int PostId { get; private set; }
    public DateTimeOffset Since { get; private set; }
}

/// <summary>
/// A physical verification of an office's store (issue #34 item 6): from its start, an officer marks each asset seen or
/// missing; what is not marked before it closes shows as unverified. One open round per office.
/// </summary>
[Daftar.Audit.Audited("verification-round", nameof(Id))]
public class VerificationRound
{
    private VerificationRound() { }

    public VerificationRound(int officeId, int? byEmployeeId, DateTimeOffset at)
    {
        OfficeId = officeId;
        StartedById = byEmployeeId;
        StartedAt = at;
    }

    public int Id { get; private set; }
    public int OfficeId { get; private set; }
    public int? StartedById { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public bool IsOpen => ClosedAt is null;

    public void Close(DateTimeOffset at) => ClosedAt ??= at;
}
