using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Rally.Data.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CountedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Method = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Seats = table.Column<int>(type: "integer", nullable: false),
                    MinSeats = table.Column<int>(type: "integer", nullable: false),
                    ThresholdPercent = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ThresholdQuota = table.Column<bool>(type: "boolean", nullable: false),
                    TieRule = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Caps = table.Column<string>(type: "text", nullable: false),
                    Result = table.Column<string>(type: "text", nullable: false),
                    Steps = table.Column<string>(type: "text", nullable: false),
                    BodyId = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
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
