using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Daftar.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LastNoteNumber : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "LastNoteNumber",
                table: "Files",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // The files that already have green notes carry on from their last number.
            migrationBuilder.Sql("""
                UPDATE "Files" AS f SET "LastNoteNumber" = n.last
                FROM (SELECT "FileId", max("Number") AS last FROM "Notes" WHERE "IsConfirmed" GROUP BY "FileId") AS n
                WHERE n."FileId" = f."Id";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastNoteNumber",
                table: "Files");
        }
    }
}
