using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Daftar.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InboxCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InboxCountChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PostId = table.Column<int>(type: "INTEGER", nullable: false),
                    New = table.Column<int>(type: "INTEGER", nullable: false),
                    Opened = table.Column<int>(type: "INTEGER", nullable: false),
                    Parked = table.Column<int>(type: "INTEGER", nullable: false),
                    Closed = table.Column<int>(type: "INTEGER", nullable: false),
                    Sent = table.Column<int>(type: "INTEGER", nullable: false),
                    Created = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxCountChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InboxCounts",
                columns: table => new
                {
                    PostId = table.Column<int>(type: "INTEGER", nullable: false),
                    New = table.Column<int>(type: "INTEGER", nullable: false),
                    Opened = table.Column<int>(type: "INTEGER", nullable: false),
                    Parked = table.Column<int>(type: "INTEGER", nullable: false),
                    Closed = table.Column<int>(type: "INTEGER", nullable: false),
                    Sent = table.Column<int>(type: "INTEGER", nullable: false),
                    Created = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxCounts", x => x.PostId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InboxCountChanges_PostId",
                table: "InboxCountChanges",
                column: "PostId");
            // The files already there are counted once; from now on every save keeps the counts (InboxCounting).
            migrationBuilder.Sql("""
                INSERT INTO "InboxCounts" ("PostId", "New", "Opened", "Parked", "Closed", "Sent", "Created")
                SELECT "PostId", sum("New"), sum("Opened"), sum("Parked"), sum("Closed"), sum("Sent"), sum("Created") FROM (
                    SELECT "HolderPostId" AS "PostId",
                        CASE WHEN "Status" = 1 AND "ArrivalOpenedAt" IS NULL THEN 1 ELSE 0 END AS "New",
                        CASE WHEN "Status" = 1 AND "ArrivalOpenedAt" IS NOT NULL THEN 1 ELSE 0 END AS "Opened",
                        CASE WHEN "Status" = 2 THEN 1 ELSE 0 END AS "Parked",
                        CASE WHEN "Status" = 3 THEN 1 ELSE 0 END AS "Closed",
                        0 AS "Sent", 0 AS "Created"
                    FROM "Files"
                    UNION ALL
                    SELECT "ArrivedFromPostId", 0, 0, 0, 0, 1, 0 FROM "Files" WHERE "ArrivalKind" = 2 AND "ArrivedFromPostId" <> "HolderPostId"
                    UNION ALL
                    SELECT "CreatedByPostId", 0, 0, 0, 0, 0, 1 FROM "Files"
                ) AS c
                GROUP BY "PostId";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InboxCountChanges");

            migrationBuilder.DropTable(
                name: "InboxCounts");
        }
    }
}
