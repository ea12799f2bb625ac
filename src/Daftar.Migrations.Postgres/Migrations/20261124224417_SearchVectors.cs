using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Daftar.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SearchVectors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The search words as a stored tsvector (ADR 0008): matching reads it instead of rebuilding a vector from the text
            // for every candidate row, and the GIN index is built on it.
            foreach (var table in new[] { "Files", "Notes", "Receipts" })
            {
                migrationBuilder.Sql($"DROP INDEX IF EXISTS \"IX_{table}_Search\";");
                migrationBuilder.Sql($"ALTER TABLE \"{table}\" ADD COLUMN \"SearchVector\" tsvector GENERATED ALWAYS AS (array_to_tsvector(string_to_array(COALESCE(\"SearchText\", ''), ' '))) STORED;");
                migrationBuilder.Sql($"CREATE INDEX \"IX_{table}_Search\" ON \"{table}\" USING GIN (\"SearchVector\");");
            }


        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "Files", "Notes", "Receipts" })
            {
                migrationBuilder.Sql($"DROP INDEX IF EXISTS \"IX_{table}_Search\";");
                migrationBuilder.Sql($"ALTER TABLE \"{table}\" DROP COLUMN \"SearchVector\";");
                migrationBuilder.Sql($"CREATE INDEX \"IX_{table}_Search\" ON \"{table}\" USING GIN (array_to_tsvector(string_to_array(\"SearchText\", ' ')));");
            }


        }
    }
}
