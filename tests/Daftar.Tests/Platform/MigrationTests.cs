using Daftar.Data;
using Daftar.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Daftar.Tests.Platform;

public class MigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=unused")]
    public void EachProvidersMigrations_MatchTheModel(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<DaftarDb>();
        new DatabaseSettings(provider, connectionString).Configure(options);
        using var db = new DaftarDb(options.Options);
        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} migrations are behind the model: add a migration to Daftar.Migrations.{provider}.");
    }
}
