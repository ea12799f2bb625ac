using Daftar.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Daftar.Data;

internal sealed class EFileConfiguration : IEntityTypeConfiguration<EFile>
{
    public void Configure(EntityTypeBuilder<EFile> b)
    {
        b.ToTable("Files");
        b.HasIndex(x => x.ComputerNumber).IsUnique();
        b.Property(x => x.FileNumber).HasMaxLength(100);
        b.HasIndex(x => x.FileNumber).IsUnique();
        b.Property(x => x.Subject).HasMaxLength(500);
        b.Property(x => x.Category).HasMaxLength(100);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.Department).WithMany().OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Section).WithMany().OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.CreatedByPost).WithMany().HasForeignKey(x => x.CreatedByPostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.HolderPost).WithMany().HasForeignKey(x => x.HolderPostId).OnDelete(DeleteBehavior.Restrict);
        // Which 50 files an inbox page shows is read from these indexes alone, in the page's order (priority, newest), and
        // the read stops after the page: a busy post at state scale holds thousands of files. Whether a file was opened,
        // and its due date, come after the order: the scan skips the files of the other tab inside the index.
        b.HasIndex(x => new { x.HolderPostId, x.Status, x.ArrivalPriority, x.Id, x.ArrivalOpenedAt, x.ArrivalDueOn }).HasDatabaseName("IX_Files_Inbox");
        b.HasIndex(x => new { x.SectionId, x.Grading, x.Id });   // a section's normal files, newest first, from the index alone
        b.HasIndex(x => x.CreatedOn);
        b.HasIndex(x => new { x.ArrivedFromPostId, x.ArrivalKind, x.ArrivalPriority, x.Id, x.HolderPostId }).HasDatabaseName("IX_Files_Sent");
        b.HasIndex(x => new { x.CreatedByPostId, x.ArrivalPriority, x.Id }).HasDatabaseName("IX_Files_Created");
        b.Property(x => x.ArrivalRemarks).HasMaxLength(2000);
        b.Property(x => x.SearchText).HasMaxLength(Daftar.Search.SearchTerms.MaxLength);
        b.Ignore(x => x.LastArrival);
    }
}

// Derived from Files and rebuilt from them at will (InboxCounting.RebuildSql): no foreign keys, which would lock the
// post's row on every change.
internal sealed class InboxCountConfiguration : IEntityTypeConfiguration<InboxCount>
{
    public void Configure(EntityTypeBuilder<InboxCount> b)
    {
        b.HasKey(x => x.PostId);
        b.Property(x => x.PostId).ValueGeneratedNever();
    }
}

internal sealed class InboxCountChangeConfiguration : IEntityTypeConfiguration<InboxCountChange>
{
    public void Configure(EntityTypeBuilder<InboxCountChange> b) => b.HasIndex(x => x.PostId);
}

internal sealed class NoteConfiguration : IEntityTypeConfiguration<Note>
{
    public void Configure(EntityTypeBuilder<Note> b)
    {
        b.HasOne(x => x.File).WithMany(x => x.Notes).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.AuthorPost).WithMany().HasForeignKey(x => x.AuthorPostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Author).WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Text).HasMaxLength(100_000);
        b.Property(x => x.Html).HasMaxLength(200_000);
        b.HasIndex(x => new { x.FileId, x.Number }).IsUnique();
        // A file's yellow drafts (what a send or a new note looks at) from an index of the drafts alone: through the index
        // above every note of the file was read from the table to see whether it was confirmed, four pages or so per send,
        // most of them from disk at state scale (the notes are the largest table).
        b.HasIndex(x => x.FileId).HasFilter("NOT \"IsConfirmed\"").HasDatabaseName("IX_Notes_Drafts");
        b.Property(x => x.SearchText).HasMaxLength(Daftar.Search.SearchTerms.MaxLength);
    }
}

internal sealed class MovementConfiguration : IEntityTypeConfiguration<Movement>
{
    public void Configure(EntityTypeBuilder<Movement> b)
    {
        b.HasOne(x => x.File).WithMany(x => x.Movements).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.FromPost).WithMany().HasForeignKey(x => x.FromPostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.ToPost).WithMany().HasForeignKey(x => x.ToPostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.By).WithMany().HasForeignKey(x => x.ById).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Remarks).HasMaxLength(2000);
        b.HasIndex(x => new { x.FileId, x.Id });
        // A post's sends newest first (the send form's recently used recipients), in the order the key gives them.
        b.HasIndex(x => new { x.FromPostId, x.Id });
    }
}

internal sealed class FileParticipantConfiguration : IEntityTypeConfiguration<FileParticipant>
{
    public void Configure(EntityTypeBuilder<FileParticipant> b)
    {
        b.HasKey(x => new { x.FileId, x.PostId });
        b.HasOne(x => x.File).WithMany(x => x.Participants).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Post).WithMany().OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.PostId, x.FileId });   // the files a post may see, from the index alone
    }
}

internal sealed class FileHeadConfiguration : IEntityTypeConfiguration<FileHead>
{
    public void Configure(EntityTypeBuilder<FileHead> b)
    {
        b.HasIndex(x => new { x.DepartmentId, x.Number }).IsUnique();
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.Property(x => x.NameHi).HasMaxLength(200);
        b.HasOne(x => x.Department).WithMany().OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NumberSequenceConfiguration : IEntityTypeConfiguration<NumberSequence>
{
    public void Configure(EntityTypeBuilder<NumberSequence> b)
    {
        b.HasKey(x => x.Key);
        b.Property(x => x.Key).HasMaxLength(120);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<Daftar.Audit.AuditEvent>
{
    public void Configure(EntityTypeBuilder<Daftar.Audit.AuditEvent> b)
    {
        b.Property(x => x.Action).HasMaxLength(100);
        b.Property(x => x.ObjectType).HasMaxLength(50);
        b.Property(x => x.ObjectId).HasMaxLength(50);
        b.Property(x => x.Summary).HasMaxLength(4000);
        b.Property(x => x.PreviousHash).HasMaxLength(64);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.HasIndex(x => x.Sequence).IsUnique();
        b.HasIndex(x => new { x.ObjectType, x.ObjectId });
        // No index on SealedAt: the sealer finds unsealed events by their missing Sequence, and an index nobody read cost
        // two writes for every event (at its insert and at its sealing) and 1 GB at state scale.
    }
}

internal sealed class ReceiptConfiguration : IEntityTypeConfiguration<Receipt>
{
    public void Configure(EntityTypeBuilder<Receipt> b)
    {
        b.Property(x => x.DiaryNumber).HasMaxLength(60);
        b.HasIndex(x => x.DiaryNumber).IsUnique();
        b.Property(x => x.Sender).HasMaxLength(300);
        b.Property(x => x.LetterNumber).HasMaxLength(100);
        b.Property(x => x.Subject).HasMaxLength(500);
        b.Property(x => x.Category).HasMaxLength(100);
        b.Property(x => x.Language).HasMaxLength(10);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.Department).WithMany().OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Section).WithMany().OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.DiarisedByPost).WithMany().HasForeignKey(x => x.DiarisedByPostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.HolderPost).WithMany().HasForeignKey(x => x.HolderPostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.File).WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.HolderPostId, x.Status });
        b.HasIndex(x => new { x.SectionId, x.Grading, x.Id });   // a section's normal receipts, newest first, from the index alone
        b.Property(x => x.SearchText).HasMaxLength(Daftar.Search.SearchTerms.MaxLength);
    }
}

internal sealed class ReceiptDocumentConfiguration : IEntityTypeConfiguration<ReceiptDocument>
{
    public void Configure(EntityTypeBuilder<ReceiptDocument> b)
    {
        b.HasOne(x => x.Receipt).WithMany(x => x.Documents).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.BlobHash).HasMaxLength(64);
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.HasIndex(x => x.BlobHash);
    }
}

internal sealed class ReceiptMovementConfiguration : IEntityTypeConfiguration<ReceiptMovement>
{
    public void Configure(EntityTypeBuilder<ReceiptMovement> b)
    {
        b.HasOne(x => x.Receipt).WithMany(x => x.Movements).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.FromPost).WithMany().HasForeignKey(x => x.FromPostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.ToPost).WithMany().HasForeignKey(x => x.ToPostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.By).WithMany().HasForeignKey(x => x.ById).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Remarks).HasMaxLength(2000);
        // The receipts a post sent or received, newest first, from the index alone.
        b.HasIndex(x => new { x.ToPostId, x.ReceiptId });
        b.HasIndex(x => new { x.FromPostId, x.ReceiptId });
    }
}

internal sealed class CorrespondenceConfiguration : IEntityTypeConfiguration<Correspondence>
{
    public void Configure(EntityTypeBuilder<Correspondence> b)
    {
        b.ToTable("Correspondence");
        b.HasOne(x => x.File).WithMany(x => x.Correspondence).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Receipt).WithMany().HasForeignKey(x => x.ReceiptId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.AddedByPost).WithMany().HasForeignKey(x => x.AddedByPostId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Title).HasMaxLength(600);
        b.Property(x => x.BlobHash).HasMaxLength(64);
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.HasIndex(x => new { x.FileId, x.Order }).IsUnique();
    }
}

internal sealed class FileLinkConfiguration : IEntityTypeConfiguration<FileLink>
{
    public void Configure(EntityTypeBuilder<FileLink> b)
    {
        b.HasKey(x => new { x.FileId, x.LinkedFileId });
        b.HasOne(x => x.File).WithMany(x => x.Links).HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.LinkedFile).WithMany().HasForeignKey(x => x.LinkedFileId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.ByPost).WithMany().HasForeignKey(x => x.ByPostId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Remarks).HasMaxLength(500);
        b.HasIndex(x => x.LinkedFileId);
    }
}

internal sealed class SharedWithConfiguration : IEntityTypeConfiguration<SharedWith>
{
    public void Configure(EntityTypeBuilder<SharedWith> b)
    {
        b.ToTable("FileShares");
        b.HasKey(x => new { x.FileId, x.PostId });
        b.HasOne(x => x.File).WithMany(x => x.Shares).HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Post).WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.ByPost).WithMany().HasForeignKey(x => x.ByPostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Daftar.People.Employee>().WithMany().HasForeignKey(x => x.ById).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Remarks).HasMaxLength(500);
        b.HasIndex(x => x.PostId);
    }
}
