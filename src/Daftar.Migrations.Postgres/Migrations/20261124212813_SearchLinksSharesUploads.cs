using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Daftar.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SearchLinksSharesUploads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Receipts",
                type: "character varying(20000)",
                maxLength: 20000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Pages",
                table: "ReceiptDocuments",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Notes",
                type: "character varying(20000)",
                maxLength: 20000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "CreatedOn",
                table: "Files",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Files",
                type: "character varying(20000)",
                maxLength: 20000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "BlobHash",
                table: "Correspondence",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContentType",
                table: "Correspondence",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FileName",
                table: "Correspondence",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Size",
                table: "Correspondence",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FileLinks",
                columns: table => new
                {
                    FileId = table.Column<int>(type: "integer", nullable: false),
                    LinkedFileId = table.Column<int>(type: "integer", nullable: false),
                    ByPostId = table.Column<int>(type: "integer", nullable: false),
                    Remarks = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FileLinks", x => new { x.FileId, x.LinkedFileId });
                    table.ForeignKey(
                        name: "FK_FileLinks_Files_FileId",
                        column: x => x.FileId,
                        principalTable: "Files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FileLinks_Files_LinkedFileId",
                        column: x => x.LinkedFileId,
                        principalTable: "Files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FileLinks_Posts_ByPostId",
                        column: x => x.ByPostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FileShares",
                columns: table => new
                {
                    FileId = table.Column<int>(type: "integer", nullable: false),
                    PostId = table.Column<int>(type: "integer", nullable: false),
                    ByPostId = table.Column<int>(type: "integer", nullable: false),
                    ById = table.Column<int>(type: "integer", nullable: false),
                    Remarks = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FileShares", x => new { x.FileId, x.PostId });
                    table.ForeignKey(
                        name: "FK_FileShares_Employees_ById",
                        column: x => x.ById,
                        principalTable: "Employees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FileShares_Files_FileId",
                        column: x => x.FileId,
                        principalTable: "Files",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FileShares_Posts_ByPostId",
                        column: x => x.ByPostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FileShares_Posts_PostId",
                        column: x => x.PostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Files_CreatedOn",
                table: "Files",
                column: "CreatedOn");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_ByPostId",
                table: "FileLinks",
                column: "ByPostId");

            migrationBuilder.CreateIndex(
                name: "IX_FileLinks_LinkedFileId",
                table: "FileLinks",
                column: "LinkedFileId");

            migrationBuilder.CreateIndex(
                name: "IX_FileShares_ById",
                table: "FileShares",
                column: "ById");

            migrationBuilder.CreateIndex(
                name: "IX_FileShares_ByPostId",
                table: "FileShares",
                column: "ByPostId");

            migrationBuilder.CreateIndex(
                name: "IX_FileShares_PostId",
                table: "FileShares",
                column: "PostId");
            migrationBuilder.Sql("UPDATE \"Files\" SET \"CreatedOn\" = (\"CreatedAt\" AT TIME ZONE 'Asia/Kolkata')::date;");
            // Full-text search (ADR 0008): Daftar splits the words itself (SearchTerms), so the index is built from the
            // stored words with array_to_tsvector, untouched by the database's locale or text-search configuration.
            foreach (var table in new[] { "Files", "Notes", "Receipts" })
                migrationBuilder.Sql($"CREATE INDEX \"IX_{table}_Search\" ON \"{table}\" USING GIN (array_to_tsvector(string_to_array(\"SearchText\", ' ')));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "Files", "Notes", "Receipts" })
                migrationBuilder.Sql($"DROP INDEX IF EXISTS \"IX_{table}_Search\";");

            migrationBuilder.DropTable(
                name: "FileLinks");

            migrationBuilder.DropTable(
                name: "FileShares");

            migrationBuilder.DropIndex(
                name: "IX_Files_CreatedOn",
                table: "Files");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Receipts");

            migrationBuilder.DropColumn(
                name: "Pages",
                table: "ReceiptDocuments");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Notes");

            migrationBuilder.DropColumn(
                name: "CreatedOn",
                table: "Files");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Files");

            migrationBuilder.DropColumn(
                name: "BlobHash",
                table: "Correspondence");

            migrationBuilder.DropColumn(
                name: "ContentType",
                table: "Correspondence");

            migrationBuilder.DropColumn(
                name: "FileName",
                table: "Correspondence");

            migrationBuilder.DropColumn(
                name: "Size",
                table: "Correspondence");
        }
    }
}
