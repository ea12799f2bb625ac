using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Daftar.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InboxIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Files_ArrivedFromPostId_ArrivalKind",
                table: "Files");

            migrationBuilder.DropIndex(
                name: "IX_Files_HolderPostId_Status",
                table: "Files");

            migrationBuilder.DropIndex(
                name: "IX_FileParticipants_PostId",
                table: "FileParticipants");

            migrationBuilder.CreateIndex(
                name: "IX_Files_Inbox",
                table: "Files",
                columns: new[] { "HolderPostId", "Status", "ArrivalOpenedAt", "ArrivalPriority", "Id", "ArrivalDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Files_Sent",
                table: "Files",
                columns: new[] { "ArrivedFromPostId", "ArrivalKind", "HolderPostId", "ArrivalPriority", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_FileParticipants_PostId_FileId",
                table: "FileParticipants",
                columns: new[] { "PostId", "FileId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Files_Inbox",
                table: "Files");

            migrationBuilder.DropIndex(
                name: "IX_Files_Sent",
                table: "Files");

            migrationBuilder.DropIndex(
                name: "IX_FileParticipants_PostId_FileId",
                table: "FileParticipants");

            migrationBuilder.CreateIndex(
                name: "IX_Files_ArrivedFromPostId_ArrivalKind",
                table: "Files",
                columns: new[] { "ArrivedFromPostId", "ArrivalKind" });

            migrationBuilder.CreateIndex(
                name: "IX_Files_HolderPostId_Status",
                table: "Files",
                columns: new[] { "HolderPostId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_FileParticipants_PostId",
                table: "FileParticipants",
                column: "PostId");
        }
    }
}
