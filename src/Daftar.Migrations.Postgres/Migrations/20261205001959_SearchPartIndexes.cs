using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Daftar.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SearchPartIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Receipts_SectionId",
                table: "Receipts");

            migrationBuilder.DropIndex(
                name: "IX_ReceiptMovements_FromPostId",
                table: "ReceiptMovements");

            migrationBuilder.DropIndex(
                name: "IX_ReceiptMovements_ToPostId",
                table: "ReceiptMovements");

            migrationBuilder.DropIndex(
                name: "IX_Files_SectionId",
                table: "Files");

            migrationBuilder.CreateIndex(
                name: "IX_Receipts_SectionId_Grading_Id",
                table: "Receipts",
                columns: new[] { "SectionId", "Grading", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ReceiptMovements_FromPostId_ReceiptId",
                table: "ReceiptMovements",
                columns: new[] { "FromPostId", "ReceiptId" });

            migrationBuilder.CreateIndex(
                name: "IX_ReceiptMovements_ToPostId_ReceiptId",
                table: "ReceiptMovements",
                columns: new[] { "ToPostId", "ReceiptId" });

            migrationBuilder.CreateIndex(
                name: "IX_Files_SectionId_Grading_Id",
                table: "Files",
                columns: new[] { "SectionId", "Grading", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Receipts_SectionId_Grading_Id",
                table: "Receipts");

            migrationBuilder.DropIndex(
                name: "IX_ReceiptMovements_FromPostId_ReceiptId",
                table: "ReceiptMovements");

            migrationBuilder.DropIndex(
                name: "IX_ReceiptMovements_ToPostId_ReceiptId",
                table: "ReceiptMovements");

            migrationBuilder.DropIndex(
                name: "IX_Files_SectionId_Grading_Id",
                table: "Files");

            migrationBuilder.CreateIndex(
                name: "IX_Receipts_SectionId",
                table: "Receipts",
                column: "SectionId");

            migrationBuilder.CreateIndex(
                name: "IX_ReceiptMovements_FromPostId",
                table: "ReceiptMovements",
                column: "FromPostId");

            migrationBuilder.CreateIndex(
                name: "IX_ReceiptMovements_ToPostId",
                table: "ReceiptMovements",
                column: "ToPostId");

            migrationBuilder.CreateIndex(
                name: "IX_Files_SectionId",
                table: "Files",
                column: "SectionId");
        }
    }
}
