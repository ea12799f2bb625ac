using Daftar.Web.Features.People;
using Daftar.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Me;

public sealed record MeResponse(int AccountId, string UserName, int? EmployeeId, string NameEn, string NameHi, bool IsAdministrator,
    IReadOnlyList<HeldPost> Posts, HeldPost? ActingPost);

public static class MeModule
{
    public static IServiceCollection AddMe(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<ManageApiTokens>();
        return services;
    }

    public static void MapMeApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Me");
        me.MapGet("", async (CurrentOfficer current, CancellationToken ct) =>
            await current.GetAsync(ct) is { } o
                ? Results.Ok(new MeResponse(o.AccountId, o.UserName, o.EmployeeId, o.NameEn, o.NameHi, o.IsAdministrator, o.Posts, o.ActingPost))
                : Results.Unauthorized())
            .Produces<MeResponse>()
            .WithSummary("Who the token belongs to and the posts they hold today.");
        me.MapGet("/tokens", async (CurrentOfficer current, ManageApiTokens tokens, CancellationToken ct) =>
            await tokens.ListAsync((await current.GetAsync(ct))!.AccountId, ct));
        me.MapPost("/tokens", async (CreateApiTokenCommand cmd, CurrentOfficer current, ManageApiTokens tokens, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await tokens.CreateAsync((await current.GetAsync(ct))!.AccountId, cmd, ct)).ToHttp(l, t => Results.Created($"/api/me/tokens/{t.Id}", t)))
            .Produces<CreatedApiToken>(StatusCodes.Status201Created)
            .WithSummary("Creates a token; the secret is in the answer and never shown again.");
        me.MapDelete("/tokens/{id:int}", async (int id, CurrentOfficer current, ManageApiTokens tokens, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            (await tokens.RevokeAsync((await current.GetAsync(ct))!.AccountId, id, ct)).ToHttp(l, _ => Results.NoContent()))
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Revokes one of your tokens.");
    }
}
