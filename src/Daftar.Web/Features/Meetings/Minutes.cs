using System.Globalization;
using System.Net;
using Daftar.Data;
using Daftar.Meetings;
using Daftar.Signing;
using Daftar.Web.Features.Files;
using Daftar.Web.Features.People;
using Daftar.Web.Features.Signing;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Web.Features.Meetings;

public sealed record MinutesCommand(string? Body);
public sealed record SignMinutesCommand(string? Pin);
public sealed record MinutesView(int Id, int OccurrenceId, string Body, MinutesStatus Status, int Signatures, DateTimeOffset UpdatedAt, bool CanEdit, bool CanSign, string? PdfUrl);

/// <summary>The minutes of an occurrence as its pages and the API read them, and the signed PDF.</summary>
public sealed class MinutesQueries(DaftarDb db, MeetingAccess access, BlobStore blobs)
{
    /// <summary>Whether the caller may draft this occurrence's minutes (its meeting's organiser or chair).</summary>
    public async Task<bool> CanDraftMinutesAsync(int occurrenceId, CancellationToken ct)
    {
        var loaded = await access.LoadOccurrenceAsync(occurrenceId, ct);
        return loaded.Succeeded && loaded.Value.Manager;
    }

    public async Task<Result<MinutesView?>> GetAsync(int occurrenceId, CancellationToken ct)
    {
        var loaded = await access.LoadOccurrenceAsync(occurrenceId, ct);
        if (!loaded.Succeeded) return Result<MinutesView?>.Fail(loaded.Errors);
        var minutes = await db.MeetingMinutes.AsNoTracking().SingleOrDefaultAsync(m => m.OccurrenceId == occurrenceId, ct);
        return minutes is null ? Result<MinutesView?>.Ok(null) : View(minutes, loaded.Value);
    }

    internal static MinutesView View(MeetingMinutes m, (MeetingOccurrence Occurrence, Officer Officer, bool Manager) c) =>
        new(m.Id, m.OccurrenceId, m.Body, m.Status, m.Signatures, m.UpdatedAt, c.Manager && m.Status == MinutesStatus.Draft,
            m.Status == MinutesStatus.Draft ? c.Officer.Posts.Any(p => p.PostId == c.Occurrence.Meeting.ChairPostId) : true,
            m.PdfHash is null ? null : $"/api/occurrences/{m.OccurrenceId}/minutes/pdf");

    public async Task<(Stream Content, string FileName)?> PdfAsync(int occurrenceId, CancellationToken ct)
    {
        var loaded = await access.LoadOccurrenceAsync(occurrenceId, ct);
        if (!loaded.Succeeded) return null;
        var hash = await db.MeetingMinutes.Where(m => m.OccurrenceId == occurrenceId).Select(m => m.PdfHash).SingleOrDefaultAsync(ct);
        if (hash is null || await blobs.ReadAllAsync(hash, ct) is not { } pdf) return null;
        return (new MemoryStream(pdf), $"minutes-{loaded.Value.Occurrence.MeetingId}-{loaded.Value.Occurrence.Number}.pdf");
    }
}

/// <summary>Drafts or revises the minutes of an occurrence (organiser or chair) until they are signed.</summary>
public sealed class SaveMinutes(DaftarDb db, MeetingAccess access, TimeProvider clock)
{
    public async Task<Result<MinutesView>> HandleAsync(int occurrenceId, MinutesCommand cmd, CancellationToken ct)
    {
        var loaded = await access.LoadOccurrenceAsync(occurrenceId, ct);
        if (!loaded.Succeeded) return Result<MinutesView>.Fail(loaded.Errors);
        var c = loaded.Value;
        if (!c.Manager) return MeetingsErrors.NotManager;
        var v = new Validation();
        var body = v.Paragraphs(cmd.Body, "body", "Minutes", NoteText.MaxLength, required: true);
        if (v.Failed) return Result<MinutesView>.Fail(v.Errors);
        var post = await db.Posts.SingleAsync(p => p.Id == c.Officer.ActingPost!.PostId, ct);
        var minutes = await db.MeetingMinutes.SingleOrDefaultAsync(m => m.OccurrenceId == occurrenceId, ct);
        if (minutes is null) db.MeetingMinutes.Add(minutes = new MeetingMinutes(c.Occurrence, body!, post, clock.GetUtcNow()));
        else if (minutes.Revise(body!, post, clock.GetUtcNow()) is { } refused) return new Error(refused.Code, refused.Message, ErrorKind.Conflict);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException or DbUpdateException)
        {
            return MeetingsErrors.ChangedMeanwhile;
        }
        return MinutesQueries.View(minutes, c);
    }
}

/// <summary>
/// Signs the minutes: the first signature, the chair's, renders them to PDF (with the attendance and action items as
/// recorded) and freezes them; every later one is appended without disturbing the earlier ones.
/// </summary>
public sealed class SignMinutes(DaftarDb db, MeetingAccess access, MeetingSettings settings, PdfRenderer renderer, UnlockSigner unlock, BlobStore blobs,
    NoteText markdown, Daftar.Web.Features.Signing.Pki trust, TimeProvider clock)
{
    public async Task<Result<MinutesView>> HandleAsync(int occurrenceId, SignMinutesCommand cmd, CancellationToken ct)
    {
        var loaded = await access.LoadOccurrenceAsync(occurrenceId, ct);
        if (!loaded.Succeeded) return Result<MinutesView>.Fail(loaded.Errors);
        var c = loaded.Value;
        var minutes = await db.MeetingMinutes.SingleOrDefaultAsync(m => m.OccurrenceId == occurrenceId, ct);
        if (minutes is null) return Error.NotFound("Minutes");
        var employee = await db.Employees.SingleAsync(e => e.Id == c.Officer.EmployeeId, ct);
        var isChair = c.Officer.Posts.Any(p => p.PostId == c.Occurrence.Meeting.ChairPostId);
        var postId = isChair ? c.Occurrence.Meeting.ChairPostId : c.Officer.ActingPost!.PostId;
        var post = await PdfSignatures.SigningPostAsync(db, postId, ct);
        byte[] pdf;
        if (minutes.Status == MinutesStatus.Draft)
        {
            if (!isChair) return MeetingsErrors.ChairSignsFirst;
            if (!renderer.IsAvailable) return Rendering.Missing;
            try
            {
                pdf = await renderer.RenderAsync(await MinutesHtmlAsync(c.Occurrence, minutes, ct), ct);
            }
            catch (RendererUnavailableException)
            {
                return Rendering.Missing;
            }
        }
        else
        {
            if (await blobs.ReadAllAsync(minutes.PdfHash!, ct) is not { } existing) return Error.NotFound("Minutes");
            if (await PdfSignatures.IsSignedByAsync(db, existing, await trust.TrustAsync(ct), employee.Id, ct)) return MeetingsErrors.AlreadySigned;
            pdf = existing;
        }
        var unlocked = await unlock.HandleAsync(employee.Id, cmd.Pin, ct);
        if (!unlocked.Succeeded) return Result<MinutesView>.Fail(unlocked.Errors);
        using var signer = unlocked.Value!;
        var now = clock.GetUtcNow();
        var signed = PdfSigner.Sign(pdf, signer.Signer, await PdfSignatures.RequestAsync(renderer, signer.Signer.Certificate, post, hindi: true, english: true, now, ct), now);
        var stored = await blobs.StoreAsync(new MemoryStream(signed), ct);
        if (!stored.Succeeded) return Result<MinutesView>.Fail(stored.Errors);
        minutes.Signed(stored.Value!.Hash, stored.Value.Size);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return MeetingsErrors.ChangedMeanwhile;
        }
        return MinutesQueries.View(minutes, c);
    }

    private async Task<string> MinutesHtmlAsync(MeetingOccurrence o, MeetingMinutes minutes, CancellationToken ct)
    {
        var m = o.Meeting;
        var chair = await db.Posts.Include(p => p.Designation).Include(p => p.Office).ThenInclude(x => x.Department).SingleAsync(p => p.Id == m.ChairPostId, ct);
        var present = await db.Attendance.Where(a => a.OccurrenceId == o.Id).Select(a => a.Grant.Display).Distinct().ToListAsync(ct);
        var actions = await db.ActionItems.Where(a => a.OccurrenceId == o.Id).OrderBy(a => a.Id)
            .Select(a => new { a.Text, a.DueOn, PostEn = a.AssigneePost.Designation.NameEn + ", " + a.AssigneePost.Office.NameEn }).ToListAsync(ct);
        static string H(string s) => WebUtility.HtmlEncode(s);
        var start = settings.Local(o.StartsAtUtc);
        var sb = new System.Text.StringBuilder();
        sb.Append("<!doctype html><html lang=\"hi\"><head><meta charset=\"utf-8\"><style>")
          .Append("body{font-family:'Noto Sans Devanagari','Lohit Devanagari','Noto Sans',sans-serif;font-size:12pt;margin:2cm;}h1{font-size:16pt;text-align:center}")
          .Append("h2{font-size:13pt;margin-top:1.2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #444;padding:4px;text-align:left}")
          .Append(".head{text-align:center}</style></head><body>")
          .Append("<div class=\"head\">").Append(H(chair.Office.Department.NameHi)).Append(" / ").Append(H(chair.Office.Department.NameEn)).Append("</div>")
          .Append("<h1>कार्यवाही विवरण / Minutes of the meeting</h1>")
          .Append("<p><b>").Append(H(m.Title)).Append("</b><br>")
          .Append(H(start.ToString("dd-MM-yyyy HH:mm", CultureInfo.InvariantCulture))).Append(" IST<br>")
          .Append("अध्यक्षता / Chair: ").Append(H(chair.Designation.NameHi)).Append(" / ").Append(H(chair.TitleEn)).Append("</p>")
          .Append("<h2>उपस्थिति / Present (").Append(present.Count.ToString(CultureInfo.InvariantCulture)).Append(")</h2><ol>");
        foreach (var p in present.Order(StringComparer.Ordinal)) sb.Append("<li>").Append(H(p)).Append("</li>");
        sb.Append("</ol><h2>कार्यवाही / Proceedings</h2>").Append(markdown.ToHtml(minutes.Body));
        if (actions.Count > 0)
        {
            sb.Append("<h2>कार्यवाही बिंदु / Action items</h2><table><tr><th>#</th><th>Action</th><th>Post</th><th>Due</th></tr>");
            var n = 0;
            foreach (var a in actions)
                sb.Append("<tr><td>").Append(++n).Append("</td><td>").Append(H(a.Text)).Append("</td><td>").Append(H(a.PostEn)).Append("</td><td>")
                  .Append(a.DueOn.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture)).Append("</td></tr>");
            sb.Append("</table>");
        }
        sb.Append("</body></html>");
        return sb.ToString();
    }
}
