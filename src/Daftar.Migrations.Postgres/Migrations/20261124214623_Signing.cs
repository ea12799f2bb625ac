using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Daftar.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Signing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Authorities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: true),
                    Certificate = table.Column<byte[]>(type: "bytea", nullable: false),
                    ProtectedKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    Subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    SerialHex = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    NotBefore = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NotAfter = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    IsCurrent = table.Column<bool>(type: "boolean", nullable: false),
                    CrlNumber = table.Column<long>(type: "bigint", nullable: false),
                    Crl = table.Column<byte[]>(type: "bytea", nullable: true),
                    CrlThisUpdate = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CrlNextUpdate = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Authorities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Authorities_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SigningCredentials",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EmployeeId = table.Column<int>(type: "integer", nullable: false),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    IssuerId = table.Column<int>(type: "integer", nullable: true),
                    Certificate = table.Column<byte[]>(type: "bytea", nullable: false),
                    ProtectedKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    Subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    IssuerName = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    SerialHex = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Algorithm = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NotBefore = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NotAfter = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevocationReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FailedPinAttempts = table.Column<int>(type: "integer", nullable: false),
                    LockedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SigningCredentials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SigningCredentials_Authorities_IssuerId",
                        column: x => x.IssuerId,
                        principalTable: "Authorities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SigningCredentials_Employees_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "Employees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NoteSignatures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NoteId = table.Column<int>(type: "integer", nullable: false),
                    CredentialId = table.Column<int>(type: "integer", nullable: false),
                    EmployeeId = table.Column<int>(type: "integer", nullable: false),
                    PostId = table.Column<int>(type: "integer", nullable: false),
                    ContentSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Cms = table.Column<byte[]>(type: "bytea", nullable: false),
                    SignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoteSignatures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NoteSignatures_Employees_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "Employees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NoteSignatures_Notes_NoteId",
                        column: x => x.NoteId,
                        principalTable: "Notes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NoteSignatures_Posts_PostId",
                        column: x => x.PostId,
                        principalTable: "Posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NoteSignatures_SigningCredentials_CredentialId",
                        column: x => x.CredentialId,
                        principalTable: "SigningCredentials",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Authorities_Code",
                table: "Authorities",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Authorities_DepartmentId",
                table: "Authorities",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Authorities_Kind_DepartmentId_IsCurrent",
                table: "Authorities",
                columns: new[] { "Kind", "DepartmentId", "IsCurrent" });

            migrationBuilder.CreateIndex(
                name: "IX_NoteSignatures_CredentialId",
                table: "NoteSignatures",
                column: "CredentialId");

            migrationBuilder.CreateIndex(
                name: "IX_NoteSignatures_EmployeeId",
                table: "NoteSignatures",
                column: "EmployeeId");

            migrationBuilder.CreateIndex(
                name: "IX_NoteSignatures_NoteId",
                table: "NoteSignatures",
                column: "NoteId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NoteSignatures_PostId",
                table: "NoteSignatures",
                column: "PostId");

            migrationBuilder.CreateIndex(
                name: "IX_SigningCredentials_EmployeeId_Status",
                table: "SigningCredentials",
                columns: new[] { "EmployeeId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SigningCredentials_IssuerId_Status",
                table: "SigningCredentials",
                columns: new[] { "IssuerId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NoteSignatures");

            migrationBuilder.DropTable(
                name: "SigningCredentials");

            migrationBuilder.DropTable(
                name: "Authorities");
        }
    }
}
