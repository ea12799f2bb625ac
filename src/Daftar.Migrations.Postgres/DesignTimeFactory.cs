using Daftar.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Daftar.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for PostgreSQL; never used at run time.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<DaftarDb>
{
    public DaftarDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DaftarDb>()
            .UseNpgsql("Host=localhost;Database=daftar_design", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options);
}
