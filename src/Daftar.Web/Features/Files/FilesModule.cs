using Daftar.Web.Features.People;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Files;

/// <summary>A file head of the department: its number goes into the file number (F.12(3)/…).</summary>
public sealed record FileHeadChoice(int Number, string NameEn, string NameHi);

/// <summary>Files over HTTP; the same handlers as the pages. A file the caller may not see is a 404.</summary>
public static class FilesModule
{
    public static void MapFilesApi(this RouteGroupBuilder api)
    {
        var files = api.MapGroup("").WithTags("Files");
        files.MapGet("/inbox", async (string? tab, int? page, FileQueries queries, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await queries.InboxAsync(tab, page ?? 1, ct)).ToHttp(l, Results.Ok))
            .WithSummary("The caller's files, 50 a page: tab = new | opened | overdue | sent | created | parked | closed, with counts of every tab.")
            .Produces<Inbox>();
        files.MapPost("/files", async (CreateFileCommand cmd, CreateFile handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.HandleAsync(cmd, ct)).ToHttp(l, id => Results.Created($"/api/files/{id}", new IdAnswer(id))))
            .WithSummary("Opens a file in the acting post's section; the file number is assigned.")
            .Produces<IdAnswer>(StatusCodes.Status201Created);
        files.MapGet("/files/{id:int}", async (int id, FileQueries queries, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await queries.GetAsync(id, markOpened: true, ct)).ToHttp(l, Results.Ok))
            .WithSummary("A file with its note sheet and its newest 20 movements (movementCount says how many there are). Reading a file you hold marks it opened (it can no longer be pulled back).")
            .Produces<FileView>();
        files.MapGet("/files/{id:int}/audit", async (int id, FileAuditTrail trail, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await trail.HandleAsync(id, ct)).ToHttp(l, Results.Ok))
            .WithSummary("The file's audit trail, newest first (at most 200 events): each event as a sentence in the language of Accept-Language, with the sealed record (action, details) beside it.")
            .Produces<IReadOnlyList<AuditLine>>();
        files.MapGet("/files/{id:int}/movements", async (int id, int? page, FileQueries queries, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await queries.HistoryAsync(id, page ?? 1, ct)).ToHttp(l, Results.Ok))
            .WithSummary("A file's movements, oldest first, 50 a page. Reading them does not mark the file opened.")
            .Produces<MovementHistory>();
        files.MapPost("/files/{id:int}/notes", async (int id, SaveNoteCommand cmd, SaveNote handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.HandleAsync(id, cmd, ct)).ToHttp(l, noteId => Results.Ok(new IdAnswer(noteId))))
            .WithSummary("Writes or replaces your post's draft (yellow) note.")
            .Produces<IdAnswer>();
        files.MapPost("/notes/{id:int}/confirm", async (int id, ConfirmNote handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(id, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Confirms your draft (yellow) note: it becomes green, numbered, and never changes again.");
        files.MapDelete("/notes/{id:int}", async (int id, DiscardNote handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(id, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Discards your draft (yellow) note.");
        files.MapPost("/files/{id:int}/send", async (int id, SendFileCommand cmd, SendFile handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .WithSummary("Sends the file to another post; your draft note is confirmed first.")
            .Produces(StatusCodes.Status204NoContent);
        files.MapPost("/files/{id:int}/pull-back", async (int id, PullBackFile handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(id, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Pulls back the file you sent, while the recipient has not opened it.");
        files.MapPost("/files/{id:int}/park", async (int id, RemarksCommand cmd, ParkFile handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Parks a file you hold, with remarks.");
        files.MapPost("/files/{id:int}/unpark", async (int id, UnparkFile handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(id, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Takes a parked file back into work.");
        files.MapPost("/files/{id:int}/close", async (int id, RemarksCommand cmd, CloseFile handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Closes a file you hold, with remarks.");
        files.MapPost("/files/{id:int}/reopen", async (int id, RemarksCommand cmd, ReopenFile handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Reopens a closed file, with remarks.");
        files.MapPost("/files/{id:int}/documents", async (int id, IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] string? title, AttachDocument handler,
                IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.HandleAsync(id, new AttachDocumentCommand(title), file is null ? null : new UploadedDocument(file.FileName, file.OpenReadStream), ct))
                    .ToHttp(l, order => Results.Created(DocumentUrl(id, order), new DocumentAnswer(order, DocumentUrl(id, order)))))
            .DisableAntiforgery()
            .WithSummary("Uploads a document (PDF, JPEG, PNG, TIFF; multipart field 'file', optional 'title') into the correspondence of a file you hold.")
            .Produces<DocumentAnswer>(StatusCodes.Status201Created);
        files.MapGet("/files/{id:int}/correspondence/{order:int}/document", async (int id, int order, FileDocuments documents, BlobStore blobs,
                IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                await documents.FindAsync(id, order, ct) is { BlobHash: { } hash } item && blobs.OpenRead(hash) is { } stream
                    ? Results.File(stream, item.ContentType ?? "application/octet-stream", StoredBlob.SafeFileName(item.FileName, item.ContentType ?? ""), enableRangeProcessing: true)
                    : ApiResults.NotFound(l, "Document"))
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/pdf", "image/jpeg", "image/png", "image/tiff")
            .WithSummary("A document of the file's correspondence (an upload or an issued letter) as stored: PDF, JPEG, PNG or TIFF. The scans of a receipt put into the file are at /api/receipts/{id}/documents/{n}; each correspondence item lists the addresses of its documents (apiUrl).");
        files.MapPut("/files/{id:int}/correspondence/{order:int}", async (int id, int order, MarkCorrespondenceCommand cmd, MarkCorrespondence handler,
                IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.HandleAsync(id, order, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .WithSummary("Sets the PUC and FR flags of an item of the correspondence.")
            .Produces(StatusCodes.Status204NoContent);
        files.MapPost("/files/{id:int}/links", async (int id, LinkFileCommand cmd, LinkFile handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .WithSummary("Links a file you hold to another file you may see, given by its computer number or file number.")
            .Produces(StatusCodes.Status204NoContent);
        files.MapDelete("/files/{id:int}/links/{linkedId:int}", async (int id, int linkedId, LinkFile handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.UnlinkAsync(id, linkedId, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Removes the link to another file.");
        files.MapPost("/files/{id:int}/shares", async (int id, ShareFileCommand cmd, ShareFile handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .WithSummary("Shares a file you hold with another post for reading (normal grading only); the file stays with you.")
            .Produces(StatusCodes.Status204NoContent);
        files.MapDelete("/files/{id:int}/shares/{postId:int}", async (int id, int postId, ShareFile handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.StopAsync(id, postId, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Stops sharing the file with a post.");
        files.MapGet("/files/{id:int}/print", async (int id, PrintFile handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.HandleAsync(id, ct)).ToHttp(l, p => Results.File(p.Pdf, "application/pdf", p.FileName)))
            .WithSummary("The whole file as one PDF: the note sheet with signatures shown, then the correspondence in order.")
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/pdf");
        files.MapGet("/file-heads", async (CurrentOfficer current, Daftar.Data.DaftarDb db, CancellationToken ct) =>
            {
                var postId = (await current.GetAsync(ct))?.ActingPost?.PostId ?? 0;
                var departmentId = await db.Posts.Where(p => p.Id == postId).Select(p => (int?)p.Office.DepartmentId).SingleOrDefaultAsync(ct);
                return await db.FileHeads.AsNoTracking().Where(h => h.DepartmentId == departmentId).OrderBy(h => h.Number)
                    .Select(h => new FileHeadChoice(h.Number, h.NameEn, h.NameHi)).ToListAsync(ct);
            })
            .WithSummary("The file heads of your acting post's department: the headNumber a new file (or a receipt put into a new file) names.");
        files.MapGet("/recipients", (string? q, FindRecipients handler, CancellationToken ct) => handler.HandleAsync(q, ct))
            .WithSummary("Posts to send a file to: matches by name, designation or office in either script; without q, quick picks.")
            .Produces<IReadOnlyList<FindRecipients.Recipient>>();
    }

    /// <summary>The API address of a document of a file's correspondence.</summary>
    public static string DocumentUrl(int fileId, int order) => $"/api/files/{fileId}/correspondence/{order}/document";

    public static IServiceCollection AddFiles(this IServiceCollection services, IConfiguration config)
    {
        services.AddHostedService<InboxCountCompactor>();
        services.AddSingleton<NoteText>();
        services.AddScoped<PrintFile>();
        services.AddScoped<FileAuditTrail>();

        services.AddScoped<FileActions>();
        services.AddScoped<FileQueries>();
        services.AddScoped<FindRecipients>();
        services.AddScoped<CreateFile>();
        services.AddScoped<SaveNote>();
        services.AddScoped<ConfirmNote>();
        services.AddScoped<DiscardNote>();
        services.AddScoped<SendFile>();
        services.AddScoped<PullBackFile>();
        services.AddScoped<ParkFile>();
        services.AddScoped<UnparkFile>();
        services.AddScoped<CloseFile>();
        services.AddScoped<ReopenFile>();
        services.AddSingleton<BlobStore>();
        services.AddScoped<AttachDocument>();
        services.AddScoped<MarkCorrespondence>();
        services.AddScoped<FileDocuments>();
        services.AddScoped<LinkFile>();
        services.AddScoped<ShareFile>();
        return services;
    }
}
