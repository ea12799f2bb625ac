using System.Globalization;
using Daftar.Data;
using Daftar.Files;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Files;

public sealed record CreateFileCommand(string? Subject, int? HeadNumber, string? Category, FileKind Kind = FileKind.Electronic,
    Grading Grading = Grading.Normal, RetentionCategory Retention = RetentionCategory.C, int? RetentionYears = 10, int? SignNotesAtLevel = null);

/// <summary>
/// Opens a new file in the acting post's section. The file number is built from the department's head, a serial
/// per head, section and year, the department's file head and the section: F.12(3)/DOIT/GR-1/2026.
/// </summary>
public sealed class CreateFile(DaftarDb db, FileActions files, RunningNumbers numbers, AuditActor audit, IConfiguration config)
{
    /// <param name="asPostId">A post the officer holds to open the file for (a receipt put into a new file goes to the
    /// post that held the receipt, which may be an additional charge); by default the acting post.</param>
    public async Task<Result<int>> HandleAsync(CreateFileCommand cmd, CancellationToken ct, int? asPostId = null)
    {
        var v = new Validation();
        var subject = v.Required(cmd.Subject, "subject", "Subject", 500);
        var category = v.Optional(cmd.Category, "category", "Category", 100);
        if (cmd.HeadNumber is null) v.Add(Error.Required("headNumber", "File head"));
        if (!Enum.IsDefined(cmd.Kind)) v.Add(Error.NotInList("kind"));
        if (!Enum.IsDefined(cmd.Grading)) v.Add(Error.NotInList("grading"));
        if (!Enum.IsDefined(cmd.Retention)) v.Add(Error.NotInList("retention"));
        if (cmd.Retention != RetentionCategory.A && cmd.RetentionYears is not (>= 1 and <= 100))
            v.Add(FilesErrors.InvalidRetention);
        if (cmd.SignNotesAtLevel is not (null or (>= 1 and <= 20)))
            v.Add(Error.NotInList("signNotesAtLevel"));
        if (v.Failed) return Result<int>.Fail(v.Errors);

        var viewer = await files.ViewerAsync(ct);
        if (viewer?.ActingPostId is not { } postId) return FilesErrors.NoPost;
        if (asPostId is { } chosen)
        {
            if (!viewer.PostIds.Contains(chosen)) return Error.Forbidden();
            postId = chosen;
        }
        var post = await db.Posts.Include(p => p.Section).Include(p => p.Office).ThenInclude(o => o.Department).SingleAsync(p => p.Id == postId, ct);
        if (post.Section is null)
            return FilesErrors.NoSection;
        var department = post.Office.Department;
        var head = await db.FileHeads.SingleOrDefaultAsync(h => h.DepartmentId == department.Id && h.Number == cmd.HeadNumber, ct);
        if (head is null) return Error.Unknown("headNumber", "File head");
        var employee = await db.Employees.SingleAsync(e => e.Id == viewer.EmployeeId, ct);
        audit.ActingPostId = post.Id;
        var now = files.Now;
        var year = now.Year.ToString(CultureInfo.InvariantCulture);

        // Inside a larger action (a receipt put into a new file) the caller's transaction decides for both.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var computerNumber = await numbers.NextAsync("computer-number", ct);
        var serial = await numbers.NextAsync($"file/{department.Code}/{head.Number}/{post.Section.Code}/{year}", ct);
        var fileNumber = string.Create(CultureInfo.InvariantCulture, $"F.{head.Number}({serial})/{department.FileHead}/{post.Section.Code}/{year}");
        var file = new EFile(computerNumber, fileNumber, subject!, category, cmd.Kind, cmd.Grading, cmd.Retention, cmd.RetentionYears,
            department, post.Section, post, employee, now);
        // The signature policy: as asked, else the installation's default (Signing:RequireSignaturesAtLevel).
        file.RequireSignedNotes(cmd.SignNotesAtLevel ?? config.GetValue<int?>("Signing:RequireSignaturesAtLevel"));
        db.Files.Add(file);
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return file.Id;
    }
}
