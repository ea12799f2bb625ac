using Daftar.Accounts;
using Daftar.Assets;
using Daftar.Audit;
using Daftar.Files;
using Daftar.Meetings;
using Daftar.People;
using Daftar.WorkFromHome;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Data;

/// <summary>
/// The one database context. The provider (SQLite or PostgreSQL) is chosen at run time; each has its own
/// migrations assembly (Daftar.Migrations.Sqlite, Daftar.Migrations.Postgres).
/// </summary>
public class DaftarDb(DbContextOptions<DaftarDb> options) : IdentityDbContext<Account, IdentityRole<int>, int>(options)
{
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Office> Offices => Set<Office>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<Designation> Designations => Set<Designation>();
    public DbSet<Post> Posts => Set<Post>();
    public DbSet<Employee> Employees => Set<Employee>();
    public DbSet<PostAssignment> PostAssignments => Set<PostAssignment>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();
    public DbSet<EFile> Files => Set<EFile>();
    public DbSet<Note> Notes => Set<Note>();
    public DbSet<Movement> Movements => Set<Movement>();
    public DbSet<FileParticipant> FileParticipants => Set<FileParticipant>();
    public DbSet<InboxCount> InboxCounts => Set<InboxCount>();
    public DbSet<InboxCountChange> InboxCountChanges => Set<InboxCountChange>();
    public DbSet<FileHead> FileHeads => Set<FileHead>();
    public DbSet<NumberSequence> NumberSequences => Set<NumberSequence>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<Receipt> Receipts => Set<Receipt>();
    public DbSet<ReceiptDocument> ReceiptDocuments => Set<ReceiptDocument>();
    public DbSet<ReceiptMovement> ReceiptMovements => Set<ReceiptMovement>();
    public DbSet<Correspondence> Correspondence => Set<Correspondence>();
    public DbSet<FileLink> FileLinks => Set<FileLink>();
    public DbSet<SharedWith> FileShares => Set<SharedWith>();
    public DbSet<Draft> Drafts => Set<Draft>();
    public DbSet<DraftVersion> DraftVersions => Set<DraftVersion>();
    public DbSet<IssuedLetter> IssuedLetters => Set<IssuedLetter>();
    public DbSet<Dispatch> Dispatches => Set<Dispatch>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<MeetingOccurrence> MeetingOccurrences => Set<MeetingOccurrence>();
    public DbSet<Invitee> Invitees => Set<Invitee>();
    public DbSet<ParticipantRule> ParticipantRules => Set<ParticipantRule>();
    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();
    public DbSet<JoinGrant> JoinGrants => Set<JoinGrant>();
    public DbSet<Attendance> Attendance => Set<Attendance>();
    public DbSet<MeetingMinutes> MeetingMinutes => Set<MeetingMinutes>();
    public DbSet<ActionItem> ActionItems => Set<ActionItem>();
    public DbSet<ActionUpdate> ActionUpdates => Set<ActionUpdate>();
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();
    public DbSet<Daftar.Signing.Authority> Authorities => Set<Daftar.Signing.Authority>();
    public DbSet<Daftar.Signing.SigningCredential> SigningCredentials => Set<Daftar.Signing.SigningCredential>();
    public DbSet<Daftar.Signing.NoteSignature> NoteSignatures => Set<Daftar.Signing.NoteSignature>();
    public DbSet<WorkTask> WorkTasks => Set<WorkTask>();
    public DbSet<TaskPerformer> TaskPerformers => Set<TaskPerformer>();
    public DbSet<PostTask> PostTasks => Set<PostTask>();
    public DbSet<SectionPresence> SectionPresence => Set<SectionPresence>();
    public DbSet<AssessmentRules> AssessmentRules => Set<AssessmentRules>();
    public DbSet<OfficeOrder> OfficeOrders => Set<OfficeOrder>();
    public DbSet<EssentialPost> EssentialPosts => Set<EssentialPost>();
    public DbSet<Exemption> Exemptions => Set<Exemption>();
    public DbSet<Holiday> Holidays => Set<Holiday>();
    public DbSet<Roster> Rosters => Set<Roster>();
    public DbSet<RosterEntry> RosterEntries => Set<RosterEntry>();
    public DbSet<DailyAttendance> DailyAttendance => Set<DailyAttendance>();
    public DbSet<WorkReport> WorkReports => Set<WorkReport>();
    public DbSet<Asset> Assets => Set<Asset>();
    public DbSet<AssetEvent> AssetEvents => Set<AssetEvent>();
    public DbSet<AssetKeeper> AssetKeepers => Set<AssetKeeper>();
    public DbSet<VerificationRound> VerificationRounds => Set<VerificationRound>();
    public DbSet<EquipmentRequest> EquipmentRequests => Set<EquipmentRequest>();
    public DbSet<HomeConnection> HomeConnections => Set<HomeConnection>();
    public DbSet<ConnectionCheck> ConnectionChecks => Set<ConnectionCheck>();

    // Every save that changes files records what it changes in the posts' inbox counts, in the same transaction.
    // Changes are detected once, here: the inbox counts, EF's save and each interceptor (the audit trail, the sign-in cache)
    // list the tracked entries, and each listing compared every tracked entity with its snapshot again — four times a save.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var detecting = DetectChangesOnce();
        List<InboxCountChange> counts = [];
        try
        {
            counts = TrackInboxCounts();
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        catch
        {
            Forget(counts);
            throw;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var detecting = DetectChangesOnce();
        List<InboxCountChange> counts = [];
        try
        {
            counts = TrackInboxCounts();
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch
        {
            Forget(counts);   // a retry after a conflict counts its changes again
            throw;
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    /// <summary>Detects the changes made so far and turns automatic detection off until the save ends; returns whether it was on.</summary>
    private bool DetectChangesOnce()
    {
        var detecting = ChangeTracker.AutoDetectChangesEnabled;
        if (detecting) ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        return detecting;
    }

    private List<InboxCountChange> TrackInboxCounts()
    {
        var counts = InboxCounting.ChangesOf(ChangeTracker);
        InboxCountChanges.AddRange(counts);
        return counts;
    }

    private void Forget(List<InboxCountChange> counts)
    {
        foreach (var c in counts) Entry(c).State = EntityState.Detached;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DaftarDb).Assembly);
    }
}
