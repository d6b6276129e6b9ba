using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Jobs.Storage.Migrations
{
    /// <summary>
    /// The long-history observation store, in raw SQL: EF cannot express declarative partitioning.
    /// Daily partitions are created by PartitionMaintenance (ahead of time and on demand), not here.
    /// </summary>
    public partial class ObservationStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE series (
                    id bigint GENERATED ALWAYS AS IDENTITY,
                    metric text NOT NULL,
                    entity text NOT NULL,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    CONSTRAINT pk_series PRIMARY KEY (id),
                    CONSTRAINT uq_series_metric_entity UNIQUE (metric, entity)
                );

                -- No foreign key to series: a per-row RI check would halve COPY throughput, and
                -- series rows are never deleted. No default partition: a point without a day
                -- partition fails loudly instead of piling up where retention cannot drop it.
                CREATE TABLE observations (
                    series_id bigint NOT NULL,
                    ts timestamptz NOT NULL,
                    value double precision NOT NULL,
                    CONSTRAINT pk_observations PRIMARY KEY (series_id, ts)
                ) PARTITION BY RANGE (ts);
                -- Rollups read time slices across all series; BRIN costs next to nothing on insert.
                CREATE INDEX ix_observations_ts ON observations USING brin (ts);

                CREATE TABLE observations_5m (
                    series_id bigint NOT NULL,
                    bucket timestamptz NOT NULL,
                    min double precision NOT NULL,
                    max double precision NOT NULL,
                    sum double precision NOT NULL,
                    count bigint NOT NULL,
                    avg double precision GENERATED ALWAYS AS (sum / count) STORED,
                    CONSTRAINT pk_observations_5m PRIMARY KEY (series_id, bucket)
                );
                CREATE INDEX ix_observations_5m_bucket ON observations_5m (bucket);

                CREATE TABLE observations_1h (
                    series_id bigint NOT NULL,
                    bucket timestamptz NOT NULL,
                    min double precision NOT NULL,
                    max double precision NOT NULL,
                    sum double precision NOT NULL,
                    count bigint NOT NULL,
                    avg double precision GENERATED ALWAYS AS (sum / count) STORED,
                    CONSTRAINT pk_observations_1h PRIMARY KEY (series_id, bucket)
                );
                CREATE INDEX ix_observations_1h_bucket ON observations_1h (bucket);

                -- 5-minute buckets that gained raw points since the rollup job last ran.
                CREATE TABLE rollup_pending (
                    bucket timestamptz NOT NULL,
                    CONSTRAINT pk_rollup_pending PRIMARY KEY (bucket)
                );
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE rollup_pending;
                DROP TABLE observations_1h;
                DROP TABLE observations_5m;
                DROP TABLE observations;
                DROP TABLE series;
                """);
        }
    }
}
