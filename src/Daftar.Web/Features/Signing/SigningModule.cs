using Daftar.Data;
using Daftar.Signing;
using Daftar.Web.Features.Files;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Signing;

/// <summary>Until when signing stays unlocked.</summary>
public sealed record SessionAnswer(DateTimeOffset OpenUntil);

public static class SigningModule
{
    /// <summary>Public PKI: CA certificates, CRLs and the timestamp authority, at stable URLs, without sign-in.</summary>
    public static void MapSigningPublic(this WebApplication app)
    {
        var pki = app.MapGroup("/pki").AllowAnonymous().WithTags("PKI");
        pki.MapGet("/root.crt", (DaftarDb db, CancellationToken ct) => CertificateAsync(db, a => a.Kind == AuthorityKind.Root && a.IsCurrent, "daftar-root.crt", ct))
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/pkix-cert")
            .Produces(StatusCodes.Status404NotFound)
            .WithSummary("The installation's root certificate (DER): trust it to check what Daftar signs.");
        pki.MapGet("/tsa.crt", (DaftarDb db, CancellationToken ct) => CertificateAsync(db, a => a.Kind == AuthorityKind.Timestamping && a.IsCurrent, "daftar-tsa.crt", ct))
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/pkix-cert")
            .Produces(StatusCodes.Status404NotFound)
            .WithSummary("The timestamp authority's certificate (DER).");
        pki.MapGet("/ca/{code}.crt", async (string code, DaftarDb db, CancellationToken ct) =>
        {
            code = code.ToUpperInvariant();
            // The department code names its current CA; a renewed generation keeps its own code (DOIT-2) for the certificates it issued.
            return await CertificateAsync(db, a => a.Kind == AuthorityKind.Issuing && (a.Code == code || (a.IsCurrent && a.Department!.Code == code)), $"daftar-{code}.crt", ct);
        })
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/pkix-cert")
            .Produces(StatusCodes.Status404NotFound)
            .WithSummary("A department's issuing CA certificate (DER), by department code or CA code.");
        pki.MapGet("/crl/{code}.crl", async (string code, PkiQueries admin, CancellationToken ct) =>
            await admin.CrlAsync(code == Pki.RootCode ? code : code.ToUpperInvariant(), ct) is { } crl
                ? Results.File(crl, "application/pkix-crl", $"{code}.crl")
                : Results.NotFound())
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/pkix-crl")
            .Produces(StatusCodes.Status404NotFound)
            .WithSummary("A CA's current revocation list (DER).");
        pki.MapPost("/tsa", async (HttpRequest request, Pki authorities, CancellationToken ct) =>
        {
            if (request.ContentType?.Split(';')[0].Trim() != "application/timestamp-query")
                return Results.Problem("Send an RFC 3161 request as application/timestamp-query.", statusCode: 415);
            using var body = new MemoryStream();
            var buffer = new byte[4096];
            int read;
            while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
            {
                body.Write(buffer, 0, read);
                if (body.Length > 16 * 1024) return Results.Problem("A timestamp request is a few hundred bytes; this one is too large.", statusCode: 413);
            }
            var tsa = await authorities.TimestampAuthorityAsync(ct);
            return Results.Bytes(tsa.Respond(body.ToArray()), "application/timestamp-reply");
        }).DisableAntiforgery().RequireRateLimiting("tsa")
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/timestamp-reply")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("RFC 3161 timestamps (application/timestamp-query in, application/timestamp-reply out), for anyone, rate-limited per address.");
    }

    public static void MapSigningApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/signing").WithTags("Signing");
        me.MapGet("", async (MySigningStatus e, IStringLocalizer<SharedResource> l, CancellationToken ct) => (await e.HandleAsync(ct)).ToHttp(l, Results.Ok))
            .Produces<SigningStatus>()
            .WithSummary("Your signing certificate, whether signing is locked, and until when a signing session is open.");
        me.MapPost("/enrol", async (EnrolCommand cmd, EnrolForSigning e, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await e.HandleAsync(cmd, ct)).ToHttp(l, id => Results.Created("/api/signing", new IdAnswer(id))))
            .Produces<IdAnswer>(StatusCodes.Status201Created)
            .WithSummary("Issues your signing certificate from your department's CA; the key is kept encrypted under your PIN. replace=true enrols again.");
        me.MapPost("/session", async (PinCommand cmd, OpenSigningSession e, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await e.HandleAsync(cmd, ct)).ToHttp(l, until => Results.Ok(new SessionAnswer(until))))
            .Produces<SessionAnswer>()
            .WithSummary("Opens a signing session with your PIN. Five wrong PINs lock signing.");
        me.MapDelete("/session", async (CloseSigningSession e, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await e.HandleAsync(ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Locks signing again (closes the signing session).");
        me.MapPost("/revoke", async (RevokeCommand cmd, RevokeOwnCertificate e, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await e.HandleAsync(cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Revokes your own certificate (a lost or exposed key). Signatures made before stay valid.");
        me.MapPost("/external", async (IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] string? password, [Microsoft.AspNetCore.Mvc.FromForm] string? pin,
                RegisterOutsideCertificate e, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await e.HandleAsync(file is null ? null : new UploadedDocument(file.FileName, file.OpenReadStream), password, pin, ct)).ToHttp(l, r => Results.Created("/api/signing", r)))
            .Produces<Registered>(StatusCodes.Status201Created)
            .DisableAntiforgery()
            .WithSummary("Registers a DSC from a licensed CA (PKCS#12 'file' with its 'password'); the key is kept under your signing 'pin'. Its name must be yours in Daftar (DscNameRule), else status is AwaitingApproval until an administrator approves it. Its CA's current CRL must be at hand or fetchable from the certificate's distribution point.");

        var notes = api.MapGroup("/notes").WithTags("Signing");
        notes.MapPost("/{id:int}/sign", async (int id, SignNoteCommand cmd, SignNote signing, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await signing.HandleAsync(id, cmd, ct)).ToHttp(l, Results.Ok))
            .Produces<NoteSignatureView>()
            .WithSummary("Signs your green note (detached CMS with a timestamp). Give the PIN unless a signing session is open.");
        notes.MapGet("/{id:int}/signature", async (int id, NoteSignatureQueries signing, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await signing.VerifyAsync(id, ct)).ToHttp(l, Results.Ok))
            .Produces<NoteSignatureView>()
            .WithSummary("The note's signature checked now: text, certificate chain, revocation and timestamp.");
        notes.MapGet("/{id:int}/signature/content", async (int id, NoteSignatureQueries signing, CancellationToken ct) =>
                await signing.DownloadAsync(id, ct) is { } d ? Results.File(d.Content, "text/plain; charset=utf-8", $"note-{id}.txt") : Results.Problem(statusCode: StatusCodes.Status404NotFound))
            .Produces(StatusCodes.Status200OK, typeof(Stream), "text/plain")
            .WithSummary("The exact bytes the signature covers.");
        notes.MapGet("/{id:int}/signature/cms", async (int id, NoteSignatureQueries signing, CancellationToken ct) =>
                await signing.DownloadAsync(id, ct) is { } d ? Results.File(d.Cms, "application/pkcs7-signature", $"note-{id}.p7s") : Results.Problem(statusCode: StatusCodes.Status404NotFound))
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/pkcs7-signature")
            .WithSummary("The detached CMS signature (DER); check with: openssl cms -verify -binary -inform DER -in note.p7s -content note.txt -CAfile root.pem");

        var admin = api.MapGroup("/admin/pki").WithTags("PKI administration").RequireAuthorization(Policies.ApiAdministrator);
        admin.MapGet("/authorities", (PkiQueries a, CancellationToken ct) => a.AuthoritiesAsync(ct))
            .WithSummary("Daftar's certifying authorities: root, department CAs (every generation), the timestamp authority.");
        admin.MapPost("/authorities/{department}/renew", async (string department, RenewDepartmentCa a, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await a.HandleAsync(department, ct)).ToHttp(l, id => Results.Ok(new IdAnswer(id))))
            .Produces<IdAnswer>()
            .WithSummary("Creates a new issuing CA for the department (a key rollover); what the old one issued keeps verifying.");
        admin.MapGet("/certificates", (string? employee, PkiQueries a, CancellationToken ct) => a.CredentialsAsync(employee, ct))
            .WithSummary("Signing certificates of every employee, or of one (employee code), newest first.");
        admin.MapPost("/certificates/{id:int}/revoke", async (int id, RevokeCommand cmd, RevokeCertificate a, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await a.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Revokes a signing certificate (with a reason) and publishes the CRL.");
        admin.MapPost("/certificates/{id:int}/approve", async (int id, ApproveCertificate a, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await a.HandleAsync(id, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Approves an outside DSC whose name is not the employee's (status AwaitingApproval): the administrator vouches that it is theirs. Recorded in the audit trail.");
        admin.MapPost("/certificates/{id:int}/unlock", async (int id, UnlockCertificate a, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await a.HandleAsync(id, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Unlocks signing after five wrong PINs.");
    }

    public static IServiceCollection AddSigning(this IServiceCollection services, IConfiguration config)
    {
        services.AddHostedService<CrlPublisher>();
        services.AddSingleton<SigningSettings>();
        services.AddSingleton<PkiKeyCache>();
        services.AddSingleton<SigningSessions>();
        services.AddScoped<Pki>();
        services.AddScoped<Infrastructure.IAfterMigration>(sp => sp.GetRequiredService<Pki>());
        services.AddScoped<CredentialAccess>();
        services.AddScoped<MySigningStatus>();
        services.AddScoped<EnrolForSigning>();
        services.AddScoped<OpenSigningSession>();
        services.AddScoped<CloseSigningSession>();
        services.AddScoped<UnlockSigner>();
        services.AddScoped<RevokeOwnCertificate>();
        services.AddScoped<RegisterOutsideCertificate>();
        services.AddScoped<OutsideRevocation>();
        services.AddHttpClient(OutsideRevocation.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddScoped<NoteSignatureQueries>();
        services.AddScoped<SignNote>();
        services.AddScoped<INoteSignatures, FileNoteSignatures>();
        services.AddScoped<PkiQueries>();
        services.AddScoped<RevokeCertificate>();
        services.AddScoped<ApproveCertificate>();
        services.AddScoped<UnlockCertificate>();
        services.AddScoped<RenewDepartmentCa>();
        services.AddScoped<PublishCrls>();
        return services;
    }

    private static async Task<IResult> CertificateAsync(DaftarDb db, System.Linq.Expressions.Expression<Func<Authority, bool>> which, string name, CancellationToken ct)
    {
        var certificate = await db.Authorities.AsNoTracking().Where(which).OrderByDescending(a => a.IsCurrent).Select(a => a.Certificate).FirstOrDefaultAsync(ct);
        return certificate is null ? Results.NotFound() : Results.File(certificate, "application/pkix-cert", name);
    }
}
