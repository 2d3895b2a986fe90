using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rally.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Apportionments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Apportionments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CountedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Seats = table.Column<int>(type: "INTEGER", nullable: false),
                    MinSeats = table.Column<int>(type: "INTEGER", nullable: false),
                    ThresholdPercent = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ThresholdQuota = table.Column<bool>(type: "INTEGER", nullable: false),
                    TieRule = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Caps = table.Column<string>(type: "TEXT", nullable: false),
                    Result = table.Column<string>(type: "TEXT", nullable: false),
                    Steps = table.Column<string>(type: "TEXT", nullable: false),
                    BodyId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Apportionments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Apportionments_Bodies_BodyId",
                        column: x => x.BodyId,
                        principalTable: "Bodies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Apportionments_BodyId",
                table: "Apportionments",
                column: "BodyId");

            migrationBuilder.CreateIndex(
                name: "IX_Apportionments_CreatedAt",
                table: "Apportionments",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Apportionments");
        }
    }
}
