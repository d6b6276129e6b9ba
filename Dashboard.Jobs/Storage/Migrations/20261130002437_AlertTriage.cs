using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Dashboard.Jobs.Storage.Migrations
{
    /// <inheritdoc />
    public partial class AlertTriage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    metric = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    entity = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    pending_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    firing_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    keep_firing_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_evaluated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_value = table.Column<double>(type: "double precision", nullable: true),
                    last_value_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    unit = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    warning = table.Column<double>(type: "double precision", nullable: true),
                    critical = table.Column<double>(type: "double precision", nullable: true),
                    direction = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    sustained_for_seconds = table.Column<int>(type: "integer", nullable: true),
                    source_stale_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    source_stale_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    fingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    generator_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    runbook_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    labels = table.Column<string>(type: "jsonb", nullable: false),
                    silenced_in_alertmanager = table.Column<bool>(type: "boolean", nullable: false),
                    acked_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    acked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ack_note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    silenced_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    silenced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    silenced_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    silence_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    alertmanager_silence_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alerts", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_alerts_source_metric_entity_severity",
                table: "alerts",
                columns: new[] { "source", "metric", "entity", "severity" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_alerts_state",
                table: "alerts",
                column: "state");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alerts");
        }
    }
}
