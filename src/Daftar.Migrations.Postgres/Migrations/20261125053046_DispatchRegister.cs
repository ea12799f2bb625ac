using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Daftar.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DispatchRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Dispatches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LetterId = table.Column<int>(type: "integer", nullable: false),
                    FileId = table.Column<int>(type: "integer", nullable: false),
                    Mode = table.Column<int>(type: "integer", nullable: false),
                    Recipient = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    Address = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    PostalMode = table.Column<int>(type: "integer", nullable: true),
                    Postage = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: true),
                    ArticleNumber = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    CarriedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ToPostId = table.Column<int>(type: "integer", nullable: true),
                    ReceiptId = table.Column<int>(type: "integer", nullable: true),
                    Remarks = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DispatchedByPostId = table.Column<int>(type: "integer", nullable: false),
                    DispatchedById = table.Column<int>(type: "integer", nullable: false),
                    DispatchedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DispatchedOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Dispatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Dispatches_Employees_DispatchedById",
                        column: x => x.DispatchedById,
                        principalTable: "Employees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Dispatches_Files_FileId",
                        column: x => x.FileId,
                        principalTable: "Files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Dispatches_IssuedLetters_LetterId",
                        column: x => x.LetterId,
                        principalTable: "IssuedLetters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Dispatches_Posts_DispatchedByPostId",
                        column: x => x.DispatchedByPostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Dispatches_Posts_ToPostId",
                        column: x => x.ToPostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Dispatches_Receipts_ReceiptId",
                        column: x => x.ReceiptId,
                        principalTable: "Receipts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Dispatches_DispatchedById",
                table: "Dispatches",
                column: "DispatchedById");

            migrationBuilder.CreateIndex(
                name: "IX_Dispatches_DispatchedByPostId",
                table: "Dispatches",
                column: "DispatchedByPostId");

            migrationBuilder.CreateIndex(
                name: "IX_Dispatches_DispatchedOn",
                table: "Dispatches",
                column: "DispatchedOn");

            migrationBuilder.CreateIndex(
                name: "IX_Dispatches_FileId",
                table: "Dispatches",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_Dispatches_LetterId",
                table: "Dispatches",
                column: "LetterId");

            migrationBuilder.CreateIndex(
                name: "IX_Dispatches_ReceiptId",
                table: "Dispatches",
                column: "ReceiptId");

            migrationBuilder.CreateIndex(
                name: "IX_Dispatches_ToPostId",
                table: "Dispatches",
                column: "ToPostId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Dispatches");
        }
    }
}
