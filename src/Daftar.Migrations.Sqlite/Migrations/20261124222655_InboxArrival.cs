using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Daftar.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InboxArrival : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ArrivalDueOn",
                table: "Files",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ArrivalKind",
                table: "Files",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ArrivalOpenedAt",
                table: "Files",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ArrivalPriority",
                table: "Files",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ArrivalRemarks",
                table: "Files",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ArrivedAt",
                table: "Files",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<int>(
                name: "ArrivedById",
                table: "Files",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ArrivedFromPostId",
                table: "Files",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_Files_ArrivedFromPostId_ArrivalKind",
                table: "Files",
                columns: new[] { "ArrivedFromPostId", "ArrivalKind" });

            // Every file's arrival, copied from its last send, pull-back or creation.
            migrationBuilder.Sql("""
                UPDATE "Files" SET "ArrivalKind" = m."Kind", "ArrivedFromPostId" = m."FromPostId", "ArrivedById" = m."ById", "ArrivedAt" = m."At",
                    "ArrivalPriority" = m."Priority", "ArrivalDueOn" = m."DueOn", "ArrivalRemarks" = m."Remarks", "ArrivalOpenedAt" = m."OpenedAt"
                FROM "Movements" AS m
                WHERE m."Id" = (SELECT max(x."Id") FROM "Movements" AS x WHERE x."FileId" = "Files"."Id" AND x."Kind" IN (1, 2, 3));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Files_ArrivedFromPostId_ArrivalKind",
                table: "Files");

            migrationBuilder.DropColumn(
                name: "ArrivalDueOn",
                table: "Files");

            migrationBuilder.DropColumn(
                name: "ArrivalKind",
                table: "Files");

            migrationBuilder.DropColumn(
                name: "ArrivalOpenedAt",
                table: "Files");

            migrationBuilder.DropColumn(
                name: "ArrivalPriority",
                table: "Files");

            migrationBuilder.DropColumn(
                name: "ArrivalRemarks",
                table: "Files");

            migrationBuilder.DropColumn(
                name: "ArrivedAt",
                table: "Files");

            migrationBuilder.DropColumn(
                name: "ArrivedById",
                table: "Files");

            migrationBuilder.DropColumn(
                name: "ArrivedFromPostId",
                table: "Files");
        }
    }
}
