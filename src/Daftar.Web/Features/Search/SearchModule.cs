using Daftar.Web.Infrastructure;
using Microsoft.Extensions.Localization;

namespace Daftar.Web.Features.Search;

/// <summary>Query-string parameters of /api/search.</summary>
public sealed record SearchParameters(string? Q, string? Department, string? Section, Daftar.Files.FileStatus? Status, Daftar.Files.Grading? Grading,
    DateOnly? From, DateOnly? To)
{
    public SearchQuery ToQuery() => new(Q, Department, Section, Status, Grading, From, To);
}

/// <summary>Full-text search over what the caller may see.</summary>
public static class SearchModule
{
    public static IServiceCollection AddSearch(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<SearchFiles>();
        services.AddScoped<PostgresSearch>();
        services.AddSingleton<SearchEstimates>();
        return services;
    }

    public static void MapSearchApi(this RouteGroupBuilder api) =>
        api.MapGroup("").WithTags("Files").MapGet("/search", async ([AsParameters] SearchParameters p, SearchFiles handler,
                IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.HandleAsync(p.ToQuery(), ct)).ToHttp(l, Results.Ok))
            .WithSummary("Full-text search over files, notes and receipts you may see, in Hindi or English, with filters.")
            .Produces<SearchResults>();
}
