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

    [Fact]
    public async Task ADatabaseFromBeforeTheSquash_IsRefusedWithAClearMessage_NotHalfMigrated()
    {
        var dir = Directory.CreateTempSubdirectory("daftar-squash-").FullName;
        var path = Path.Combine(dir, "old.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=false"))
        {
            await connection.OpenAsync();
            var create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE "__EFMigrationsHistory" ("MigrationId" TEXT PRIMARY KEY, "ProductVersion" TEXT NOT NULL);
                INSERT INTO "__EFMigrationsHistory" VALUES ('20261124184440_Initial', '10.0.0'), ('20261124212821_SearchLinksSharesUploads', '10.0.0');
                CREATE TABLE "Files" ("Id" INTEGER PRIMARY KEY);
                """;
            await create.ExecuteNonQueryAsync();
        }
        var error = new StringWriter();
        var code = await Daftar.Web.AdminCommands.RunAsync(["migrate", "--Database:Provider=Sqlite", $"--Database:ConnectionString=Data Source={path};Pooling=false",
            $"--Daftar:DataPath={dir}"], new StringWriter(), error);
        Assert.NotEqual(0, code);
        Assert.Contains("migrations have since been squashed", error.ToString());
        Directory.Delete(dir, recursive: true);
    }
}
