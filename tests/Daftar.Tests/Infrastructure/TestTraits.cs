namespace Daftar.Tests.Infrastructure;

/// <summary>
/// <c>[Trait(TestTraits.Database, TestTraits.None)]</c> marks a test class that never opens a database: test.sh runs it
/// once, with the SQLite pass, and leaves it out of the PostgreSQL pass (where it would do the same work again).
/// <c>DatabaseFreeTests</c> holds every class so marked to it.
/// </summary>
public static class TestTraits
{
    public const string Database = "Database";
    public const string None = "None";
}
