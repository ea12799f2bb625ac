using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Daftar.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FileSignaturePolicy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SignNotesAtLevel",
                table: "Files",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SignNotesAtLevel",
                table: "Files");
        }
    }
}
