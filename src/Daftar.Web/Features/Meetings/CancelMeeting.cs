using Daftar.Data;
using Daftar.Meetings;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Meetings;

public sealed record MoveOccurrenceCommand(DateOnly? Day, string? StartTime, int? DurationMinutes);

/// <summary>Cancels a whole meeting (organiser or chair); the invitees are sent the cancellation.</summary>
public sealed class CancelMeeting(MeetingAccess access, Invitations invitations)
{
    public async Task<Result<int>> HandleAsync(int id, CancellationToken ct)
    {
        var loaded = await access.LoadForManagerAsync(id, ct);
        if (!loaded.Succeeded) return Result<int>.Fail(loaded.Errors);
        loaded.Value!.Cancel();
        if (await access.SaveAsync(ct) is { } conflict) return conflict;
        await invitations.SendAsync(id, new InvitationChanges([], [], [], Updated: true), ct);
        return id;
    }
}

/// <summary>Cancels one occurrence of a recurring review; the others stand.</summary>
public sealed class CancelOccurrence(OccurrenceChange change)
{
    public Task<Result<int>> HandleAsync(int occurrenceId, CancellationToken ct) =>
        change.ApplyAsync(occurrenceId, (o, now) => o.CancelOne(now), ct);
}

/// <summary>Moves one occurrence to another day or time; the invitees get the updated invitation.</summary>
public sealed class MoveOccurrence(OccurrenceChange change, MeetingSettings settings)
{
    public async Task<Result<int>> HandleAsync(int occurrenceId, MoveOccurrenceCommand cmd, CancellationToken ct)
    {
        var v = new Validation();
        if (cmd.Day is null) v.Add(Error.Required("day", "Date"));
        var time = MeetingPlanning.ParseTime(cmd.StartTime, v);
        if (cmd.DurationMinutes is not (>= 5 and <= 720)) v.Add(MeetingsErrors.InvalidDuration);
        if (v.Failed) return Result<int>.Fail(v.Errors);
        return await change.ApplyAsync(occurrenceId, (o, now) => o.Move(cmd.Day!.Value, time!.Value, cmd.DurationMinutes!.Value, settings.Zone, now), ct);
    }
}

/// <summary>A change to one occurrence, made by the meeting's manager, saved, and told to the invitees.</summary>
public sealed class OccurrenceChange(DaftarDb db, MeetingAccess access, Invitations invitations)
{
    public async Task<Result<int>> ApplyAsync(int occurrenceId, Func<MeetingOccurrence, DateTime, MeetingError?> change, CancellationToken ct)
    {
        var meetingId = await db.MeetingOccurrences.Where(o => o.Id == occurrenceId).Select(o => (int?)o.MeetingId).SingleOrDefaultAsync(ct);
        if (meetingId is null) return Error.NotFound("Meeting");
        var loaded = await access.LoadForManagerAsync(meetingId.Value, ct);
        if (!loaded.Succeeded) return Result<int>.Fail(loaded.Errors);
        var meeting = loaded.Value!;
        if (change(meeting.Occurrences.Single(o => o.Id == occurrenceId), access.NowUtc) is { } refused)
            return new Error(refused.Code, refused.Message, ErrorKind.Conflict);
        meeting.Touch();
        if (await access.SaveAsync(ct) is { } conflict) return conflict;
        await invitations.SendAsync(meeting.Id, new InvitationChanges([], [], [], Updated: true), ct);
        return occurrenceId;
    }
}
