namespace Dashboard.Jobs.Sources.Postgres;

/// <summary>
/// Rates between two snapshots of the same target. A counter that went down, or a stats_reset
/// (pg_stat_reset) or pg_stat_statements_info.stats_reset (pg_stat_statements_reset) that changed,
/// makes that interval's rate unknown; a rate is never negative.
/// </summary>
internal static class PostgresStatsRateCalculator
{
    public static PostgresStatsRates? Between(PostgresStatsSnapshot? previous, PostgresStatsSnapshot current)
    {
        if (previous is null || previous.Target != current.Target || current.TakenAt <= previous.TakenAt)
        {
            return null;
        }
        var interval = current.TakenAt - previous.TakenAt;

        var (rw0, rw1) = (previous.ReadWrite.Data, current.ReadWrite.Data);
        var dbReset = rw0 is not null && rw1 is not null && rw0.StatsReset != rw1.StatsReset;
        Rate Counter(Func<ReadWritePanel, long> read) =>
            rw0 is null || rw1 is null ? Rate.Unknown : Rate.Between(read(rw0), read(rw1), interval, dbReset);
        var reads = Counter(r => r.RowsRead);
        var writes = Counter(r => r.RowsWritten);
        var transactions = Counter(r => r.Commits + r.Rollbacks);
        double? readShare = reads.PerSecond is { } rd && writes.PerSecond is { } wr && rd + wr > 0 ? rd / (rd + wr) : null;

        var (c0, c1) = (previous.CacheHit.Data, current.CacheHit.Data);
        double? heapRatio = null, indexRatio = null;
        if (c0 is not null && c1 is not null && c0.StatsReset == c1.StatsReset)
        {
            heapRatio = IntervalRatio(c0.HeapHit, c0.HeapRead, c1.HeapHit, c1.HeapRead);
            indexRatio = IntervalRatio(c0.IndexHit, c0.IndexRead, c1.IndexHit, c1.IndexRead);
        }

        return new PostgresStatsRates(interval, transactions, reads, writes, readShare, heapRatio, indexRatio,
            StatementRates(previous.TopQueries.Data, current.TopQueries.Data, interval),
            Growth(previous.Sizes.Data?.Databases.Where(d => d.Bytes is not null).ToDictionary(d => d.Name, d => d.Bytes!.Value),
                   current.Sizes.Data?.Databases.Where(d => d.Bytes is not null).ToDictionary(d => d.Name, d => d.Bytes!.Value), interval),
            Growth(previous.Sizes.Data?.LargestTables.ToDictionary(t => $"{t.Schema}.{t.Name}", t => t.TotalBytes),
                   current.Sizes.Data?.LargestTables.ToDictionary(t => $"{t.Schema}.{t.Name}", t => t.TotalBytes), interval));
    }

    /// <summary>Hit ratio of the blocks touched in the interval; null when any counter went down or nothing was touched.</summary>
    private static double? IntervalRatio(long hit0, long read0, long hit1, long read1)
    {
        var (hits, readsInInterval) = (hit1 - hit0, read1 - read0);
        return hits < 0 || readsInInterval < 0 || hits + readsInInterval == 0 ? null : (double)hits / (hits + readsInInterval);
    }

    private static List<StatementRate> StatementRates(TopQueriesPanel? before, TopQueriesPanel? after, TimeSpan interval)
    {
        if (before is null || after is null)
        {
            return [];
        }
        var allReset = before.StatsReset != after.StatsReset;
        var users = after.ByTotalTime.Concat(after.ByMeanTime)
            .Where(s => s.QueryId is not null)
            .GroupBy(s => s.QueryId!.Value)
            .ToDictionary(g => g.Key, g => g.First().User);
        var rates = new List<StatementRate>();
        foreach (var (key, now) in after.Counters)
        {
            // Only the statements on the panel: rates for thousands of entries would go unread.
            if (!users.TryGetValue(key.QueryId, out var user))
            {
                continue;
            }
            if (!before.Counters.TryGetValue(key, out var then))
            {
                // New since the last snapshot, or evicted and re-added: its history in the interval is unknown.
                rates.Add(new StatementRate(key.QueryId, user, Rate.Unknown, Rate.Unknown));
                continue;
            }
            // A statement's counters restart when its entry is reset or evicted; calls going down is the tell.
            var reset = allReset || now.Calls < then.Calls;
            rates.Add(new StatementRate(key.QueryId, user,
                Rate.Between(then.Calls, now.Calls, interval, reset),
                Rate.Between(then.TotalExecMs, now.TotalExecMs, interval, reset)));
        }
        return rates;
    }

    private static List<SizeGrowth> Growth(Dictionary<string, long>? before, Dictionary<string, long>? after, TimeSpan interval) =>
        before is null || after is null
            ? []
            : [.. after.Where(a => before.ContainsKey(a.Key))
                .Select(a => new SizeGrowth(a.Key, (a.Value - before[a.Key]) / interval.TotalSeconds))];
}
