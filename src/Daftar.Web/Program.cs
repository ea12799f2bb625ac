using Daftar.Web;
using Daftar.Web.Infrastructure;

// Admin verbs (migrate, seed, import, token …) run through the same program and configuration as the web app.
if (AdminCommands.IsVerb(args))
    return await AdminCommands.RunAsync(args);

WebApplication app;
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddDaftar();
    app = builder.Build();
    app.UseDaftar();
    await DaftarStartup.PrepareAsync(app);
}
catch (ConfigurationProblem problem)
{
    Console.Error.WriteLine($"Daftar cannot start: {problem.Message}");
    return 2;
}

await app.RunAsync();
return 0;

/// <summary>Exposed for WebApplicationFactory in the tests.</summary>
public partial class Program;
