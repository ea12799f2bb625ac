using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Daftar.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OneActiveCredentialPerEmployee : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Should two enrolments ever have raced before this index, the newer credential stays active.
            migrationBuilder.Sql("UPDATE \"SigningCredentials\" SET \"Status\" = 3 WHERE \"Status\" = 1 AND \"Id\" NOT IN " +
                                 "(SELECT max(\"Id\") FROM \"SigningCredentials\" WHERE \"Status\" = 1 GROUP BY \"EmployeeId\")");
            migrationBuilder.CreateIndex(
                name: "IX_SigningCredentials_OneActivePerEmployee",
                table: "SigningCredentials",
                column: "EmployeeId",
                unique: true,
                filter: "\"Status\" = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SigningCredentials_OneActivePerEmployee",
                table: "SigningCredentials");
        }
    }
}
