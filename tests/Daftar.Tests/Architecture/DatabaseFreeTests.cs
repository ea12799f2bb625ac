using Daftar.Tests.Infrastructure;
using Mono.Cecil;

namespace Daftar.Tests.Architecture;

/// <summary>
/// A class marked database-free runs once (test.sh leaves it out of the PostgreSQL pass), so the mark must be true: the
/// class, its lambdas and state machines name none of the types through which a test reaches a database or the app.
/// </summary>
[Trait(TestTraits.Database, TestTraits.None)]
public class DatabaseFreeTests
{
    private static readonly string[] DatabaseTypes =
    [
        typeof(DaftarFactory).FullName!, typeof(TestDatabase).FullName!, typeof(ServerProcess).FullName!, typeof(MailFactory).FullName!,
        typeof(Daftar.Data.DaftarDb).FullName!, "Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory`1", "Microsoft.EntityFrameworkCore.DbContext",
        "Npgsql.NpgsqlConnection", "Microsoft.Data.Sqlite.SqliteConnection",
    ];

    /// <summary>Each top-level test class, with the database types it or its compiler-made types name.</summary>
    private static readonly Lazy<List<(TypeDefinition Class, bool MarkedFree, List<string> Reaches)>> Classes = new(() =>
    {
        var module = ModuleDefinition.ReadModule(typeof(DatabaseFreeTests).Assembly.Location);
        return module.Types.Where(t => t.IsClass && t.Namespace.StartsWith("Daftar.Tests", StringComparison.Ordinal))
            .Select(t => (t, MarkedFree(t), Reaches(t)))
            .ToList();
    });

    private static bool MarkedFree(TypeDefinition type) =>
        type.CustomAttributes.Any(a => a.AttributeType.FullName == typeof(TraitAttribute).FullName
            && a.ConstructorArguments.Select(c => c.Value as string).SequenceEqual([TestTraits.Database, TestTraits.None]));

    private static List<string> Reaches(TypeDefinition type)
    {
        IEnumerable<TypeDefinition> WithNested(TypeDefinition t) => t.NestedTypes.SelectMany(WithNested).Prepend(t);
        return WithNested(type).SelectMany(DependencyTests.Uses).Select(u => u.FullName).Where(DatabaseTypes.Contains).Distinct().Order().ToList();
    }

    [Fact]
    public void AClassMarkedDatabaseFree_NeverReachesADatabase()
    {
        // This class names those types only to look for them.
        var wrong = Classes.Value.Where(c => c.MarkedFree && c.Reaches.Count > 0 && c.Class.Name != nameof(DatabaseFreeTests))
            .Select(c => $"{c.Class.FullName} uses {string.Join(", ", c.Reaches)}").ToList();
        Assert.True(wrong.Count == 0, "Marked database-free but reaching a database (remove the trait): " + string.Join("; ", wrong));
    }

    [Fact]
    public void TheCheck_SeesTheDatabaseThroughLambdasAndStateMachines()
    {
        // Integration tests reach the app only inside async methods and lambdas: the check must see those uses.
        var matrix = Classes.Value.Single(c => c.Class.Name == "AuthorizationMatrixTests");
        Assert.False(matrix.MarkedFree);
        Assert.Contains(typeof(DaftarFactory).FullName!, matrix.Reaches);
        Assert.Contains(Classes.Value, c => c.MarkedFree && c.Class.Name == nameof(Platform.RunScriptTests));
    }
}
