using Daftar.Data;
using Daftar.People;
using Daftar.Web.Infrastructure;
using Daftar.WorkFromHome;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.WorkFromHome;

/// <summary>Which posts perform a task: those of a designation (by code) in offices of a type.</summary>
public sealed record PerformerCommand(string? Designation, OfficeType OfficeType);

/// <summary>A task of the catalogue; <c>Department</c> is its code (the caller's own department when left out).</summary>
public sealed record SaveTaskCommand(string? Code, string? NameEn, string? NameHi, IReadOnlyList<string>? Sections, IReadOnlyList<TaskFact>? Facts, string? Note,
    IReadOnlyList<PerformerCommand>? Performers, string? Department = null, bool IsActive = true);

/// <summary>Adds a task to a department's catalogue, or changes one (<c>id</c>): its names, sections, facts and the posts that perform it.</summary>
public sealed class SaveTask(DaftarDb db, WorkFromHomeAccess access)
{
    public async Task<Result<int>> HandleAsync(int? id, SaveTaskCommand cmd, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return WorkFromHomeErrors.NoPost;
        var task = id is { } existingId ? await db.WorkTasks.Include(t => t.Performers).SingleOrDefaultAsync(t => t.Id == existingId, ct) : null;
        if (id is not null && (task is null || !WorkFromHomeAccess.MayReadCatalogue(viewer, task.DepartmentId))) return Error.NotFound("Task");

        var v = new Validation();
        var departmentId = task?.DepartmentId ?? viewer.DepartmentId;
        if (task is null && !string.IsNullOrWhiteSpace(cmd.Department))
        {
            var code = cmd.Department.Trim().ToUpperInvariant();
            if (await db.Departments.Where(d => d.Code == code).Select(d => (int?)d.Id).SingleOrDefaultAsync(ct) is { } found) departmentId = found;
            else v.Add(Error.Unknown("department", "Department"));
        }
        if (!WorkFromHomeAccess.MayKeepCatalogue(viewer, departmentId)) return WorkFromHomeErrors.NotYourDepartment;

        var taskCode = task?.Code ?? v.Code(cmd.Code, "code", "Task code", 40);
        var nameEn = v.Required(cmd.NameEn, "nameEn", "Name (English)", 300);
        var nameHi = v.Required(cmd.NameHi, "nameHi", "Name (Hindi)", 300);
        var note = v.Optional(cmd.Note, "note", "What the facts mean for this task", 1000);
        var facts = cmd.Facts ?? [];
        if (facts.Any(f => !TaskFacts.All.Contains(f))) v.Add(Error.NotInList("facts"));
        var sections = (cmd.Sections ?? []).Select(s => s.Trim().ToUpperInvariant()).Where(s => s.Length > 0).Distinct().ToList();
        if (sections.Count > 0)
        {
            var known = await db.Sections.Where(s => s.Office.DepartmentId == departmentId).Select(s => s.Code).Distinct().ToListAsync(ct);
            if (sections.Except(known).Any()) v.Add(Error.Unknown("sections", "Section"));
        }
        var performers = new List<(int, OfficeType)>();
        foreach (var p in cmd.Performers ?? [])
        {
            var code = p.Designation?.Trim().ToUpperInvariant();
            var designation = code is null ? null : await db.Designations.Where(d => d.Code == code).Select(d => (int?)d.Id).SingleOrDefaultAsync(ct);
            if (designation is null) v.Add(Error.Unknown("performers", "Designation"));
            else if (!Enum.IsDefined(p.OfficeType)) v.Add(Error.NotInList("performers"));
            else performers.Add((designation.Value, p.OfficeType));
        }
        if (v.Failed) return Result<int>.Fail(v.Errors);
        if (task is null && await db.WorkTasks.AnyAsync(t => t.DepartmentId == departmentId && t.Code == taskCode, ct)) return WorkFromHomeErrors.DuplicateTaskCode;

        task ??= db.WorkTasks.Add(new WorkTask(departmentId, taskCode!, nameEn!, nameHi!)).Entity;
        if (task.Describe(nameEn!, nameHi!, sections, TaskFacts.Combine(facts), note) is { } refused) return WorkFromHomeErrors.From(refused);
        task.SetPerformers(performers);
        if (cmd.IsActive) task.Restore();
        else task.Retire();
        await db.SaveChangesAsync(ct);
        return task.Id;
    }
}

/// <summary>One post's exception to the catalogue's mapping: it performs a task, or it does not (<c>Performs</c>); null removes the exception.</summary>
public sealed record PostTaskCommand(int TaskId, bool? Performs);

public sealed class OverridePostTask(DaftarDb db, WorkFromHomeAccess access)
{
    public async Task<Result<int>> HandleAsync(int postId, PostTaskCommand cmd, CancellationToken ct)
    {
        var viewer = await access.ViewerAsync(ct);
        if (viewer is null) return WorkFromHomeErrors.NoPost;
        var post = await db.Posts.AsNoTracking().Where(p => p.Id == postId).Select(p => new { p.Id, p.Office.DepartmentId }).SingleOrDefaultAsync(ct);
        if (post is null || !WorkFromHomeAccess.MayReadCatalogue(viewer, post.DepartmentId)) return Error.NotFound("Post");
        if (!WorkFromHomeAccess.MayKeepCatalogue(viewer, post.DepartmentId)) return WorkFromHomeErrors.NotYourDepartment;
        if (!await db.WorkTasks.AnyAsync(t => t.Id == cmd.TaskId && t.DepartmentId == post.DepartmentId, ct)) return Error.Unknown("taskId", "Task");
        var existing = await db.PostTasks.SingleOrDefaultAsync(o => o.PostId == postId && o.TaskId == cmd.TaskId, ct);
        if (cmd.Performs is not { } performs)
        {
            if (existing is not null) db.PostTasks.Remove(existing);
        }
        else if (existing is null) db.PostTasks.Add(new PostTask(postId, cmd.TaskId, performs));
        else existing.Set(performs);
        await db.SaveChangesAsync(ct);
        return postId;
    }
}
