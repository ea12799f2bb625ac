namespace Daftar.Web.Features.Demo;

/// <summary>The demonstration organisation, its files and its meetings, seeded by <c>./run.sh</c> and the <c>seed</c> verb.</summary>
public static class DemoModule
{
    public static IServiceCollection AddDemo(this IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<DemoOrganisation>();
        services.AddScoped<DemoMeetings>();
        return services;
    }
}
