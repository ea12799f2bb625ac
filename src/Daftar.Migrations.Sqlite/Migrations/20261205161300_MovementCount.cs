using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Daftar.Migrations.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
            // Every file counts the movements it already has.
            migrationBuilder.Sql("""
                UPDATE "Files" SET "MovementCount" = (SELECT count(*) FROM "Movements" WHERE "Movements"."FileId" = "Files"."Id");
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
