using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Daftar.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 20000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Pages",
                table: "ReceiptDocuments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Notes",
                type: "TEXT",
                maxLength: 20000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "CreatedOn",
                table: "Files",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Files",
                type: "TEXT",
                maxLength: 20000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "BlobHash",
                table: "Correspondence",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContentType",
                table: "Correspondence",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FileName",
                table: "Correspondence",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Size",
                table: "Correspondence",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FileLinks",
                columns: table => new
                {
                    FileId = table.Column<int>(type: "INTEGER", nullable: false),
                    LinkedFileId = table.Column<int>(type: "INTEGER", nullable: false),
                    ByPostId = table.Column<int>(type: "INTEGER", nullable: false),
                    Remarks = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
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
                    FileId = table.Column<int>(type: "INTEGER", nullable: false),
                    PostId = table.Column<int>(type: "INTEGER", nullable: false),
                    ByPostId = table.Column<int>(type: "INTEGER", nullable: false),
                    ById = table.Column<int>(type: "INTEGER", nullable: false),
                    Remarks = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
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
            migrationBuilder.Sql("UPDATE Files SET CreatedOn = date(CreatedAt, '+330 minutes');");
            // Full-text search (ADR 0008): one FTS5 index over files (rowid 4n+1), confirmed notes (4n+2) and receipts
            // (4n+3), kept by triggers. Daftar splits the words itself (SearchTerms), so the ascii tokenizer only has to
            // split on the spaces between them and leaves Devanagari words whole.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE SearchIndex USING fts5(terms, content='', contentless_delete=1, tokenize='ascii');");
            foreach (var (table, kind, when) in new[] { ("Files", 1, ""), ("Notes", 2, " WHEN new.SearchText IS NOT NULL"), ("Receipts", 3, "") })
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table}{when}
                    BEGIN INSERT INTO SearchIndex(rowid, terms) VALUES (new.Id * 4 + {kind}, new.SearchText); END;
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_search_update AFTER UPDATE OF SearchText ON {table}
                    BEGIN
                      DELETE FROM SearchIndex WHERE rowid = old.Id * 4 + {kind};
                      INSERT INTO SearchIndex(rowid, terms) SELECT new.Id * 4 + {kind}, new.SearchText WHERE new.SearchText IS NOT NULL;
                    END;
                    """);
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table}
                    BEGIN DELETE FROM SearchIndex WHERE rowid = old.Id * 4 + {kind}; END;
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "Files", "Notes", "Receipts" })
                foreach (var verb in new[] { "insert", "update", "delete" })
                    migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {table}_search_{verb};");
            migrationBuilder.Sql("DROP TABLE IF EXISTS SearchIndex;");

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
