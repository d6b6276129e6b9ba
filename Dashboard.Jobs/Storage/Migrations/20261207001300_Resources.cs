using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Jobs.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Resources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "capacity_query",
                table: "metric_settings",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "entity_label",
                table: "metric_settings",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_built_in",
                table: "metric_settings",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "load_model",
                table: "metric_settings",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Auto");

            migrationBuilder.AddColumn<string>(
                name: "note",
                table: "metric_settings",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "usage_query",
                table: "metric_settings",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "usage_unit",
                table: "metric_settings",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "capacity_query",
                table: "metric_settings");

            migrationBuilder.DropColumn(
                name: "entity_label",
                table: "metric_settings");

            migrationBuilder.DropColumn(
                name: "is_built_in",
                table: "metric_settings");

            migrationBuilder.DropColumn(
                name: "load_model",
                table: "metric_settings");

            migrationBuilder.DropColumn(
                name: "note",
                table: "metric_settings");

            migrationBuilder.DropColumn(
                name: "usage_query",
                table: "metric_settings");

            migrationBuilder.DropColumn(
                name: "usage_unit",
                table: "metric_settings");
        }
    }
}
