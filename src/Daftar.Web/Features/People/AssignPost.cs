using Daftar.Data;
using Daftar.People;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.People;

public sealed record AssignPostCommand(int PostId, ChargeKind Kind, DateOnly? From, DateOnly? To);

/// <summary>Posts an employee to a post (regular posting or additional charge); an earlier regular posting ends the day before.</summary>
public sealed class AssignPost(DaftarDb db, TimeProvider clock)
{
    public async Task<Result<int>> HandleAsync(int employeeId, AssignPostCommand cmd, CancellationToken ct)
    {
        if (!Enum.IsDefined(cmd.Kind))
            return PeopleErrors.InvalidCharge;
        var employee = await db.Employees.Include(e => e.Assignments).ThenInclude(a => a.Post)
            .SingleOrDefaultAsync(e => e.Id == employeeId, ct);
        if (employee is null) return Error.NotFound("Employee");
        var post = await db.Posts.SingleOrDefaultAsync(p => p.Id == cmd.PostId, ct);
        if (post is null) return Error.Unknown("postId", "Post");
        var holders = await db.PostAssignments.Where(a => a.PostId == post.Id).ToListAsync(ct);
        var from = cmd.From ?? clock.Today();
        var refused = employee.AssignTo(post, cmd.Kind, from, cmd.To, holders);
        if (refused is not null)
            return new Error(refused.Code, refused.Message, refused == PeopleError.PostAlreadyHeld ? ErrorKind.Conflict : ErrorKind.Invalid, "postId");
        await db.SaveChangesAsync(ct);
        return employee.Assignments.Last().Id;
    }
}

/// <summary>Ends a posting on a given day (a transfer or the end of additional charge).</summary>
/// <summary>
/// Ends a posting on its last day. An office cannot relieve someone who still holds what it must get back (equipment of
/// the office, say) unless they stay in the office on another posting.
/// </summary>
public sealed class EndAssignment(DaftarDb db, TimeProvider clock, IEnumerable<IRelievingCheck> checks)
{
    public async Task<Result<int>> HandleAsync(int assignmentId, DateOnly? lastDay, CancellationToken ct)
    {
        var assignment = await db.PostAssignments.SingleOrDefaultAsync(a => a.Id == assignmentId, ct);
        if (assignment is null) return Error.NotFound("Posting");
        var day = lastDay ?? clock.Today();
        if (day < assignment.From)
            return PeopleErrors.AssignmentEndsBeforeStart;
        var officeId = await db.Posts.Where(p => p.Id == assignment.PostId).Select(p => p.OfficeId).SingleAsync(ct);
        var staysInOffice = await db.PostAssignments.AnyAsync(a => a.Id != assignment.Id && a.EmployeeId == assignment.EmployeeId
            && a.Post.OfficeId == officeId && (a.To == null || a.To > day), ct);
        if (!staysInOffice && await IRelievingCheck.AllAsync(checks, assignment.EmployeeId, officeId, ct) is { Count: > 0 } held)
            return PeopleErrors.StillHolds(held);
        assignment.End(day);
        await db.SaveChangesAsync(ct);
        return assignment.Id;
    }
}
