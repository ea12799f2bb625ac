using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Daftar.Audit;

/// <summary>
/// One change, written in the same transaction as the change itself. A single sealer later gives committed events
/// a sequence number in commit order and chains them: Hash = SHA-256(previous hash, sequence, the event's fields).
/// Events are never updated after sealing and never deleted; <c>audit verify</c> recomputes the chain.
/// </summary>
public class AuditEvent
{
    private AuditEvent() { }

    public AuditEvent(DateTimeOffset at, int? actorEmployeeId, int? actingPostId, string action, string objectType, string objectId, string summary)
    {
        // Microsecond precision, as PostgreSQL stores it, so the hash computed now matches the one recomputed later.
        At = at.AddTicks(-(at.Ticks % 10));
        ActorEmployeeId = actorEmployeeId;
        ActingPostId = actingPostId;
        Action = action;
        ObjectType = objectType;
        ObjectId = objectId;
        Summary = summary;
    }

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public int? ActorEmployeeId { get; private set; }
    public int? ActingPostId { get; private set; }
    /// <summary>What happened, e.g. "EFile.Modified".</summary>
    public string Action { get; private set; } = "";
    /// <summary>The thing it happened to, e.g. "file" and "42": notes and movements are recorded against their file.</summary>
    public string ObjectType { get; private set; } = "";
    public string ObjectId { get; private set; } = "";
    /// <summary>A short before → after of the changed fields.</summary>
    public string Summary { get; private set; } = "";
    public long? Sequence { get; private set; }
    public string? PreviousHash { get; private set; }
    public string? Hash { get; private set; }
    public DateTimeOffset? SealedAt { get; private set; }

    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public void Seal(long sequence, string previousHash, DateTimeOffset now)
    {
        Sequence = sequence;
        PreviousHash = previousHash;
        Hash = ComputeHash(previousHash, sequence);
        SealedAt = now;
    }

    /// <summary>The hash this event must have after <paramref name="previousHash"/> at <paramref name="sequence"/>.</summary>
    public string ComputeHash(string previousHash, long sequence) =>
        HashOf(previousHash, sequence, Id, At, ActorEmployeeId, ActingPostId, Action, ObjectType, ObjectId, Summary);

    /// <summary>The chain hash of an event with these fields (also used by the data generator, which writes sealed events directly).</summary>
    public static string HashOf(string previousHash, long sequence, long id, DateTimeOffset at, int? actorEmployeeId, int? actingPostId,
        string action, string objectType, string objectId, string summary)
    {
        var canonical = string.Join('\u001f',
            previousHash, sequence.ToString(CultureInfo.InvariantCulture), id.ToString(CultureInfo.InvariantCulture),
            at.UtcTicks.ToString(CultureInfo.InvariantCulture), actorEmployeeId?.ToString(CultureInfo.InvariantCulture) ?? "",
            actingPostId?.ToString(CultureInfo.InvariantCulture) ?? "", action, objectType, objectId, summary);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))).ToLowerInvariant();
    }
}
