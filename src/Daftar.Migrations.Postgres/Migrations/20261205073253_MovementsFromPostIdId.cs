using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Daftar.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class MovementsFromPostIdId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Movements_FromPostId_At",
                table: "Movements");

            migrationBuilder.CreateIndex(
                name: "IX_Movements_FromPostId_Id",
                table: "Movements",
                columns: new[] { "FromPostId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Movements_FromPostId_Id",
                table: "Movements");

            migrationBuilder.CreateIndex(
                name: "IX_Movements_FromPostId_At",
                table: "Movements",
                columns: new[] { "FromPostId", "At" });
        }
    }
}
