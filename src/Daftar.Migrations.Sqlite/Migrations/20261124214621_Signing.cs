using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Daftar.Migrations.Sqlite.Migrations
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DepartmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    Certificate = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ProtectedKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    SerialHex = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    NotBefore = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    NotAfter = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    IsCurrent = table.Column<bool>(type: "INTEGER", nullable: false),
                    CrlNumber = table.Column<long>(type: "INTEGER", nullable: false),
                    Crl = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CrlThisUpdate = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    CrlNextUpdate = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EmployeeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    IssuerId = table.Column<int>(type: "INTEGER", nullable: true),
                    Certificate = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ProtectedKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    IssuerName = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    SerialHex = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Algorithm = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    NotBefore = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    NotAfter = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    RevocationReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FailedPinAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LockedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NoteId = table.Column<int>(type: "INTEGER", nullable: false),
                    CredentialId = table.Column<int>(type: "INTEGER", nullable: false),
                    EmployeeId = table.Column<int>(type: "INTEGER", nullable: false),
                    PostId = table.Column<int>(type: "INTEGER", nullable: false),
                    ContentSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Cms = table.Column<byte[]>(type: "BLOB", nullable: false),
                    SignedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
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
