using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Daftar.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class FileWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every search word of a file in one row: its own words, its confirmed notes' and its receipts' (ADR 0017). A search
            // that tests an officer's newest files reads one row per file instead of the file, all its notes and its receipts.
            // Kept by triggers, outside the EF model like the SearchVector columns: words are only ever added (green notes never
            // change, a receipt goes into one file), so they are appended; any other change rebuilds the file's row.
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
            // The words of the files already there, in one pass over each table in file order.
            migrationBuilder.Sql("""
                INSERT INTO "FileWords" ("FileId", "SearchVector")
                SELECT f."Id", array_to_tsvector(array_remove(string_to_array(concat_ws(' ', f."SearchText", n.words, r.words), ' '), ''))
                FROM "Files" f
                LEFT JOIN (SELECT "FileId", string_agg("SearchText", ' ') AS words FROM "Notes" WHERE "IsConfirmed" GROUP BY "FileId") n ON n."FileId" = f."Id"
                LEFT JOIN (SELECT "FileId", string_agg("SearchText", ' ') AS words FROM "Receipts" WHERE "FileId" IS NOT NULL GROUP BY "FileId") r ON r."FileId" = f."Id";
                """);
            migrationBuilder.Sql("ANALYZE \"FileWords\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "TR_Files_Words" ON "Files";
                DROP TRIGGER "TR_Notes_Words" ON "Notes";
                DROP TRIGGER "TR_Receipts_Words" ON "Receipts";
                DROP FUNCTION daftar_file_words_of_file();
                DROP FUNCTION daftar_file_words_of_note();
                DROP FUNCTION daftar_file_words_of_receipt();
                DROP FUNCTION daftar_file_words_add(integer, tsvector);
                DROP FUNCTION daftar_file_words_rebuild(integer);
                DROP TABLE "FileWords";
                """);
        }
    }
}
