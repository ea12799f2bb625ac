using Daftar.Web.Features.People.Import;

namespace Daftar.Web.Features.People;

public static class PeopleFeatures
{
    public static IServiceCollection AddPeopleFeatures(this IServiceCollection services)
    {
        services.AddScoped<OrganisationDirectory>();
        services.AddScoped<SaveEmployee>();
        services.AddScoped<AssignPost>();
        services.AddScoped<EndAssignment>();
        services.AddScoped<SaveOffice>();
        services.AddScoped<CreateSection>();
        services.AddScoped<SavePost>();
        services.AddScoped<CreateDepartment>();
        services.AddScoped<CreateDesignation>();
        services.AddScoped<EmployeeImporter>();
        services.AddSingleton<ImportJobs>();
        return services;
    }
}
