using Daftar.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Daftar.Data;

internal sealed class DraftConfiguration : IEntityTypeConfiguration<Draft>
{
    public void Configure(EntityTypeBuilder<Draft> b)
    {
        b.HasOne(x => x.File).WithMany(x => x.Drafts).HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.CreatedByPost).WithMany().HasForeignKey(x => x.CreatedByPostId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Versions).WithOne(x => x.Draft).HasForeignKey(x => x.DraftId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(x => x.Latest);
        b.Ignore(x => x.Approved);
    }
}

internal sealed class DraftVersionConfiguration : IEntityTypeConfiguration<DraftVersion>
{
    public void Configure(EntityTypeBuilder<DraftVersion> b)
    {
        b.Property(x => x.Subject).HasMaxLength(500);
        b.Property(x => x.Body).HasMaxLength(50_000);
        b.Property(x => x.Addressee).HasMaxLength(1000);
        b.Property(x => x.Reference).HasMaxLength(500);
        b.HasOne(x => x.AuthorPost).WithMany().HasForeignKey(x => x.AuthorPostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Author).WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.DraftId, x.Number }).IsUnique();
        b.Ignore(x => x.Content);
    }
}

internal sealed class IssuedLetterConfiguration : IEntityTypeConfiguration<IssuedLetter>
{
    public void Configure(EntityTypeBuilder<IssuedLetter> b)
    {
        b.HasOne(x => x.Draft).WithMany().HasForeignKey(x => x.DraftId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.File).WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.IssuedByPost).WithMany().HasForeignKey(x => x.IssuedByPostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.IssuedBy).WithMany().HasForeignKey(x => x.IssuedById).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.LetterNumber).HasMaxLength(150);
        b.Property(x => x.VerificationCode).HasMaxLength(20);
        b.Property(x => x.Subject).HasMaxLength(500);
        b.Property(x => x.PdfHash).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.VerificationCode).IsUnique();
        b.HasIndex(x => x.LetterNumber).IsUnique();
        b.HasIndex(x => x.DraftId).IsUnique();   // a draft is issued once
    }
}

internal sealed class DispatchConfiguration : IEntityTypeConfiguration<Dispatch>
{
    public void Configure(EntityTypeBuilder<Dispatch> b)
    {
        b.HasOne(x => x.Letter).WithMany().HasForeignKey(x => x.LetterId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<EFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.DispatchedByPost).WithMany().HasForeignKey(x => x.DispatchedByPostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.DispatchedBy).WithMany().HasForeignKey(x => x.DispatchedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Daftar.People.Post>().WithMany().HasForeignKey(x => x.ToPostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Receipt>().WithMany().HasForeignKey(x => x.ReceiptId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Recipient).HasMaxLength(300);
        b.Property(x => x.Email).HasMaxLength(254);
        b.Property(x => x.Address).HasMaxLength(1000);
        b.Property(x => x.Postage).HasPrecision(10, 2);
        b.Property(x => x.ArticleNumber).HasMaxLength(60);
        b.Property(x => x.CarriedBy).HasMaxLength(200);
        b.Property(x => x.Remarks).HasMaxLength(1000);
        b.HasIndex(x => x.FileId);
        b.HasIndex(x => x.DispatchedOn);
    }
}
