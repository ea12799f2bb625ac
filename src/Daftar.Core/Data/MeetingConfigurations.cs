using Daftar.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Daftar.Data;

/// <summary>Meeting times are UTC DateTimes (both providers sort and compare them); reading them back marks them UTC again.</summary>
internal static class Utc
{
    public static readonly ValueConverter<DateTime, DateTime> Converter = new(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
    public static readonly ValueConverter<DateTime?, DateTime?> Nullable = new(v => v, v => v == null ? null : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.Property(x => x.Uid).HasMaxLength(60);
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.Description).HasMaxLength(4000);
        b.Property(x => x.ExternalUrl).HasMaxLength(500);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.ChairPost).WithMany().HasForeignKey(x => x.ChairPostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.OrganiserPost).WithMany().HasForeignKey(x => x.OrganiserPostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.CreatedBy).WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Occurrences).WithOne(x => x.Meeting).HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Agenda).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Invitees).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Rules).WithOne().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.Uid).IsUnique();
        b.Ignore(x => x.Schedule);
    }
}

internal sealed class MeetingOccurrenceConfiguration : IEntityTypeConfiguration<MeetingOccurrence>
{
    public void Configure(EntityTypeBuilder<MeetingOccurrence> b)
    {
        b.Property(x => x.StartsAtUtc).HasConversion(Utc.Converter);
        b.Property(x => x.EndsAtUtc).HasConversion(Utc.Converter);
        b.Property(x => x.OriginalStartsAtUtc).HasConversion(Utc.Converter);
        b.Property(x => x.RoomOpenedAtUtc).HasConversion(Utc.Nullable);
        b.Property(x => x.RoomClosedAtUtc).HasConversion(Utc.Nullable);
        b.Property(x => x.JanusServer).HasMaxLength(100);
        b.HasIndex(x => new { x.MeetingId, x.Number }).IsUnique();
        b.HasIndex(x => x.StartsAtUtc);
        b.Ignore(x => x.IsCancelled);
    }
}

internal sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> b)
    {
        b.Property(x => x.Title).HasMaxLength(500);
        b.Property(x => x.DocumentHash).HasMaxLength(64);
        b.Property(x => x.DocumentName).HasMaxLength(255);
        b.HasOne(x => x.OwnerPost).WithMany().HasForeignKey(x => x.OwnerPostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Daftar.Files.EFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ParticipantRuleConfiguration : IEntityTypeConfiguration<ParticipantRule>
{
    public void Configure(EntityTypeBuilder<ParticipantRule> b)
    {
        b.HasOne<Daftar.People.Office>().WithMany().HasForeignKey(x => x.UnderOfficeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Daftar.People.Designation>().WithMany().HasForeignKey(x => x.DesignationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Daftar.People.Department>().WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InviteeConfiguration : IEntityTypeConfiguration<Invitee>
{
    public void Configure(EntityTypeBuilder<Invitee> b)
    {
        b.Property(x => x.GuestName).HasMaxLength(200);
        b.Property(x => x.GuestEmail).HasMaxLength(254);
        b.Property(x => x.GuestLinkHash).HasMaxLength(64);
        b.HasOne(x => x.Post).WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Rule).WithMany().HasForeignKey(x => x.RuleId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.MeetingId, x.PostId }).IsUnique().HasFilter("\"PostId\" IS NOT NULL");
        b.HasIndex(x => x.GuestLinkHash).IsUnique().HasFilter("\"GuestLinkHash\" IS NOT NULL");
        b.HasIndex(x => x.PostId);
    }
}

internal sealed class JoinGrantConfiguration : IEntityTypeConfiguration<JoinGrant>
{
    public void Configure(EntityTypeBuilder<JoinGrant> b)
    {
        b.Property(x => x.Display).HasMaxLength(300);
        b.Property(x => x.HandRaisedAtUtc).HasConversion(Utc.Nullable);
        b.Property(x => x.IssuedAtUtc).HasConversion(Utc.Converter);
        b.HasOne(x => x.Occurrence).WithMany().HasForeignKey(x => x.OccurrenceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Invitee>().WithMany().HasForeignKey(x => x.InviteeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Daftar.People.Post>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Daftar.People.Employee>().WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OccurrenceId, x.JanusId }).IsUnique();
        // One grant per person (employee, or guest invitee) per occurrence: a second request returns the same one.
        b.HasIndex(x => new { x.OccurrenceId, x.EmployeeId }).IsUnique().HasFilter("\"EmployeeId\" IS NOT NULL");
        b.HasIndex(x => new { x.OccurrenceId, x.InviteeId }).IsUnique().HasFilter("\"EmployeeId\" IS NULL AND \"InviteeId\" IS NOT NULL");
    }
}

internal sealed class AttendanceConfiguration : IEntityTypeConfiguration<Attendance>
{
    public void Configure(EntityTypeBuilder<Attendance> b)
    {
        b.Property(x => x.JoinedAtUtc).HasConversion(Utc.Converter);
        b.Property(x => x.LastSeenAtUtc).HasConversion(Utc.Converter);
        b.Property(x => x.LeftAtUtc).HasConversion(Utc.Nullable);
        b.HasOne(x => x.Grant).WithMany().HasForeignKey(x => x.GrantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<MeetingOccurrence>().WithMany().HasForeignKey(x => x.OccurrenceId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.OccurrenceId, x.LeftAtUtc });
    }
}

internal sealed class MeetingMinutesConfiguration : IEntityTypeConfiguration<MeetingMinutes>
{
    public void Configure(EntityTypeBuilder<MeetingMinutes> b)
    {
        b.Property(x => x.Body).HasMaxLength(50_000);
        b.Property(x => x.PdfHash).HasMaxLength(64);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.Occurrence).WithMany().HasForeignKey(x => x.OccurrenceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Daftar.People.Post>().WithMany().HasForeignKey(x => x.DraftedByPostId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.OccurrenceId).IsUnique();
    }
}

internal sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> b)
    {
        b.Property(x => x.Text).HasMaxLength(2000);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.Meeting).WithMany().HasForeignKey(x => x.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Occurrence).WithMany().HasForeignKey(x => x.OccurrenceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.AssigneePost).WithMany().HasForeignKey(x => x.AssigneePostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Daftar.People.Post>().WithMany().HasForeignKey(x => x.CreatedByPostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Daftar.Files.EFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Updates).WithOne(x => x.ActionItem).HasForeignKey(x => x.ActionItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.AssigneePostId, x.Status });
        b.HasIndex(x => x.MeetingId);
        b.Ignore(x => x.IsClosed);
    }
}

internal sealed class ActionUpdateConfiguration : IEntityTypeConfiguration<ActionUpdate>
{
    public void Configure(EntityTypeBuilder<ActionUpdate> b)
    {
        b.Property(x => x.Text).HasMaxLength(2000);
        b.HasOne<Daftar.People.Post>().WithMany().HasForeignKey(x => x.PostId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Daftar.People.Employee>().WithMany().HasForeignKey(x => x.EmployeeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> b)
    {
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasIndex(x => x.AccountId).IsUnique();
        b.HasOne<Daftar.Accounts.Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
