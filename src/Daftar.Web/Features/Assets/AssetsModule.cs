using Daftar.Assets;
using Daftar.Web.Infrastructure;
using L = Microsoft.Extensions.Localization.IStringLocalizer<Daftar.Web.SharedResource>;

namespace Daftar.Web.Features.Assets;

/// <summary>Computers and connections for staff who work from home: inventory, requests, issue and return, connection checks (issue #34, DESIGN 2.7).</summary>
public static class AssetsModule
{
    /// <summary>The largest probe the connection check downloads or uploads at once.</summary>
    public const int MaxProbeBytes = 8 * 1024 * 1024;

    public static IServiceCollection AddAssets(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<AssetsAccess>();
        services.AddScoped<AssetQueries>();
        services.AddScoped<RegisterAsset>();
        services.AddScoped<ImportAssets>();
        services.AddScoped<ChangeAssetStatus>();
        services.AddScoped<IssueAsset>();
        services.AddScoped<AcknowledgeAsset>();
        services.AddScoped<ReturnAsset>();
        services.AddScoped<NameKeepers>();
        services.AddScoped<StartVerification>();
        services.AddScoped<CloseVerification>();
        services.AddScoped<VerifyAsset>();
        services.AddScoped<VerificationQueries>();
        services.AddScoped<RequestEquipment>();
        services.AddScoped<DecideRequest>();
        services.AddScoped<RequestQueries>();
        services.AddScoped<DescribeConnection>();
        services.AddScoped<RecordConnectionCheck>();
        services.AddScoped<ConnectionQueries>();
        // Ending a posting or leaving the service asks what the person still holds (People owns the question).
        services.AddScoped<People.IRelievingCheck, AssetRelieving>();
        // The readiness view's columns for equipment and connectivity, without editing WorkFromHome (DESIGN 2.7).
        services.AddScoped<WorkFromHome.IReadinessFact, DeviceReadiness>();
        services.AddScoped<WorkFromHome.IReadinessFact, ConnectionReadiness>();
        return services;
    }

    public static void MapAssetsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/assets").WithTags("Equipment and connectivity");
        g.MapGet("", async (int? office, AssetKind? kind, AssetStatus? status, string? q, int? page, AssetQueries h, L l, CancellationToken ct) =>
                (await h.StockAsync(office, kind, status, q, page ?? 1, ct)).ToHttp(l, Results.Ok))
            .Produces<StockView>()
            .WithSummary($"An office's store (store keepers, the office's head, administrators): counts by kind and status, past warranty, held by people who left, and the assets ({AssetQueries.PageSize} a page; q = part of a tag or serial number).");
        g.MapPost("", async (RegisterAssetCommand cmd, RegisterAsset h, L l, CancellationToken ct) =>
                (await h.HandleAsync(cmd, ct)).ToHttp(l, id => Results.Created($"/api/assets/{id}", new IdAnswer(id))))
            .Produces<IdAnswer>(StatusCodes.Status201Created)
            .WithSummary("Registers an asset of an office you keep (default: your first); serial numbers and tags are unique (409 duplicate_serial / duplicate_tag).");
        g.MapPost("/import", async ([Microsoft.AspNetCore.Mvc.FromForm] IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] string? mode, ImportAssets h, L l, CancellationToken ct) =>
            {
                if (file is null || file.Length == 0) return Result<AssetImportAnswer>.Fail(AssetsErrors.NoFile).ToHttp(l, Results.Ok);
                var importMode = string.Equals(mode, "valid-rows", StringComparison.OrdinalIgnoreCase) ? People.Import.ImportMode.ValidRows : People.Import.ImportMode.AllOrNothing;
                await using var stream = file.OpenReadStream();
                return (await h.HandleAsync(stream, file.FileName, importMode, ct)).ImportAnswer(a => a.Applied, l);
            })
            .DisableAntiforgery()
            .Produces<AssetImportAnswer>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary($"Imports an asset register from CSV or Excel (multipart field 'file'; mode 'all-or-nothing' (default) or 'valid-rows'), for offices you keep. Columns: {string.Join(", ", ImportAssets.Columns)}.");
        g.MapGet("/mine", async (AssetQueries h, L l, CancellationToken ct) => (await h.MineAsync(ct)).ToHttp(l, Results.Ok))
            .Produces<IReadOnlyList<AssetRow>>()
            .WithSummary("The equipment issued to you.");
        g.MapGet("/{id:int}", async (int id, AssetQueries h, L l, CancellationToken ct) => (await h.GetAsync(id, ct)).ToHttp(l, Results.Ok))
            .Produces<AssetDetail>()
            .WithSummary("One asset with its whole history (its office's keepers, its holder and the holder's controlling officers).");
        g.MapPost("/{id:int}/issue", async (int id, IssueAssetCommand cmd, IssueAsset h, L l, CancellationToken ct) =>
                (await h.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Issues an asset in the store to an employee (by code) or for a request (requestId); 409 not_in_store if it is not in the store, 409 asset_changed if another keeper issued it first.");
        g.MapPost("/{id:int}/acknowledge", async (int id, AcknowledgeAssetCommand cmd, AcknowledgeAsset h, L l, CancellationToken ct) =>
                (await h.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("The holder acknowledges receipt: signed with their signing certificate (pin, or an open session) when they have one, else confirm = true.");
        g.MapPost("/{id:int}/return", async (int id, ReturnAssetCommand cmd, ReturnAsset h, L l, CancellationToken ct) =>
                (await h.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("The store takes an issued asset back, noting its condition; 409 not_issued if nobody holds it.");
        g.MapPost("/{id:int}/status", async (int id, ChangeAssetStatusCommand cmd, ChangeAssetStatus h, L l, CancellationToken ct) =>
                (await h.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Under repair, lost, disposed (a note is required for lost and disposed), or back in the store.");
        g.MapGet("/held-by/{employeeId:int}", async (int employeeId, AssetQueries h, L l, CancellationToken ct) => (await h.HeldByAsync(employeeId, ct)).ToHttp(l, Results.Ok))
            .Produces<IReadOnlyList<AssetRow>>()
            .WithSummary("What an employee still holds (before relieving them).");
        g.MapGet("/offices/{id:int}/verification", async (int id, VerificationQueries h, L l, CancellationToken ct) => (await h.LatestAsync(id, ct)).ToHttp(l, Results.Ok))
            .Produces<VerificationView>()
            .WithSummary("The office's latest physical verification round: seen, missing, not yet verified (null when there has been none).");
        g.MapPost("/offices/{id:int}/verification", async (int id, StartVerification h, L l, CancellationToken ct) =>
                (await h.HandleAsync(id, ct)).ToHttp(l, round => Results.Created($"/api/assets/offices/{id}/verification", new IdAnswer(round))))
            .Produces<IdAnswer>(StatusCodes.Status201Created)
            .WithSummary("Starts a physical verification round of the office's store (closing an open one).");
        g.MapPost("/offices/{id:int}/verification/close", async (int id, CloseVerification h, L l, CancellationToken ct) =>
                (await h.HandleAsync(id, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Closes the open verification round; what was not marked stays unverified (409 no_round if none is open).");
        g.MapPost("/{id:int}/verify", async (int id, VerifyAssetCommand cmd, VerifyAsset h, L l, CancellationToken ct) =>
                (await h.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Marks an asset seen (true) or missing (false) in its office's open verification round (409 no_round if none is open).");
        g.MapPut("/offices/{id:int}/keepers", async (int id, KeepersCommand cmd, NameKeepers h, L l, CancellationToken ct) =>
                (await h.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("The posts that keep the office's store (the office's head or an administrator); replaces the list.");

        var r = api.MapGroup("/equipment-requests").WithTags("Equipment and connectivity");
        r.MapPost("", async (RequestEquipmentCommand cmd, RequestEquipment h, L l, CancellationToken ct) =>
                (await h.HandleAsync(cmd, ct)).ToHttp(l, id => Results.Created($"/api/equipment-requests/{id}", new IdAnswer(id))))
            .Produces<IdAnswer>(StatusCodes.Status201Created)
            .WithSummary("Asks for equipment or a connection, with a reason; it goes to your controlling officer, then to the store.");
        r.MapGet("", async (RequestQueries h, L l, CancellationToken ct) => (await h.ListAsync(ct)).ToHttp(l, Results.Ok))
            .Produces<IReadOnlyList<RequestView>>()
            .WithSummary("Your requests, those of the posts below you, and those at your store; each with the employee's work-from-home verdict and what they still lack.");
        r.MapPost("/{id:int}/decision", async (int id, DecideRequestCommand cmd, DecideRequest h, L l, CancellationToken ct) =>
                (await h.HandleAsync(id, cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("The controlling officer approves or refuses (with remarks); the store puts it on the waiting list or refuses. The store approves by issuing an asset.");

        var c = api.MapGroup("/connection").WithTags("Equipment and connectivity");
        c.MapGet("", async (ConnectionQueries h, L l, CancellationToken ct) => (await h.MineAsync(ct)).ToHttp(l, Results.Ok))
            .Produces<MyConnectionView>()
            .WithSummary("Your home connection and your last connection checks.");
        c.MapPut("", async (HomeConnectionCommand cmd, DescribeConnection h, L l, CancellationToken ct) =>
                (await h.HandleAsync(cmd, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Records your home connection: type (Broadband, MobileData, None), provider, plan speed in Mbit/s.");
        c.MapPost("/checks", async (ConnectionCheckCommand cmd, RecordConnectionCheck h, L l, CancellationToken ct) =>
                (await h.HandleAsync(cmd, ct)).ToHttp(l, Results.Ok))
            .Produces<ConnectionCheckView>()
            .WithSummary("Stores a connection check measured against the probe below; the answer says what the link is good for (Good: video and files; FilesOnly; Poor).");
        c.MapGet("/below", async (ConnectionQueries h, L l, CancellationToken ct) => (await h.BelowAsync(ct)).ToHttp(l, Results.Ok))
            .Produces<IReadOnlyList<ConnectionRow>>()
            .WithSummary("The connection and last check of each person on the posts below you.");
        c.MapGet("/probe", (int? bytes, HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                return Results.Bytes(ProbeBytes(bytes ?? 1024 * 1024), "application/octet-stream");
            })
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/octet-stream")
            .WithSummary($"Download probe for the connection check: `bytes` of incompressible data (at most {MaxProbeBytes}), never cached.");
        c.MapPost("/probe", async (HttpRequest request, CancellationToken ct) =>
                await DrainAsync(request.Body, ct) is { } total ? Results.Ok(new ProbeAnswer(total)) : Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge))
            .Accepts<Stream>("application/octet-stream")
            .Produces<ProbeAnswer>()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .DisableAntiforgery()
            .WithSummary($"Upload probe for the connection check: the body is read and thrown away; says how many bytes arrived (at most {MaxProbeBytes}).");
    }

    /// <summary>The download probe's body: <paramref name="bytes"/> (1 to <see cref="MaxProbeBytes"/>) of the random block.</summary>
    public static ReadOnlyMemory<byte> ProbeBytes(int bytes) => Probe.Value.AsMemory(0, Math.Clamp(bytes, 1, MaxProbeBytes));

    /// <summary>Reads an upload probe and throws it away: how many bytes came, or null past <see cref="MaxProbeBytes"/>.</summary>
    public static async Task<long?> DrainAsync(Stream body, CancellationToken ct)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > MaxProbeBytes) return null;
        }
        return total;
    }

    /// <summary>Random bytes, made once: compression cannot make the probe look faster than the link.</summary>
    private static readonly Lazy<byte[]> Probe = new(() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(MaxProbeBytes));
}

public sealed record ProbeAnswer(long Bytes);
