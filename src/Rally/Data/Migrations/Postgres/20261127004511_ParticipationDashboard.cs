using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rally.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ParticipationDashboard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DashboardCell",
                columns: table => new
                {
                    OrgUnitId = table.Column<int>(type: "integer", nullable: false),
                    Subtree = table.Column<bool>(type: "boolean", nullable: false),
                    Series = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Key = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Value = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardCell", x => new { x.OrgUnitId, x.Subtree, x.Series, x.Key, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "DashboardWatermark",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    AuditId = table.Column<long>(type: "bigint", nullable: false),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: false),
                    RefreshedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardWatermark", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DashboardCell");

            migrationBuilder.DropTable(
                name: "DashboardWatermark");
        }
    }
}
