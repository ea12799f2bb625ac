using Daftar.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Daftar.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for SQLite; never used at run time.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<DaftarDb>
{
    public DaftarDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DaftarDb>()
            .UseSqlite("Data Source=design.db", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options);
}
