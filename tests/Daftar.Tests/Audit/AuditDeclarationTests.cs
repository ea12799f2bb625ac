using Daftar.Audit;
using Daftar.Data;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.Audit;

/// <summary>
/// Issue #31 item 4: entities declare their own audit trail ([Audited]). The declarations must give exactly the trails
/// the audit machinery gave before (its type switch), so events already in the chain read the same.
/// </summary>
public class AuditDeclarationTests
{
    // The trails as the old switch in Infrastructure/Auditing.cs gave them: (object type, id property), or own trail; then
    // those of areas added since.
    private static readonly Dictionary<string, (string? Trail, string? Id)> Before = new()
    {
        ["Department"] = (null, null),
        ["Office"] = (null, null),
        ["Section"] = (null, null),
        ["Designation"] = (null, null),
        ["Post"] = (null, null),
        ["Employee"] = (null, null),
        ["PostAssignment"] = (null, null),
        ["Account"] = (null, null),
        ["ApiToken"] = (null, null),
        ["FileHead"] = (null, null),
        ["JoinGrant"] = (null, null),
        ["MeetingMinutes"] = (null, null),
        ["ActionItem"] = (null, null),
        ["EFile"] = ("file", "Id"),
        ["Note"] = ("file", "FileId"),
        ["Movement"] = ("file", "FileId"),
        ["Correspondence"] = ("file", "FileId"),
        ["FileLink"] = ("file", "FileId"),
        ["SharedWith"] = ("file", "FileId"),
        ["NoteSignature"] = ("note", "NoteId"),
        ["SigningCredential"] = ("signing-credential", "Id"),
        ["Authority"] = ("authority", "Code"),
        ["Receipt"] = ("receipt", "Id"),
        ["ReceiptDocument"] = ("receipt", "ReceiptId"),
        ["ReceiptMovement"] = ("receipt", "ReceiptId"),
        ["Meeting"] = ("meeting", "Id"),
        ["MeetingOccurrence"] = ("meeting", "MeetingId"),
        ["Invitee"] = ("meeting", "MeetingId"),
        ["ParticipantRule"] = ("meeting", "MeetingId"),
        ["AgendaItem"] = ("meeting", "MeetingId"),
        ["ActionUpdate"] = ("action-item", "ActionItemId"),
        // Issue #32: the WorkFromHome area declared its entities without touching the audit machinery.
        ["WorkTask"] = (null, null),
        ["TaskPerformer"] = ("worktask", "TaskId"),
        ["PostTask"] = ("worktask", "TaskId"),
        ["SectionPresence"] = (null, null),
        ["AssessmentRules"] = (null, null),
        ["OfficeOrder"] = (null, null),
        ["EssentialPost"] = ("officeorder", "OrderId"),
        ["Exemption"] = (null, null),
        ["Holiday"] = (null, null),
        ["Roster"] = (null, null),
        ["RosterEntry"] = ("roster", "RosterId"),
        ["DailyAttendance"] = (null, null),
        ["WorkReport"] = (null, null),
        // Issue #34: the Assets area, the same way.
        ["Asset"] = ("asset", "Id"),
        ["AssetEvent"] = ("asset", "AssetId"),
        ["AssetKeeper"] = (null, null),
        ["EquipmentRequest"] = ("equipment-request", "Id"),
        ["HomeConnection"] = (null, null),
        ["ConnectionCheck"] = (null, null),
        ["VerificationRound"] = ("verification-round", "Id"),
    };

    [Fact]
    public void EveryAuditedEntity_DeclaresTheTrailItHadBefore_AndNoOtherEntityIsAudited()
    {
        var options = new DbContextOptionsBuilder<DaftarDb>();
        new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=:memory:").Configure(options);
        using var db = new DaftarDb(options.Options);
        var declared = db.Model.GetEntityTypes().Select(t => t.ClrType).Distinct()
            .Select(t => (t.Name, Declaration: (AuditedAttribute?)Attribute.GetCustomAttribute(t, typeof(AuditedAttribute), inherit: false)))
            .Where(x => x.Declaration is not null)
            .ToDictionary(x => x.Name, x => (x.Declaration!.Trail, x.Declaration.IdProperty));
        Assert.Equal(Before.OrderBy(x => x.Key), declared.OrderBy(x => x.Key));
    }
}
