using Daftar.Signing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Daftar.Data;

internal sealed class AuthorityConfiguration : IEntityTypeConfiguration<Authority>
{
    public void Configure(EntityTypeBuilder<Authority> b)
    {
        b.Property(x => x.Code).HasMaxLength(40);
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.Subject).HasMaxLength(500);
        b.Property(x => x.SerialHex).HasMaxLength(80);
        b.HasOne(x => x.Department).WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.Kind, x.DepartmentId, x.IsCurrent });
        b.Property(x => x.CrlNumber).IsConcurrencyToken();
    }
}

internal sealed class SigningCredentialConfiguration : IEntityTypeConfiguration<SigningCredential>
{
    public void Configure(EntityTypeBuilder<SigningCredential> b)
    {
        b.HasOne(x => x.Employee).WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Issuer).WithMany().HasForeignKey(x => x.IssuerId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Subject).HasMaxLength(500);
        b.Property(x => x.IssuerName).HasMaxLength(500);
        b.Property(x => x.SerialHex).HasMaxLength(80);
        b.Property(x => x.Algorithm).HasMaxLength(40);
        b.Property(x => x.RevocationReason).HasMaxLength(200);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.EmployeeId, x.Status });
        // One active credential per employee, kept by the database: two enrolments at the same moment cannot both win.
        b.HasIndex(x => x.EmployeeId).IsUnique().HasFilter("\"Status\" = 1").HasDatabaseName("IX_SigningCredentials_OneActivePerEmployee");
        b.HasIndex(x => new { x.IssuerId, x.Status });
        b.Ignore(x => x.IsLocked);
    }
}

internal sealed class NoteSignatureConfiguration : IEntityTypeConfiguration<NoteSignature>
{
    public void Configure(EntityTypeBuilder<NoteSignature> b)
    {
        b.HasIndex(x => x.NoteId).IsUnique();
        b.HasOne<Daftar.Files.Note>().WithMany().HasForeignKey(x => x.NoteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Credential).WithMany().HasForeignKey(x => x.CredentialId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Daftar.People.Employee>().WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Daftar.People.Post>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.ContentSha256).HasMaxLength(64);
    }
}
