using Daftar.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Letters;

public static class LettersModule
{
    public static IServiceCollection AddLetters(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<LetterAccess>();
        services.AddScoped<DraftQueries>();
        services.AddScoped<StartDraft>();
        services.AddScoped<ReviseDraft>();
        services.AddScoped<ApproveDraft>();
        services.AddScoped<IssueLetter>();
        services.AddScoped<CoSignLetter>();
        services.AddScoped<LetterVerification>();
        services.AddScoped<Dispatching>();
        return services;
    }

    public static void MapLettersApi(this RouteGroupBuilder api)
    {
        var drafts = api.MapGroup("").WithTags("Drafts and letters");
        drafts.MapPost("/files/{id:int}/drafts", async (int id, StartDraftCommand cmd, StartDraft handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.HandleAsync(id, cmd, ct)).ToHttp(l, draftId => Results.Created($"/api/drafts/{draftId}", new IdAnswer(draftId))))
            .Produces<IdAnswer>(StatusCodes.Status201Created)
            .WithSummary("Starts a draft for approval (letter, office order, memorandum, notice, minutes) in a file you hold.");
        drafts.MapGet("/drafts/{id:int}", async (int id, DraftQueries handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.GetAsync(id, ct)).ToHttp(l, Results.Ok))
            .Produces<DraftView>()
            .WithSummary("A draft with every version (author post and time), and its issued letter if any.");
        drafts.MapPut("/drafts/{id:int}", async (int id, ReviseDraftCommand cmd, ReviseDraft handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Saves a new version of a draft (the file's holder, until it is approved).");
        drafts.MapGet("/drafts/{id:int}/diff", async (int id, int from, int to, DraftQueries handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.DiffAsync(id, from, to, ct)).ToHttp(l, Results.Ok))
            .Produces<IReadOnlyList<DiffLine>>()
            .WithSummary("Line by line differences between two versions.");
        drafts.MapPost("/drafts/{id:int}/approve", async (int id, ApproveDraftCommand cmd, ApproveDraft handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Approves one version (an officer senior to the drafter, holding the file); an approved draft never changes.");
        drafts.MapPost("/drafts/{id:int}/issue", async (int id, IssueDraftCommand cmd, IssueLetter handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.HandleAsync(id, cmd, ct)).ToHttp(l, letter => Results.Created(letter.PdfUrl, letter)))
            .Produces<LetterView>(StatusCodes.Status201Created)
            .WithSummary("Issues the approved version: numbered, rendered to PDF, signed by you (PIN unless a signing session is open), added to the correspondence.");
        drafts.MapPost("/letters/{id:int}/sign", async (int id, IssueDraftCommand cmd, CoSignLetter handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.HandleAsync(id, cmd, ct)).ToHttp(l, Results.Ok))
            .Produces<LetterView>()
            .WithSummary("Adds your signature to an issued letter (a joint order) while you hold its file; earlier signatures stay valid.");
        drafts.MapPost("/letters/{id:int}/dispatches", async (int id, DispatchCommand cmd, Dispatching handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.DispatchAsync(id, cmd, ct)).ToHttp(l, row => Results.Created($"/api/dispatches?q={Uri.EscapeDataString(row.LetterNumber)}", row)))
            .Produces<DispatchRow>(StatusCodes.Status201Created)
            .WithSummary("Dispatches an issued letter: mode Email (sent now), Post (address, postal mode, postage), Hand, or Electronic to a Daftar post (arrives as a receipt).");
        drafts.MapGet("/dispatches", async (string? q, DateOnly? from, DateOnly? to, Daftar.Files.DispatchMode? mode, Dispatching handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.RegisterAsync(q, from, to, mode, ct)).ToHttp(l, Results.Ok))
            .Produces<IReadOnlyList<DispatchRow>>()
            .WithSummary("The dispatch register: letters sent from files you may see, searchable by number, subject or recipient, and by dates.");
        drafts.MapGet("/dispatches/export", async (string? q, DateOnly? from, DateOnly? to, Daftar.Files.DispatchMode? mode, Dispatching handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.RegisterAsync(q, from, to, mode, ct)).ToHttp(l, rows => Results.File(Dispatching.Csv(rows), "text/csv; charset=utf-8", "dispatch-register.csv")))
            .Produces(StatusCodes.Status200OK, typeof(Stream), "text/csv")
            .WithSummary("The dispatch register as CSV (opens in Excel).");
        drafts.MapGet("/letters/{id:int}/pdf", async (int id, DraftQueries handler, CancellationToken ct) =>
                await handler.PdfAsync(id, ct) is { } pdf ? Results.File(pdf.Content, "application/pdf", pdf.FileName) : Results.Problem(statusCode: StatusCodes.Status404NotFound))
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/pdf")
            .WithSummary("The signed PDF of an issued letter.");
    }
}
