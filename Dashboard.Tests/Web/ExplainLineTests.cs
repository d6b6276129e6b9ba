using Dashboard.Services.DatabaseHealth;

namespace Dashboard.Tests.Web;

public sealed class ExplainLineTests
{
    [Theory]
    [InlineData("SELECT * FROM orders WHERE id = $1", "EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM orders WHERE id = $1;")]
    [InlineData("select 1;", "EXPLAIN (ANALYZE, BUFFERS) select 1;")]
    [InlineData("  (SELECT a FROM t) UNION (SELECT b FROM u)  ", "EXPLAIN (ANALYZE, BUFFERS) (SELECT a FROM t) UNION (SELECT b FROM u);")]
    [InlineData("/* app:list */ SELECT x FROM t", "EXPLAIN (ANALYZE, BUFFERS) /* app:list */ SELECT x FROM t;")]
    public void For_ReadStatement_PlainExplain(string query, string expected)
    {
        var line = ExplainLine.For(query)!;

        Assert.Equal(expected, line.Sql);
        Assert.False(line.ChangesData);
    }

    [Theory]
    [InlineData("INSERT INTO t VALUES ($1)")]
    [InlineData("update t set a = $1")]
    [InlineData("DELETE FROM t WHERE id = $1")]
    [InlineData("WITH moved AS (DELETE FROM t RETURNING *) SELECT count(*) FROM moved")]
    public void For_StatementThatChangesData_WrappedInRollback(string query)
    {
        var line = ExplainLine.For(query)!;

        Assert.True(line.ChangesData);
        Assert.StartsWith("BEGIN; EXPLAIN (ANALYZE, BUFFERS) ", line.Sql);
        Assert.EndsWith("; ROLLBACK;", line.Sql);
    }

    [Fact]
    public void For_ReadOnlyCte_NotWrapped()
    {
        Assert.False(ExplainLine.For("WITH x AS (SELECT 1) SELECT * FROM x")!.ChangesData);
    }

    [Theory]
    [InlineData("COPY t FROM STDIN")]
    [InlineData("VACUUM ANALYZE t")]
    [InlineData("CREATE INDEX i ON t (a)")]
    [InlineData("SET application_name = $1")]
    [InlineData("BEGIN")]
    [InlineData("")]
    public void For_UtilityStatement_Null(string query)
    {
        Assert.Null(ExplainLine.For(query));
    }

    [Theory]
    [InlineData("SELECT * FROM t WHERE a = $1", true)]
    [InlineData("SELECT * FROM t WHERE a = 1", false)]
    public void For_NormalisedConstants_NeedParameters(string query, bool needs)
    {
        Assert.Equal(needs, ExplainLine.For(query)!.NeedsParameters);
    }
}
