using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rally.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CampaignProgressIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Assessments_MemberId_ScaleId_AssessedAt",
                table: "Assessments");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_MemberId_ScaleId_AssessedAt_Level",
                table: "Assessments",
                columns: new[] { "MemberId", "ScaleId", "AssessedAt", "Level" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Assessments_MemberId_ScaleId_AssessedAt_Level",
                table: "Assessments");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_MemberId_ScaleId_AssessedAt",
                table: "Assessments",
                columns: new[] { "MemberId", "ScaleId", "AssessedAt" });
        }
    }
}
