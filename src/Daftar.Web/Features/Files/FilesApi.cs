using Daftar.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Files;

/// <summary>Files over HTTP; the same handlers as the pages. A file the caller may not see is a 404.</summary>
public static class FilesApi
{
    public static void MapFilesApi(this RouteGroupBuilder api)
    {
        var files = api.MapGroup("").WithTags("Files");
        files.MapGet("/inbox", async (string? tab, FileQueries queries, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await queries.InboxAsync(tab, ct)).ToHttp(l, Results.Ok))
            .WithSummary("The caller's files: tab = new | opened | overdue | sent | created | parked | closed, with counts of every tab.");
        files.MapPost("/files", async (CreateFileCommand cmd, CreateFile handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.HandleAsync(cmd, ct)).ToHttp(l, id => Results.Created($"/api/files/{id}", new { id })))
            .WithSummary("Opens a file in the acting post's section; the file number is assigned.");
        files.MapGet("/files/{id:int}", async (int id, FileQueries queries, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await queries.GetAsync(id, markOpened: true, ct)).ToHttp(l, Results.Ok))
            .WithSummary("A file with its note sheet and movements. Reading a file you hold marks it opened (it can no longer be pulled back).");
        files.MapPost("/files/{id:int}/notes", async (int id, SaveNoteCommand cmd, SaveNote handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.HandleAsync(id, cmd, ct)).ToHttp(l, noteId => Results.Ok(new { id = noteId })))
            .WithSummary("Writes or replaces your post's draft (yellow) note.");
        files.MapPost("/notes/{id:int}/confirm", async (int id, ConfirmNote handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(id, ct)).ToHttp(l, _ => Results.NoContent()));
        files.MapDelete("/notes/{id:int}", async (int id, DiscardNote handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(id, ct)).ToHttp(l, _ => Results.NoContent()));
        files.MapPost("/files/{id:int}/send", async (int id, SendFileCommand cmd, SendFile handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .WithSummary("Sends the file to another post; your draft note is confirmed first.");
        files.MapPost("/files/{id:int}/pull-back", async (int id, PullBackFile handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(id, ct)).ToHttp(l, _ => Results.NoContent()));
        files.MapPost("/files/{id:int}/park", async (int id, RemarksCommand cmd, ParkFile handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()));
        files.MapPost("/files/{id:int}/unpark", async (int id, UnparkFile handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(id, ct)).ToHttp(l, _ => Results.NoContent()));
        files.MapPost("/files/{id:int}/close", async (int id, RemarksCommand cmd, CloseFile handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()));
        files.MapPost("/files/{id:int}/reopen", async (int id, RemarksCommand cmd, ReopenFile handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await handler.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()));
        files.MapGet("/recipients", (string? q, FindRecipients handler, CancellationToken ct) => handler.HandleAsync(q, ct))
            .WithSummary("Posts to send a file to: matches by name, designation or office in either script; without q, quick picks.");
    }

    public static IServiceCollection AddFilesFeatures(this IServiceCollection services)
    {
        services.AddSingleton<NoteText>();

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
        services.AddScoped<DiariseReceipt>();
        services.AddScoped<ReceiptActions>();
        services.AddSingleton<BlobStore>();
        return services;
    }
}
