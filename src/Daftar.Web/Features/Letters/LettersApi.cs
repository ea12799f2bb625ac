using Daftar.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Letters;

public static class LettersApi
{
    public static void MapLettersApi(this RouteGroupBuilder api)
    {
        var drafts = api.MapGroup("").WithTags("Drafts and letters");
        drafts.MapPost("/files/{id:int}/drafts", async (int id, StartDraftCommand cmd, Drafts handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.StartAsync(id, cmd, ct)).ToHttp(l, draftId => Results.Created($"/api/drafts/{draftId}", new { id = draftId })))
            .WithSummary("Starts a draft for approval (letter, office order, memorandum, notice, minutes) in a file you hold.");
        drafts.MapGet("/drafts/{id:int}", async (int id, Drafts handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.GetAsync(id, ct)).ToHttp(l, Results.Ok))
            .WithSummary("A draft with every version (author post and time), and its issued letter if any.");
        drafts.MapPut("/drafts/{id:int}", async (int id, ReviseDraftCommand cmd, Drafts handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.ReviseAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .WithSummary("Saves a new version of a draft (the file's holder, until it is approved).");
        drafts.MapGet("/drafts/{id:int}/diff", async (int id, int from, int to, Drafts handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.DiffAsync(id, from, to, ct)).ToHttp(l, Results.Ok))
            .WithSummary("Line by line differences between two versions.");
        drafts.MapPost("/drafts/{id:int}/approve", async (int id, ApproveDraftCommand cmd, Drafts handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.ApproveAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .WithSummary("Approves one version (an officer senior to the drafter, holding the file); an approved draft never changes.");
        drafts.MapPost("/drafts/{id:int}/issue", async (int id, IssueDraftCommand cmd, Drafts handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.IssueAsync(id, cmd, ct)).ToHttp(l, letter => Results.Created(letter.PdfUrl, letter)))
            .WithSummary("Issues the approved version: numbered, rendered to PDF, signed by you (PIN unless a signing session is open), added to the correspondence.");
        drafts.MapPost("/letters/{id:int}/sign", async (int id, IssueDraftCommand cmd, Drafts handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.CoSignAsync(id, cmd, ct)).ToHttp(l, Results.Ok))
            .WithSummary("Adds your signature to an issued letter (a joint order) while you hold its file; earlier signatures stay valid.");
        drafts.MapGet("/letters/{id:int}/pdf", async (int id, Drafts handler, CancellationToken ct) =>
                await handler.PdfAsync(id, ct) is { } pdf ? Results.File(pdf.Content, "application/pdf", pdf.FileName) : Results.NotFound())
            .WithSummary("The signed PDF of an issued letter.");
    }
}
