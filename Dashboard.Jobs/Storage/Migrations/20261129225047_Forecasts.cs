using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Dashboard.Jobs.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Forecasts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "forecast_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    requested_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    series_total = table.Column<int>(type: "integer", nullable: false),
                    series_done = table.Column<int>(type: "integer", nullable: false),
                    series_forecasted = table.Column<int>(type: "integer", nullable: false),
                    series_per_second = table.Column<double>(type: "double precision", nullable: true),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_forecast_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "forecasts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    metric = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    entity = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    history_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    history_to = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    history_used_seconds = table.Column<double>(type: "double precision", nullable: false),
                    history_required_seconds = table.Column<double>(type: "double precision", nullable: false),
                    current_value = table.Column<double>(type: "double precision", nullable: true),
                    unit = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    model_kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    season_length = table.Column<int>(type: "integer", nullable: false),
                    parameters = table.Column<string>(type: "jsonb", nullable: false),
                    aicc = table.Column<double>(type: "double precision", nullable: true),
                    residual_standard_deviation = table.Column<double>(type: "double precision", nullable: true),
                    interval_level = table.Column<double>(type: "double precision", nullable: false),
                    smape = table.Column<double>(type: "double precision", nullable: true),
                    mase = table.Column<double>(type: "double precision", nullable: true),
                    rmse = table.Column<double>(type: "double precision", nullable: true),
                    backtest_origins = table.Column<int>(type: "integer", nullable: true),
                    trend = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    points_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    points_step_seconds = table.Column<double>(type: "double precision", nullable: false),
                    expected = table.Column<double[]>(type: "double precision[]", nullable: false),
                    low = table.Column<double[]>(type: "double precision[]", nullable: false),
                    high = table.Column<double[]>(type: "double precision[]", nullable: false),
                    warning_kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    warning_level = table.Column<double>(type: "double precision", nullable: true),
                    warning_expected = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    warning_earliest = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    warning_latest = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    warning_actionable = table.Column<bool>(type: "boolean", nullable: true),
                    critical_kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    critical_level = table.Column<double>(type: "double precision", nullable: true),
                    critical_expected = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    critical_earliest = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    critical_latest = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    critical_actionable = table.Column<bool>(type: "boolean", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_forecasts", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_forecast_runs_requested_at",
                table: "forecast_runs",
                column: "requested_at");

            migrationBuilder.CreateIndex(
                name: "ix_forecasts_metric_entity",
                table: "forecasts",
                columns: new[] { "metric", "entity" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "forecast_runs");

            migrationBuilder.DropTable(
                name: "forecasts");
        }
    }
}
