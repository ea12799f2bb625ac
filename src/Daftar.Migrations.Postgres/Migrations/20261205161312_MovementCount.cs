using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Daftar.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class MovementCount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MovementCount",
                table: "Files",
                type: "integer",
                nullable: false,
                defaultValue: 0);
            // Every file counts the movements it already has.
            migrationBuilder.Sql("""
                UPDATE "Files" AS f SET "MovementCount" = m.moves
                FROM (SELECT "FileId", count(*) AS moves FROM "Movements" GROUP BY "FileId") AS m
                WHERE m."FileId" = f."Id";
                """);
            // Updating every file gave every row a new version and every index of Files a second entry for it: at state
            // scale the indexes doubled, and searches (which read them) halved. Rebuilt once the update has committed,
            // when the old versions are dead, they are their own size again.
            migrationBuilder.Sql("""REINDEX TABLE "Files";""", suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MovementCount",
                table: "Files");
        }
    }
}
