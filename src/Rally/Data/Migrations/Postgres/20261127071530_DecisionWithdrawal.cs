using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rally.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DecisionWithdrawal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "WithdrawalReason",
                table: "Decisions",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "WithdrawnAt",
                table: "Decisions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WithdrawnBy",
                table: "Decisions",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "WithdrawalReason",
                table: "Decisions");

            migrationBuilder.DropColumn(
                name: "WithdrawnAt",
                table: "Decisions");

            migrationBuilder.DropColumn(
                name: "WithdrawnBy",
                table: "Decisions");
        }
    }
}
