using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Daftar.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InboxPageIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Files_CreatedByPostId",
                table: "Files");

            migrationBuilder.DropIndex(
                name: "IX_Files_Inbox",
                table: "Files");

            migrationBuilder.DropIndex(
                name: "IX_Files_Sent",
                table: "Files");

            migrationBuilder.CreateIndex(
                name: "IX_Files_Created",
                table: "Files",
                columns: new[] { "CreatedByPostId", "ArrivalPriority", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Files_Inbox",
                table: "Files",
                columns: new[] { "HolderPostId", "Status", "ArrivalPriority", "Id", "ArrivalOpenedAt", "ArrivalDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Files_Sent",
                table: "Files",
                columns: new[] { "ArrivedFromPostId", "ArrivalKind", "ArrivalPriority", "Id", "HolderPostId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Files_Created",
                table: "Files");

            migrationBuilder.DropIndex(
                name: "IX_Files_Inbox",
                table: "Files");

            migrationBuilder.DropIndex(
                name: "IX_Files_Sent",
                table: "Files");

            migrationBuilder.CreateIndex(
                name: "IX_Files_CreatedByPostId",
                table: "Files",
                column: "CreatedByPostId");

            migrationBuilder.CreateIndex(
                name: "IX_Files_Inbox",
                table: "Files",
                columns: new[] { "HolderPostId", "Status", "ArrivalOpenedAt", "ArrivalPriority", "Id", "ArrivalDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Files_Sent",
                table: "Files",
                columns: new[] { "ArrivedFromPostId", "ArrivalKind", "HolderPostId", "ArrivalPriority", "Id" });
        }
    }
}
