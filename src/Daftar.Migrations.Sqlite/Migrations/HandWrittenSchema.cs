using Microsoft.EntityFrameworkCore.Migrations;

namespace Daftar.Migrations.Sqlite.Migrations;

/// <summary>
/// What SQLite needs that EF's model cannot say, applied by the squashed Initial migration (ADR 0023): the full-text
/// index (ADR 0008), one FTS5 table over files (rowid 4n+1), confirmed notes (4n+2) and receipts (4n+3), kept by triggers.
/// Daftar splits the words itself (SearchTerms), so the ascii tokenizer only splits on the spaces between them and
/// leaves Devanagari words whole.
/// </summary>
internal static class HandWrittenSchema
{
    private static readonly (string Table, int Kind, string When)[] Searched = [("Files", 1, ""), ("Notes", 2, " WHEN new.SearchText IS NOT NULL"), ("Receipts", 3, "")];

    public static void Create(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("CREATE VIRTUAL TABLE SearchIndex USING fts5(terms, content='', contentless_delete=1, tokenize='ascii');");
        foreach (var (table, kind, when) in Searched)
        {
            migrationBuilder.Sql($"""
                CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table}{when}
                BEGIN INSERT INTO SearchIndex(rowid, terms) VALUES (new.Id * 4 + {kind}, new.SearchText); END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER {table}_search_update AFTER UPDATE OF SearchText ON {table}
                BEGIN
                  DELETE FROM SearchIndex WHERE rowid = old.Id * 4 + {kind};
                  INSERT INTO SearchIndex(rowid, terms) SELECT new.Id * 4 + {kind}, new.SearchText WHERE new.SearchText IS NOT NULL;
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table}
                BEGIN DELETE FROM SearchIndex WHERE rowid = old.Id * 4 + {kind}; END;
                """);
        }
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        foreach (var (table, _, _) in Searched)
            foreach (var verb in new[] { "insert", "update", "delete" })
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_search_{verb};");
        migrationBuilder.Sql("DROP TABLE IF EXISTS SearchIndex;");
    }
}
