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
