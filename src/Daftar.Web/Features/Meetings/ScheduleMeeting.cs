using Daftar.Data;
using Daftar.Meetings;
using Daftar.Web.Features.People;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Meetings;

/// <summary>Schedules a meeting or a recurring review, invites its posts (by name, by rule) and guests, and sends the invitations.</summary>
public sealed class ScheduleMeeting(DaftarDb db, CurrentOfficer current, MeetingPlanning planning, MeetingSettings settings, Invitations invitations,
    TimeProvider clock, AuditActor audit)
{
    public async Task<Result<int>> HandleAsync(MeetingCommand cmd, CancellationToken ct)
    {
        var officer = await current.GetAsync(ct);
        if (officer?.ActingPost is null || officer.EmployeeId is null) return MeetingsErrors.NoPost;
        var checkedCmd = await planning.ValidateAsync(cmd, ct);
        if (!checkedCmd.Succeeded) return Result<int>.Fail(checkedCmd.Errors);
        var c = checkedCmd.Value!;
        var organiser = await db.Posts.SingleAsync(p => p.Id == officer.ActingPost.PostId, ct);
        var employee = await db.Employees.SingleAsync(e => e.Id == officer.EmployeeId, ct);
        var meeting = new Meeting(c.Title, c.Purpose, c.Description, c.Chair, organiser, employee, c.Schedule, settings.Zone, c.Video, c.ExternalUrl,
            c.MaxSpeakers, clock.GetUtcNow());
        meeting.SetAgenda(c.Agenda);
        var changes = await planning.SetParticipantsAsync(meeting, c, ct);
        if (!changes.Succeeded) return Result<int>.Fail(changes.Errors);
        audit.ActingPostId = organiser.Id;
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        if (cmd.Notify) await invitations.SendAsync(meeting.Id, changes.Value!, ct);
        return meeting.Id;
    }
}

/// <summary>Changes a meeting (organiser or chair): its details, schedule, agenda and invitees; the invitees are told what changed.</summary>
public sealed class ChangeMeeting(MeetingAccess access, MeetingPlanning planning, MeetingSettings settings, Invitations invitations)
{
    public async Task<Result<int>> HandleAsync(int id, MeetingCommand cmd, CancellationToken ct)
    {
        var loaded = await access.LoadForManagerAsync(id, ct);
        if (!loaded.Succeeded) return Result<int>.Fail(loaded.Errors);
        var meeting = loaded.Value!;
        var checkedCmd = await planning.ValidateAsync(cmd, ct);
        if (!checkedCmd.Succeeded) return Result<int>.Fail(checkedCmd.Errors);
        var c = checkedCmd.Value!;
        meeting.Update(c.Title, c.Purpose, c.Description, c.Chair, c.Video, c.ExternalUrl, c.MaxSpeakers);
        meeting.Reschedule(c.Schedule, settings.Zone);
        meeting.SetAgenda(c.Agenda);
        var changes = await planning.SetParticipantsAsync(meeting, c, ct);
        if (!changes.Succeeded) return Result<int>.Fail(changes.Errors);
        if (await access.SaveAsync(ct) is { } conflict) return conflict;
        if (cmd.Notify) await invitations.SendAsync(meeting.Id, changes.Value! with { Updated = true }, ct);
        return meeting.Id;
    }

}
