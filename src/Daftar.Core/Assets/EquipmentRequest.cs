namespace Daftar.Assets;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<RequestStatus>))]
public enum RequestStatus { WithOfficer = 1, WithStore = 2, WaitingList = 3, Issued = 4, Refused = 5 }

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<RequestDecision>))]
public enum RequestDecision { Approve = 1, Refuse = 2, WaitingList = 3 }

/// <summary>
/// An employee's request for equipment or a connection. It goes to the controlling officer (the post above theirs), then to
/// the office's store, which issues an asset, puts it on the waiting list, or refuses; a refusal always says why.
/// </summary>
[Daftar.Audit.Audited("equipment-request", nameof(Id))]
public class EquipmentRequest
{
    private EquipmentRequest() { }

    /// <param name="officerPostId">The post that decides first; null when the employee's post reports to nobody, and the store decides alone.</param>
    public EquipmentRequest(int employeeId, int postId, int officeId, AssetKind kind, string reason, int? officerPostId, DateTimeOffset at)
    {
        EmployeeId = employeeId;
        PostId = postId;
        OfficeId = officeId;
        Kind = kind;
        Reason = reason;
        OfficerPostId = officerPostId;
        Status = officerPostId is null ? RequestStatus.WithStore : RequestStatus.WithOfficer;
        CreatedAt = at;
    }

    public int Id { get; private set; }
    public int EmployeeId { get; private set; }
    public int PostId { get; private set; }
    public int OfficeId { get; private set; }
    public AssetKind Kind { get; private set; }
    public string Reason { get; private set; } = "";
    public RequestStatus Status { get; private set; }
    public int? OfficerPostId { get; private set; }
    public string? OfficerRemarks { get; private set; }
    public DateTimeOffset? OfficerDecidedAt { get; private set; }
    public string? StoreRemarks { get; private set; }
    public DateTimeOffset? StoreDecidedAt { get; private set; }
    public int? AssetId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public int Version { get; private set; }

    public static readonly AssetError NotWithOfficer = new("request_not_with_officer", "The request is not waiting for the controlling officer.");
    public static readonly AssetError NotWithStore = new("request_not_with_store", "The request is not waiting for the store.");
    public static readonly AssetError ReasonNeeded = new("reason_needed", "Say why the request is refused.", "remarks");
    public static readonly AssetError OfficerCannotQueue = new("officer_cannot_queue", "Only the store puts a request on the waiting list.", "decision");
    public static readonly AssetError WrongKind = new("wrong_kind", "The asset is not of the kind asked for.", "assetId");

    /// <summary>The controlling officer's decision: approve (on to the store) or refuse with a reason.</summary>
    public AssetError? DecideAsOfficer(RequestDecision decision, string? remarks, DateTimeOffset at)
    {
        if (Status != RequestStatus.WithOfficer) return NotWithOfficer;
        if (decision == RequestDecision.WaitingList) return OfficerCannotQueue;
        if (decision == RequestDecision.Refuse && string.IsNullOrWhiteSpace(remarks)) return ReasonNeeded;
        Status = decision == RequestDecision.Approve ? RequestStatus.WithStore : RequestStatus.Refused;
        OfficerRemarks = remarks;
        OfficerDecidedAt = at;
        Version++;
        return null;
    }

    /// <summary>The store's decision without an asset in hand: the waiting list, or a refusal with a reason. Approval is <see cref="Fulfil"/>.</summary>
    public AssetError? DecideAsStore(RequestDecision decision, string? remarks, DateTimeOffset at)
    {
        if (Status is not (RequestStatus.WithStore or RequestStatus.WaitingList)) return NotWithStore;
        if (decision == RequestDecision.Refuse && string.IsNullOrWhiteSpace(remarks)) return ReasonNeeded;
        if (decision == RequestDecision.Approve) return NotWithStore with { Message = "The store approves a request by issuing an asset for it." };
        Status = decision == RequestDecision.Refuse ? RequestStatus.Refused : RequestStatus.WaitingList;
        StoreRemarks = remarks;
        StoreDecidedAt = at;
        Version++;
        return null;
    }

    /// <summary>The store issues an asset of the kind asked for; the request is done.</summary>
    public AssetError? Fulfil(Asset asset, DateTimeOffset at)
    {
        if (Status is not (RequestStatus.WithStore or RequestStatus.WaitingList)) return NotWithStore;
        if (asset.Kind != Kind) return WrongKind;
        Status = RequestStatus.Issued;
        AssetId = asset.Id;
        StoreDecidedAt = at;
        Version++;
        return null;
    }
}
