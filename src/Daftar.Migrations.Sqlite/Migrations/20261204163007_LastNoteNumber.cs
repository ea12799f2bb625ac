using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Daftar.Migrations.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // The files that already have green notes carry on from their last number.
            migrationBuilder.Sql("""
                UPDATE "Files" SET "LastNoteNumber" = COALESCE(
                (SELECT max("Number") FROM "Notes" WHERE "Notes"."FileId" = "Files"."Id" AND "IsConfirmed"), 0);
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
