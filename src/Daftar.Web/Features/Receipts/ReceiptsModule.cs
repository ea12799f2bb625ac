using Daftar.Files;
using Daftar.Web.Features.Files;
using Daftar.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Receipts;

public static class ReceiptsModule
{
    public static IServiceCollection AddReceipts(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<DiariseReceipt>();
        services.AddScoped<ReceiptAccess>();
        services.AddScoped<ReceiptQueries>();
        services.AddScoped<SendReceipt>();
        services.AddScoped<CloseReceipt>();
        services.AddScoped<PutReceiptInFile>();
        return services;
    }

    public static void MapReceiptsApi(this RouteGroupBuilder api)
    {
        var receipts = api.MapGroup("/receipts").WithTags("Receipts");
        receipts.MapPost("", async ([FromForm] DiariseReceiptForm form, IFormFileCollection? documents, DiariseReceipt handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                var uploads = (documents ?? new FormFileCollection()).Select(f => new UploadedDocument(f.FileName, f.OpenReadStream)).ToList();
                var cmd = new DiariseReceiptCommand(form.Sender, form.LetterNumber, form.LetterDate, form.ReceivedOn, form.Subject, form.Category,
                    form.Mode ?? ReceiptMode.Post, form.Language ?? "hi", form.Grading ?? Grading.Normal);
                return (await handler.HandleAsync(cmd, uploads, ct)).ToHttp(l, r => Results.Created($"/api/receipts/{r.Id}", r));
            })
            .DisableAntiforgery()
            .Produces<DiarisedReceipt>(StatusCodes.Status201Created)
            .Produces(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Diarises a receipt (multipart: the particulars, and 'documents' for scanned PDF/JPEG/PNG/TIFF pages).");
        receipts.MapGet("", async (ReceiptStatus? status, ReceiptQueries actions, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await actions.ListAsync(status ?? ReceiptStatus.Open, ct)).ToHttp(l, Results.Ok))
            .WithSummary("Receipts: open ones held by your posts (default), or filed / closed ones you may see.")
            .Produces<IReadOnlyList<ReceiptRow>>();
        receipts.MapGet("/{id:int}", async (int id, ReceiptQueries actions, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await actions.GetAsync(id, ct)).ToHttp(l, Results.Ok))
            .Produces<ReceiptView>()
            .WithSummary("A receipt you may see, or one put into a file you may see, with the addresses of its scans.");
        receipts.MapGet("/{id:int}/documents/{order:int}", async (int id, int order, ReceiptQueries actions, BlobStore blobs, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                await actions.DocumentAsync(id, order, ct) is { } doc && blobs.OpenRead(doc.BlobHash) is { } stream
                    ? Results.File(stream, doc.ContentType, enableRangeProcessing: true)
                    : ApiResults.NotFound(l, "Document"))
            .WithSummary("A scanned document, shown in the browser (inline).")
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/pdf", "image/jpeg", "image/png", "image/tiff");
        receipts.MapPost("/{id:int}/send", async (int id, SendFileCommand cmd, SendReceipt actions, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await actions.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Sends a receipt you hold to another post.");
        receipts.MapPost("/{id:int}/put-in-file", async (int id, PutInFileCommand cmd, PutReceiptInFile actions, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await actions.HandleAsync(id, cmd, ct)).ToHttp(l, fileId => Results.Ok(new FileIdAnswer(fileId))))
            .WithSummary("Puts the receipt into a file you hold (fileId), or into a new file (newFileSubject, headNumber).")
            .Produces<FileIdAnswer>();
        receipts.MapPost("/{id:int}/close", async (int id, CloseReceipt actions, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await actions.HandleAsync(id, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Closes a receipt you hold (no file needed).");
    }

    public sealed class DiariseReceiptForm
    {
        public string? Sender { get; set; }
        public string? LetterNumber { get; set; }
        public DateOnly? LetterDate { get; set; }
        public DateOnly? ReceivedOn { get; set; }
        public string? Subject { get; set; }
        public string? Category { get; set; }
        public ReceiptMode? Mode { get; set; }
        public string? Language { get; set; }
        public Grading? Grading { get; set; }
    }
}
