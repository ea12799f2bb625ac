namespace Daftar.Audit;

/// <summary>
/// Marks an entity whose every change is written to the audit trail, in the transaction that makes it. A change belongs
/// to the trail of <see cref="Trail"/> identified by the entity's <see cref="IdProperty"/>; without them, to the
/// entity's own trail (its type name in lower case, identified by its key). A new business area declares its audited
/// entities here, without touching the audit machinery.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AuditedAttribute(string? trail = null, string? idProperty = null) : Attribute
{
    /// <summary>The object type the change is recorded under ("file" for a note), or null for the entity's own.</summary>
    public string? Trail { get; } = trail;

    /// <summary>The property holding that object's id ("FileId" for a note).</summary>
    public string? IdProperty { get; } = idProperty;
}
