namespace Daftar.WorkFromHome;

/// <summary>
/// A government order for an office: the share of its staff that may be in the office on a day, the posts that are
/// always in, from when to when. A later order for the same office and dates replaces an earlier one; both stay on record.
/// </summary>
[Daftar.Audit.Audited]
public class OfficeOrder
{
    private OfficeOrder() { }

    public OfficeOrder(int officeId, string orderNumber, DateOnly orderDate, int capPercent, DateOnly from, DateOnly? to, int byPostId, DateTimeOffset at)
    {
        OfficeId = officeId;
        OrderNumber = orderNumber;
        OrderDate = orderDate;
        CapPercent = capPercent;
        EffectiveFrom = from;
        EffectiveTo = to;
        ByPostId = byPostId;
        CreatedAt = at;
    }

    public int Id { get; private set; }
    public int OfficeId { get; private set; }
    public string OrderNumber { get; private set; } = "";
    public DateOnly OrderDate { get; private set; }
    public int CapPercent { get; private set; }
    public DateOnly EffectiveFrom { get; private set; }
    public DateOnly? EffectiveTo { get; private set; }
    /// <summary>The scanned order in the blob store (SHA-256), when one was attached.</summary>
    public string? ScanHash { get; private set; }
    public string? ScanContentType { get; private set; }
    public int ByPostId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    private readonly List<EssentialPost> essential = [];
    public IReadOnlyList<EssentialPost> Essential => essential;

    public static WorkFromHomeError? Check(int capPercent, DateOnly from, DateOnly? to) =>
        capPercent is < 1 or > 100 ? WorkFromHomeError.CapOutOfRange
        : to is { } end && end < from ? WorkFromHomeError.EndsBeforeStart
        : null;

    public bool AppliesOn(DateOnly day) => day >= EffectiveFrom && (EffectiveTo is null || day <= EffectiveTo);

    /// <summary>How many of <paramref name="staff"/> may be in the office on a day (rounded down).</summary>
    public int CapFor(int staff) => staff * CapPercent / 100;

    public void AttachScan(string hash, string contentType)
    {
        ScanHash = hash;
        ScanContentType = contentType;
    }

    public void SetEssential(IEnumerable<int> postIds)
    {
        var wanted = postIds.Distinct().ToList();
        essential.RemoveAll(e => !wanted.Contains(e.PostId));
        foreach (var id in wanted.Where(id => essential.All(e => e.PostId != id))) essential.Add(new EssentialPost(id));
    }
}

/// <summary>A post an order keeps in the office every working day.</summary>
[Daftar.Audit.Audited("officeorder", nameof(OrderId))]
public class EssentialPost
{
    private EssentialPost() { }

    public EssentialPost(int postId) => PostId = postId;

    public int Id { get; private set; }
    public int OrderId { get; private set; }
    public int PostId { get; private set; }
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ExemptionReason>))]
public enum ExemptionReason { Pregnancy = 1, Disability = 2, Comorbidity = 3, CaringForDependant = 4, ContainmentZone = 5 }

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ExemptionStatus>))]
public enum ExemptionStatus { Requested = 1, Approved = 2, Refused = 3, Withdrawn = 4 }

/// <summary>An employee's request to be kept out of the office roster, decided by their controlling officer.</summary>
[Daftar.Audit.Audited]
public class Exemption
{
    private Exemption() { }

    public Exemption(int employeeId, int postId, ExemptionReason reason, string details, DateOnly from, DateOnly to, bool optsIn, DateTimeOffset at)
    {
        EmployeeId = employeeId;
        PostId = postId;
        Reason = reason;
        Details = details;
        From = from;
        To = to;
        OptsIn = optsIn;
        RequestedAt = at;
        Status = ExemptionStatus.Requested;
    }

    public int Id { get; private set; }
    public int EmployeeId { get; private set; }
    /// <summary>The post the employee asked from; its controlling officer decides.</summary>
    public int PostId { get; private set; }
    public ExemptionReason Reason { get; private set; }
    public string Details { get; private set; } = "";
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    /// <summary>Exempt, but willing to come in when the roster needs them.</summary>
    public bool OptsIn { get; private set; }
    public ExemptionStatus Status { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public int? DecidedByPostId { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? Remarks { get; private set; }

    public bool Binds(DateOnly day) => Status == ExemptionStatus.Approved && day >= From && day <= To;

    public WorkFromHomeError? Decide(bool approve, int byPostId, string? remarks, DateTimeOffset at)
    {
        if (Status != ExemptionStatus.Requested) return WorkFromHomeError.NotDecidable;
        // A refusal carries its reason: the employee reads it, and it is what an appeal answers.
        if (!approve && string.IsNullOrWhiteSpace(remarks)) return WorkFromHomeError.ReasonRequired;
        Status = approve ? ExemptionStatus.Approved : ExemptionStatus.Refused;
        DecidedByPostId = byPostId;
        DecidedAt = at;
        Remarks = string.IsNullOrWhiteSpace(remarks) ? null : remarks.Trim();
        return null;
    }
}

/// <summary>A public holiday, for the whole state (no office) or an office and the offices under it (a district's local holiday).</summary>
[Daftar.Audit.Audited]
public class Holiday
{
    private Holiday() { }

    public Holiday(DateOnly date, string nameEn, string nameHi, int? officeId)
    {
        Date = date;
        NameEn = nameEn;
        NameHi = nameHi;
        OfficeId = officeId;
    }

    public int Id { get; private set; }
    public DateOnly Date { get; private set; }
    public string NameEn { get; private set; } = "";
    public string NameHi { get; private set; } = "";
    public int? OfficeId { get; private set; }
}
