using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Jobs.Storage.Migrations
{
    /// <inheritdoc />
    public partial class IngestWatermark : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ingested_through",
                table: "source_status",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_backfill_at",
                table: "source_status",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "last_backfill_seconds",
                table: "source_status",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "last_backfill_skipped_seconds",
                table: "source_status",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "last_backfill_step_seconds",
                table: "source_status",
                type: "double precision",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ingested_through",
                table: "source_status");

            migrationBuilder.DropColumn(
                name: "last_backfill_at",
                table: "source_status");

            migrationBuilder.DropColumn(
                name: "last_backfill_seconds",
                table: "source_status");

            migrationBuilder.DropColumn(
                name: "last_backfill_skipped_seconds",
                table: "source_status");

            migrationBuilder.DropColumn(
                name: "last_backfill_step_seconds",
                table: "source_status");
        }
    }
}
