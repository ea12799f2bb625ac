using Microsoft.EntityFrameworkCore.Migrations;

namespace Daftar.Migrations.Postgres.Migrations;

/// <summary>
/// What PostgreSQL needs that EF's model cannot say, applied by the squashed Initial migration (ADR 0023): the search
/// vectors and their GIN indexes (ADR 0008), each file's words kept by triggers, and autovacuum settings for the tables
/// Daftar reads by index only. The reasons and measurements are in docs/performance.md.
/// </summary>
internal static class HandWrittenSchema
{
    private static readonly string[] Searched = ["Files", "Notes", "Receipts"];

    // Rows are only ever added to these; a vacuum every 10,000 inserts keeps their newest pages all-visible, so reads
    // from their indexes alone stay that (docs/performance.md, "insert-only tables").
    private static readonly string[] InsertOnly = ["FileParticipants", "Movements", "ReceiptMovements", "Notes"];

    public static void Create(MigrationBuilder migrationBuilder)
    {
        // Daftar splits the words itself (SearchTerms): the vector is built from the stored words, untouched by the
        // database's locale or text-search configuration.
        foreach (var table in Searched)
        {
            migrationBuilder.Sql($"""ALTER TABLE "{table}" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (array_to_tsvector(string_to_array(COALESCE("SearchText", ''), ' '))) STORED;""");
            migrationBuilder.Sql($"""CREATE INDEX "IX_{table}_Search" ON "{table}" USING GIN ("SearchVector");""");
        }

        // A file's words with its confirmed notes' and its receipts', one row per file (search by file).
        migrationBuilder.Sql("""
            CREATE TABLE "FileWords" (
                "FileId" integer NOT NULL CONSTRAINT "PK_FileWords" PRIMARY KEY
                    CONSTRAINT "FK_FileWords_Files_FileId" REFERENCES "Files" ("Id") ON DELETE CASCADE,
                "SearchVector" tsvector NOT NULL
            ) WITH (fillfactor = 80);
            """);
        migrationBuilder.Sql("""
            CREATE FUNCTION daftar_file_words_add(file_id integer, words tsvector) RETURNS void LANGUAGE sql AS $$
                INSERT INTO "FileWords" ("FileId", "SearchVector") VALUES (file_id, words)
                ON CONFLICT ("FileId") DO UPDATE SET "SearchVector" = "FileWords"."SearchVector" || excluded."SearchVector"
            $$;
            """);
        migrationBuilder.Sql("""
            CREATE FUNCTION daftar_file_words_rebuild(file_id integer) RETURNS void LANGUAGE sql AS $$
                INSERT INTO "FileWords" ("FileId", "SearchVector")
                SELECT f."Id", array_to_tsvector(array_remove(string_to_array(concat_ws(' ', f."SearchText",
                    (SELECT string_agg(n."SearchText", ' ') FROM "Notes" n WHERE n."FileId" = f."Id" AND n."IsConfirmed"),
                    (SELECT string_agg(r."SearchText", ' ') FROM "Receipts" r WHERE r."FileId" = f."Id")), ' '), ''))
                FROM "Files" f WHERE f."Id" = file_id
                ON CONFLICT ("FileId") DO UPDATE SET "SearchVector" = excluded."SearchVector"
            $$;
            """);
        migrationBuilder.Sql("""
            CREATE FUNCTION daftar_file_words_of_file() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN PERFORM daftar_file_words_add(NEW."Id", NEW."SearchVector");
                ELSE PERFORM daftar_file_words_rebuild(NEW."Id");
                END IF;
                RETURN NULL;
            END $$;
            """);
        migrationBuilder.Sql("""
            CREATE FUNCTION daftar_file_words_of_note() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND OLD."SearchText" IS NULL AND OLD."FileId" = NEW."FileId") THEN
                    IF NEW."IsConfirmed" AND NEW."SearchText" IS NOT NULL THEN PERFORM daftar_file_words_add(NEW."FileId", NEW."SearchVector"); END IF;
                ELSIF OLD."SearchText" IS NOT NULL OR (TG_OP = 'UPDATE' AND NEW."FileId" <> OLD."FileId") THEN
                    PERFORM daftar_file_words_rebuild(OLD."FileId");
                    IF TG_OP = 'UPDATE' AND NEW."FileId" <> OLD."FileId" THEN PERFORM daftar_file_words_rebuild(NEW."FileId"); END IF;
                END IF;
                RETURN NULL;
            END $$;
            """);
        migrationBuilder.Sql("""
            CREATE FUNCTION daftar_file_words_of_receipt() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND OLD."FileId" IS NULL AND OLD."SearchText" = NEW."SearchText") THEN
                    IF NEW."FileId" IS NOT NULL THEN PERFORM daftar_file_words_add(NEW."FileId", NEW."SearchVector"); END IF;
                ELSE
                    IF OLD."FileId" IS NOT NULL THEN PERFORM daftar_file_words_rebuild(OLD."FileId"); END IF;
                    IF TG_OP = 'UPDATE' AND NEW."FileId" IS NOT NULL AND NEW."FileId" IS DISTINCT FROM OLD."FileId" THEN
                        PERFORM daftar_file_words_rebuild(NEW."FileId");
                    END IF;
                END IF;
                RETURN NULL;
            END $$;
            """);
        // Only changes that can touch a file's words fire: a send updates the file's holder, not its words.
        migrationBuilder.Sql("""
            CREATE TRIGGER "TR_Files_Words" AFTER INSERT OR UPDATE OF "SearchText" ON "Files"
                FOR EACH ROW EXECUTE FUNCTION daftar_file_words_of_file();
            CREATE TRIGGER "TR_Notes_Words" AFTER INSERT OR UPDATE OF "SearchText", "IsConfirmed", "FileId" OR DELETE ON "Notes"
                FOR EACH ROW EXECUTE FUNCTION daftar_file_words_of_note();
            CREATE TRIGGER "TR_Receipts_Words" AFTER INSERT OR UPDATE OF "SearchText", "FileId" OR DELETE ON "Receipts"
                FOR EACH ROW EXECUTE FUNCTION daftar_file_words_of_receipt();
            """);

        // Files change on every send: vacuumed and analysed early, so the inbox's index-only reads stay that.
        migrationBuilder.Sql("""ALTER TABLE "Files" SET (autovacuum_vacuum_scale_factor = 0.005, autovacuum_vacuum_threshold = 1000, autovacuum_analyze_scale_factor = 0.02);""");
        foreach (var table in InsertOnly)
            migrationBuilder.Sql($"""ALTER TABLE "{table}" SET (autovacuum_vacuum_insert_threshold = 10000, autovacuum_vacuum_insert_scale_factor = 0);""");
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        foreach (var (trigger, table) in new[] { ("TR_Files_Words", "Files"), ("TR_Notes_Words", "Notes"), ("TR_Receipts_Words", "Receipts") })
            migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{trigger}" ON "{table}";""");
        foreach (var function in new[] { "daftar_file_words_of_file()", "daftar_file_words_of_note()", "daftar_file_words_of_receipt()",
                     "daftar_file_words_rebuild(integer)", "daftar_file_words_add(integer, tsvector)" })
            migrationBuilder.Sql($"DROP FUNCTION IF EXISTS {function};");
        migrationBuilder.Sql("""DROP TABLE IF EXISTS "FileWords";""");
    }
}
