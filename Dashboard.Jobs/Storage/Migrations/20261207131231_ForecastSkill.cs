using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Jobs.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ForecastSkill : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "backtest_window_seconds",
                table: "forecasts",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "off_by_percent",
                table: "forecasts",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "reference_off_by_percent",
                table: "forecasts",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "skill_reference",
                table: "forecasts",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "backtest_window_seconds",
                table: "forecasts");

            migrationBuilder.DropColumn(
                name: "off_by_percent",
                table: "forecasts");

            migrationBuilder.DropColumn(
                name: "reference_off_by_percent",
                table: "forecasts");

            migrationBuilder.DropColumn(
                name: "skill_reference",
                table: "forecasts");
        }
    }
}
