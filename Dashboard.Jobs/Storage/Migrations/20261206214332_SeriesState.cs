using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Jobs.Storage.Migrations
{
    /// <inheritdoc />
    public partial class SeriesState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "series_state",
                columns: table => new
                {
                    metric = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    entity = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: true),
                    sampled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_good_value = table.Column<double>(type: "double precision", nullable: true),
                    last_good_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    stale_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    evaluated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_series_state", x => new { x.metric, x.entity });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "series_state");
        }
    }
}
