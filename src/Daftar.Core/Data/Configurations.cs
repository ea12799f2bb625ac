using Daftar.Accounts;
using Daftar.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Daftar.Data;

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.Property(x => x.Code).HasMaxLength(20);
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.Property(x => x.NameHi).HasMaxLength(200);
        b.Property(x => x.FileHead).HasMaxLength(20);
    }
}

internal sealed class OfficeConfiguration : IEntityTypeConfiguration<Office>
{
    public void Configure(EntityTypeBuilder<Office> b)
    {
        b.Property(x => x.Code).HasMaxLength(40);
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.Property(x => x.NameHi).HasMaxLength(200);
        b.Property(x => x.SearchKey).HasMaxLength(700);
        b.HasOne(x => x.Department).WithMany().OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Parent).WithMany(x => x.Children).HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.ParentId);
    }
}

internal sealed class SectionConfiguration : IEntityTypeConfiguration<Section>
{
    public void Configure(EntityTypeBuilder<Section> b)
    {
        b.Property(x => x.Code).HasMaxLength(20);
        b.HasIndex(x => new { x.OfficeId, x.Code }).IsUnique();
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.Property(x => x.NameHi).HasMaxLength(200);
        b.HasOne(x => x.Office).WithMany(x => x.Sections).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DesignationConfiguration : IEntityTypeConfiguration<Designation>
{
    public void Configure(EntityTypeBuilder<Designation> b)
    {
        b.Property(x => x.Code).HasMaxLength(40);
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.Property(x => x.NameHi).HasMaxLength(200);
    }
}

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> b)
    {
        b.Property(x => x.Code).HasMaxLength(60);
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.SearchKey).HasMaxLength(900);
        b.HasOne(x => x.Designation).WithMany().OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Office).WithMany().OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Section).WithMany().OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.ReportsTo).WithMany().HasForeignKey(x => x.ReportsToId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.OfficeId);
        b.HasIndex(x => x.ReportsToId);
        b.Ignore(x => x.TitleEn);
        b.Ignore(x => x.TitleHi);
    }
}

internal sealed class EmployeeConfiguration : IEntityTypeConfiguration<Employee>
{
    public void Configure(EntityTypeBuilder<Employee> b)
    {
        b.Property(x => x.Code).HasMaxLength(40);
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.Property(x => x.NameHi).HasMaxLength(200);
        b.Property(x => x.Email).HasMaxLength(254);
        b.Property(x => x.Mobile).HasMaxLength(20);
        b.Property(x => x.SearchKey).HasMaxLength(700);
    }
}

internal sealed class PostAssignmentConfiguration : IEntityTypeConfiguration<PostAssignment>
{
    public void Configure(EntityTypeBuilder<PostAssignment> b)
    {
        b.HasOne(x => x.Employee).WithMany(x => x.Assignments).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Post).WithMany(x => x.Assignments).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.PostId, x.From });
        b.HasIndex(x => new { x.EmployeeId, x.From });
    }
}

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> b)
    {
        b.HasOne(x => x.Employee).WithOne().HasForeignKey<Account>(x => x.EmployeeId).OnDelete(DeleteBehavior.SetNull);
        b.Property(x => x.PreferredCulture).HasMaxLength(10);
    }
}

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> b)
    {
        b.Property(x => x.Id).HasMaxLength(32);
        b.HasIndex(x => x.AccountId);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Hint).HasMaxLength(16);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.HasIndex(x => x.Hash).IsUnique();
        b.HasOne(x => x.Account).WithMany().OnDelete(DeleteBehavior.Cascade);
    }
}
