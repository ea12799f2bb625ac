using System.Globalization;
using System.Text.RegularExpressions;
using Daftar.Data;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Files;

/// <summary>One event of a file's audit trail as a reader meets it: who, as which post, when, and what happened in a
/// sentence of the reader's language; <see cref="Action"/> and <see cref="Details"/> are the sealed record itself.</summary>
public sealed record AuditLine(long? Sequence, DateTimeOffset At, string? Actor, string? ActorPost, string Sentence, string Action, string Details);

/// <summary>
/// A file's audit trail told in sentences ("Sent the file to Section Officer, DoIT&amp;C GR-1. Remarks: …"): the
/// events keep the changed fields of each record (ADR 0007), which are evidence but not reading for an officer.
/// </summary>
public sealed partial class FileAuditTrail(DaftarDb db, FileActions files, IStringLocalizer<SharedResource> l)
{
    public const int MaxEvents = 200;

    public async Task<Result<IReadOnlyList<AuditLine>>> HandleAsync(int fileId, CancellationToken ct)
    {
        var viewer = await files.ViewerAsync(ct);
        if (viewer is null) return FilesErrors.NoPost;
        if (!await FileActions.VisibleTo(db.Files, viewer).AnyAsync(f => f.Id == fileId, ct)) return Error.NotFound("File");
        return Result<IReadOnlyList<AuditLine>>.Ok(await ReadAsync(fileId, ct));
    }

    /// <summary>The newest <see cref="MaxEvents"/> events of a file the caller may see (checked by the caller).</summary>
    public async Task<IReadOnlyList<AuditLine>> ReadAsync(int fileId, CancellationToken ct)
    {
        var key = fileId.ToString(CultureInfo.InvariantCulture);
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.ObjectType == "file" && e.ObjectId == key)
            .OrderByDescending(e => e.Id).Take(MaxEvents).ToListAsync(ct);
        var parsed = events.Select(e => (Event: e, Fields: Fields(e.Summary))).ToList();
        var postIds = parsed.SelectMany(p => p.Fields.Where(f => f.Key.EndsWith("PostId", StringComparison.Ordinal)).Select(f => f.Value.After))
            .Select(v => int.TryParse(v, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Concat(events.Select(e => e.ActingPostId ?? 0)).Where(id => id > 0).Distinct().ToList();
        var posts = await db.Posts.AsNoTracking().Where(p => postIds.Contains(p.Id))
            .Select(p => new { p.Id, En = p.Designation.NameEn + ", " + p.Office.NameEn, Hi = p.Designation.NameHi + ", " + p.Office.NameHi })
            .ToDictionaryAsync(p => p.Id, p => Localisation.Pick(p.En, p.Hi), ct);
        var actorIds = events.Select(e => e.ActorEmployeeId ?? 0).Where(id => id > 0).Distinct().ToList();
        var people = await db.Employees.AsNoTracking().Where(e => actorIds.Contains(e.Id))
            .ToDictionaryAsync(e => e.Id, e => Localisation.Pick(e.NameEn, e.NameHi), ct);

        string Post(string? id) => int.TryParse(id, CultureInfo.InvariantCulture, out var postId) && posts.TryGetValue(postId, out var name) ? name : l["a post"];
        return parsed.Select(p => new AuditLine(p.Event.Sequence, p.Event.At,
            p.Event.ActorEmployeeId is { } actor && people.TryGetValue(actor, out var who) ? who : null,
            p.Event.ActingPostId is { } acting && posts.TryGetValue(acting, out var post) ? post : null,
            Sentence(p.Event.Action, p.Fields, Post), p.Event.Action, p.Event.Summary)).ToList();
    }

    private string Sentence(string action, IReadOnlyDictionary<string, (string? Before, string After)> fields, Func<string?, string> post)
    {
        string? After(string name) => fields.TryGetValue(name, out var v) ? v.After : null;
        bool Became(string name, string value) => fields.TryGetValue(name, out var v) && v.After == value;
        var remarks = After("Remarks") is { } r && r != "∅" ? r : null;
        string WithRemarks(string sentence) => remarks is null ? sentence : sentence + " " + l["Remarks: {0}", remarks];
        return action switch
        {
            "EFile.Added" => l["Opened the file."],
            "EFile.Modified" when fields.ContainsKey("HolderPostId") => l["The file is now with {0}.", post(After("HolderPostId"))],
            "EFile.Modified" when fields.ContainsKey("Status") => l["The file's status changed to {0}.", l[After("Status") ?? ""]],
            "EFile.Modified" when fields.ContainsKey("Subject") => l["Changed the subject of the file."],
            "EFile.Modified" => l["Updated the file's record."],
            "Movement.Added" => After("Kind") switch
            {
                "Created" => l["Opened the file with {0}.", post(After("ToPostId"))],
                "Sent" => WithRemarks(l["Sent the file to {0}.", post(After("ToPostId"))]),
                "PulledBack" => WithRemarks(l["Pulled the file back from {0}.", post(After("FromPostId"))]),
                "Parked" => WithRemarks(l["Parked the file."]),
                "Unparked" => WithRemarks(l["Took the file out of parking."]),
                "Closed" => WithRemarks(l["Closed the file."]),
                "Reopened" => WithRemarks(l["Reopened the file."]),
                _ => l["Recorded a movement of the file."],
            },
            "Movement.Modified" => l["Recorded that the file was opened."],
            "Note.Added" => l["Wrote a draft note."],
            "Note.Modified" when Became("IsConfirmed", "True") => After("Number") is { } n && n != "∅" ? l["Confirmed note {0}.", n] : l["Confirmed a note."],
            "Note.Modified" => l["Revised the draft note."],
            "Note.Deleted" => l["Discarded the draft note."],
            "Correspondence.Added" => After("Title") is { } t ? l["Added “{0}” to the correspondence.", t] : l["Added a document to the correspondence."],
            "Correspondence.Modified" when Became("IsPuc", "True") => l["Marked an item of the correspondence as PUC."],
            "Correspondence.Modified" when Became("IsFr", "True") => l["Marked an item of the correspondence as FR."],
            "Correspondence.Modified" => l["Changed the PUC and FR marks of the correspondence."],
            "FileLink.Added" => WithRemarks(l["Linked another file to this one."]),
            "FileLink.Deleted" => l["Removed the link to another file."],
            "SharedWith.Added" => WithRemarks(l["Shared the file with {0} for reading.", post(After("PostId"))]),
            "SharedWith.Deleted" => l["Stopped sharing the file with {0}.", post(fields.TryGetValue("PostId", out var s) ? s.After : null)],
            _ => l["Changed the file's record."],
        };
    }

    /// <summary>The changed fields of an event's summary ("Name: value; Name: before → after").</summary>
    public static IReadOnlyDictionary<string, (string? Before, string After)> Fields(string summary)
    {
        var fields = new Dictionary<string, (string?, string)>(StringComparer.Ordinal);
        var starts = FieldStart().Matches(summary).ToList();
        for (var i = 0; i < starts.Count; i++)
        {
            var name = starts[i].Groups[1].Value;
            var from = starts[i].Index + starts[i].Length;
            var to = i + 1 < starts.Count ? starts[i + 1].Index - 2 : summary.Length;
            var value = to > from ? summary[from..to] : "";
            var arrow = value.IndexOf(" → ", StringComparison.Ordinal);
            fields[name] = arrow >= 0 ? (value[..arrow], value[(arrow + 3)..]) : (null, value);
        }
        return fields;
    }

    [GeneratedRegex(@"(?:^|(?<=; ))([A-Z][A-Za-z]+): ")]
    private static partial Regex FieldStart();
}
