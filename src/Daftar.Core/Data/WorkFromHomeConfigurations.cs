using Daftar.People;
using Daftar.WorkFromHome;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Daftar.Data;

internal sealed class WorkTaskConfiguration : IEntityTypeConfiguration<WorkTask>
{
    public void Configure(EntityTypeBuilder<WorkTask> b)
    {
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.NameEn).HasMaxLength(300);
        b.Property(x => x.NameHi).HasMaxLength(300);
        b.Property(x => x.Sections).HasMaxLength(300);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.HasOne(x => x.Department).WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.DepartmentId, x.Code }).IsUnique();
        b.HasMany(x => x.Performers).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Performers).HasField("performers").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(x => x.SectionCodes);
    }
}

internal sealed class TaskPerformerConfiguration : IEntityTypeConfiguration<TaskPerformer>
{
    public void Configure(EntityTypeBuilder<TaskPerformer> b)
    {
        b.HasOne<Designation>().WithMany().HasForeignKey(x => x.DesignationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.TaskId, x.DesignationId, x.OfficeType }).IsUnique();
        b.HasIndex(x => new { x.DesignationId, x.OfficeType });
    }
}

internal sealed class PostTaskConfiguration : IEntityTypeConfiguration<PostTask>
{
    public void Configure(EntityTypeBuilder<PostTask> b)
    {
        b.HasOne<Post>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<WorkTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.PostId, x.TaskId }).IsUnique();
    }
}

internal sealed class SectionPresenceConfiguration : IEntityTypeConfiguration<SectionPresence>
{
    public void Configure(EntityTypeBuilder<SectionPresence> b)
    {
        b.HasOne<Section>().WithMany().HasForeignKey(x => x.SectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.SectionId).IsUnique();
    }
}

internal sealed class AssessmentRulesConfiguration : IEntityTypeConfiguration<AssessmentRules>
{
    public void Configure(EntityTypeBuilder<AssessmentRules> b)
    {
        b.HasIndex(x => x.Version).IsUnique();
        b.HasIndex(x => x.EffectiveFrom);
        b.Ignore(x => x.OfficeDays);
    }
}

internal sealed class OfficeOrderConfiguration : IEntityTypeConfiguration<OfficeOrder>
{
    public void Configure(EntityTypeBuilder<OfficeOrder> b)
    {
        b.Property(x => x.OrderNumber).HasMaxLength(100);
        b.Property(x => x.ScanHash).HasMaxLength(64);
        b.Property(x => x.ScanContentType).HasMaxLength(100);
        b.HasOne<Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OfficeId, x.EffectiveFrom });
        b.HasMany(x => x.Essential).WithOne().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Essential).HasField("essential").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class EssentialPostConfiguration : IEntityTypeConfiguration<EssentialPost>
{
    public void Configure(EntityTypeBuilder<EssentialPost> b)
    {
        b.HasOne<Post>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OrderId, x.PostId }).IsUnique();
    }
}

internal sealed class ExemptionConfiguration : IEntityTypeConfiguration<Exemption>
{
    public void Configure(EntityTypeBuilder<Exemption> b)
    {
        b.Property(x => x.Details).HasMaxLength(2000);
        b.Property(x => x.Remarks).HasMaxLength(2000);
        b.HasOne<Employee>().WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Post>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.EmployeeId, x.From });
        b.HasIndex(x => new { x.PostId, x.Status });
    }
}

internal sealed class HolidayConfiguration : IEntityTypeConfiguration<Holiday>
{
    public void Configure(EntityTypeBuilder<Holiday> b)
    {
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.Property(x => x.NameHi).HasMaxLength(200);
        b.HasOne<Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.Date, x.OfficeId }).IsUnique();
    }
}

internal sealed class RosterConfiguration : IEntityTypeConfiguration<Roster>
{
    public void Configure(EntityTypeBuilder<Roster> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Office>().WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OfficeOrder>().WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OfficeId, x.From });
        b.HasMany(x => x.Entries).WithOne().HasForeignKey(x => x.RosterId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Entries).HasField("entries").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class RosterEntryConfiguration : IEntityTypeConfiguration<RosterEntry>
{
    public void Configure(EntityTypeBuilder<RosterEntry> b)
    {
        b.HasOne<Employee>().WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.RosterId, x.Day, x.EmployeeId }).IsUnique();
        b.HasIndex(x => new { x.EmployeeId, x.Day });
    }
}

internal sealed class DailyAttendanceConfiguration : IEntityTypeConfiguration<DailyAttendance>
{
    public void Configure(EntityTypeBuilder<DailyAttendance> b)
    {
        b.HasOne<Employee>().WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.EmployeeId, x.Date }).IsUnique();
        b.HasIndex(x => new { x.PostId, x.Date });
    }
}

internal sealed class WorkReportConfiguration : IEntityTypeConfiguration<WorkReport>
{
    public void Configure(EntityTypeBuilder<WorkReport> b)
    {
        b.Property(x => x.Text).HasMaxLength(4000);
        b.Property(x => x.Remark).HasMaxLength(2000);
        b.HasOne<Employee>().WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.EmployeeId, x.Date }).IsUnique();
        b.HasIndex(x => new { x.PostId, x.Date });
    }
}
