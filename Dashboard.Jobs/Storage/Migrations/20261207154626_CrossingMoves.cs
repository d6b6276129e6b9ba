using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Jobs.Storage.Migrations
{
    /// <inheritdoc />
    public partial class CrossingMoves : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "critical_move_cause",
                table: "forecasts",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "critical_move_reason",
                table: "forecasts",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "critical_moved_at",
                table: "forecasts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "critical_moved_from_date",
                table: "forecasts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "critical_moved_from_kind",
                table: "forecasts",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "critical_moved_from_run_at",
                table: "forecasts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "critical_moved_to_date",
                table: "forecasts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "critical_moved_to_kind",
                table: "forecasts",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "warning_move_cause",
                table: "forecasts",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "warning_move_reason",
                table: "forecasts",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "warning_moved_at",
                table: "forecasts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "warning_moved_from_date",
                table: "forecasts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "warning_moved_from_kind",
                table: "forecasts",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "warning_moved_from_run_at",
                table: "forecasts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "warning_moved_to_date",
                table: "forecasts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "warning_moved_to_kind",
                table: "forecasts",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "critical_move_cause",
                table: "forecasts");

            migrationBuilder.DropColumn(
                name: "critical_move_reason",
                table: "forecasts");

            migrationBuilder.DropColumn(
                name: "critical_moved_at",
                table: "forecasts");

            migrationBuilder.DropColumn(
                name: "critical_moved_from_date",
                table: "forecasts");

            migrationBuilder.DropColumn(
                name: "critical_moved_from_kind",
                table: "forecasts");

            migrationBuilder.DropColumn(
                name: "critical_moved_from_run_at",
                table: "forecasts");

            migrationBuilder.DropColumn(
                name: "critical_moved_to_date",
                table: "forecasts");

            migrationBuilder.DropColumn(
                name: "critical_moved_to_kind",
                table: "forecasts");

            migrationBuilder.DropColumn(
                name: "warning_move_cause",
                table: "forecasts");

            migrationBuilder.DropColumn(
                name: "warning_move_reason",
                table: "forecasts");

            migrationBuilder.DropColumn(
                name: "warning_moved_at",
                table: "forecasts");

            migrationBuilder.DropColumn(
                name: "warning_moved_from_date",
                table: "forecasts");

            migrationBuilder.DropColumn(
                name: "warning_moved_from_kind",
                table: "forecasts");

            migrationBuilder.DropColumn(
                name: "warning_moved_from_run_at",
                table: "forecasts");

            migrationBuilder.DropColumn(
                name: "warning_moved_to_date",
                table: "forecasts");

            migrationBuilder.DropColumn(
                name: "warning_moved_to_kind",
                table: "forecasts");
        }
    }
}
