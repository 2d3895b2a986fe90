using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rally.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CampaignTargetWorkplace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "WorkplaceId",
                table: "CampaignTargets",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_CampaignTargets_CampaignId_MemberId_WorkplaceId",
                table: "CampaignTargets",
                columns: new[] { "CampaignId", "MemberId", "WorkplaceId" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignTargets_WorkplaceId",
                table: "CampaignTargets",
                column: "WorkplaceId");

            migrationBuilder.AddForeignKey(
                name: "FK_CampaignTargets_OrgUnits_WorkplaceId",
                table: "CampaignTargets",
                column: "WorkplaceId",
                principalTable: "OrgUnits",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // Targets written before this migration take their member's workplace as it is now.
            migrationBuilder.Sql("UPDATE \"CampaignTargets\" SET \"WorkplaceId\" = (SELECT m.\"WorkplaceId\" FROM \"Members\" AS m WHERE m.\"Id\" = \"CampaignTargets\".\"MemberId\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CampaignTargets_OrgUnits_WorkplaceId",
                table: "CampaignTargets");

            migrationBuilder.DropIndex(
                name: "IX_CampaignTargets_CampaignId_MemberId_WorkplaceId",
                table: "CampaignTargets");

            migrationBuilder.DropIndex(
                name: "IX_CampaignTargets_WorkplaceId",
                table: "CampaignTargets");

            migrationBuilder.DropColumn(
                name: "WorkplaceId",
                table: "CampaignTargets");
        }
    }
}
