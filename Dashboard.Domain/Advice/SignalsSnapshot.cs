using Dashboard.Domain.Catalog;

namespace Dashboard.Domain.Advice;

/// <summary>
/// Everything measured about the deployment at one moment, each signal with its value or unknown
/// and where it came from. The checklist, the owner's scaling mistakes and the engineer's decision
/// path all read one snapshot, so they say the same thing about every signal.
/// </summary>
public sealed record SignalsSnapshot
{
    private const string NoDatabase = "no PostgreSQL database is monitored";

    /// <summary>When the snapshot was taken.</summary>
    public required DateTimeOffset TakenAt { get; init; }

    /// <summary>Monitoring (Prometheus or a scrape target) answers.</summary>
    public required SignalFact<bool> Monitoring { get; init; }

    /// <summary>Deployments go through CI/CD.</summary>
    public required SignalFact<bool> CiCd { get; init; }

    /// <summary>A connection pooler sits between the app and the database.</summary>
    public required SignalFact<bool> ConnectionPooler { get; init; }

    /// <summary>An application cache (Redis) is in use.</summary>
    public required SignalFact<bool> Cache { get; init; }

    /// <summary>Background jobs are being processed.</summary>
    public required SignalFact<bool> BackgroundJobs { get; init; }

    /// <summary>Data is sharded across databases.</summary>
    public required SignalFact<bool> Sharding { get; init; }

    /// <summary>The product runs on Kubernetes.</summary>
    public required SignalFact<bool> Kubernetes { get; init; }

    /// <summary>Application instances serving traffic.</summary>
    public required SignalFact<int> AppInstances { get; init; }

    /// <summary>Active users.</summary>
    public required SignalFact<long> ActiveUsers { get; init; }

    /// <summary>Per monitored database, by target name.</summary>
    public required IReadOnlyList<DatabaseFacts> Databases { get; init; }

    /// <summary>A read replica, over every monitored database (see <see cref="Combine"/>).</summary>
    public SignalFact<bool> Replica => Combine(Databases.Select(d => d.Replica), NoDatabase);

    /// <summary>Partitioned tables, over every monitored database (see <see cref="Combine"/>).</summary>
    public SignalFact<bool> Partitioning => Combine(Databases.Select(d => d.Partitioning), NoDatabase);

    /// <summary>
    /// One deployment-wide fact from per-database facts: yes when any database shows it (their
    /// evidence), otherwise no when any database is measured without it, otherwise unknown (every reason).
    /// </summary>
    /// <param name="facts">The per-database facts.</param>
    /// <param name="none">Why it is unknown when there is no fact at all.</param>
    public static SignalFact<bool> Combine(IEnumerable<SignalFact<bool>> facts, string none)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var all = facts.ToList();
        foreach (var wanted in new bool?[] { true, false, null })
        {
            var matching = all.Where(f => f.Value == wanted).ToList();
            if (matching.Count > 0)
            {
                return new(wanted, string.Join("; ", matching.Select(f => f.Provenance)), matching.Max(f => f.At));
            }
        }

        return SignalFact.Unknown<bool>(none);
    }

    /// <summary>The facts of one database; unknown with a reason when it is not monitored.</summary>
    /// <param name="target">The target's name.</param>
    public DatabaseFacts Database(string target) =>
        Databases.FirstOrDefault(d => string.Equals(d.Target, target, StringComparison.Ordinal))
        ?? new DatabaseFacts(target, SignalFact.Unknown<bool>($"no statistics snapshot of {target} yet"), SignalFact.Unknown<bool>($"no statistics snapshot of {target} yet"));

    /// <summary>The deployment-wide signals for the Domain rules (checklist, mistakes).</summary>
    public ScalingSignals ToScalingSignals() => new()
    {
        MonitoringReachable = Monitoring.Value,
        CiCdInUse = CiCd.Value,
        ConnectionPoolerPresent = ConnectionPooler.Value,
        CachePresent = Cache.Value,
        BackgroundJobsRunning = BackgroundJobs.Value,
        ReplicaPresent = Replica.Value,
        PartitioningInUse = Partitioning.Value,
        ShardingInUse = Sharding.Value,
        KubernetesInUse = Kubernetes.Value,
        AppInstances = AppInstances.Value,
        ActiveUsers = ActiveUsers.Value,
    };

    /// <summary>
    /// One database's measured signals completed from this snapshot: its own replica and partitioning,
    /// and the deployment's cache, pooler and sharding. Whatever the database measured of those is replaced.
    /// </summary>
    /// <param name="target">The target's name.</param>
    /// <param name="database">What the database's statistics measured (queries, sizes, rates).</param>
    public ScalingSignals ForDatabase(string target, ScalingSignals database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var facts = Database(target);
        return database with
        {
            ReplicaPresent = facts.Replica.Value,
            PartitioningInUse = facts.Partitioning.Value,
            CachePresent = Cache.Value,
            ConnectionPoolerPresent = ConnectionPooler.Value,
            ShardingInUse = Sharding.Value,
        };
    }

    /// <summary>
    /// The fact behind a checklist item's signal. "Partitioning or sharding" is yes when either is,
    /// no only when both are measured as no; its provenance names both.
    /// </summary>
    /// <param name="signal">The checklist signal.</param>
    public SignalFact<bool> For(ChecklistSignal signal) => signal switch
    {
        ChecklistSignal.MonitoringReachable => Monitoring,
        ChecklistSignal.CiCdInUse => CiCd,
        ChecklistSignal.ConnectionPoolerPresent => ConnectionPooler,
        ChecklistSignal.CachePresent => Cache,
        ChecklistSignal.BackgroundJobsRunning => BackgroundJobs,
        ChecklistSignal.ReplicaPresent => Replica,
        ChecklistSignal.PartitioningOrSharding => PartitioningOrSharding(),
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Unknown checklist signal."),
    };

    /// <summary>Every signal by its <see cref="ScalingSignals"/> name: verdict word or figure, and provenance.</summary>
    public IReadOnlyList<(string Signal, bool Known, string Value, string Provenance, DateTimeOffset? At)> Listing()
    {
        static (string, bool, string, string, DateTimeOffset?) Flag(string name, SignalFact<bool> f) =>
            (name, f.IsKnown, SignalVerdicts.Of(f).Word(), f.Provenance, f.At);
        static (string, bool, string, string, DateTimeOffset?) Count<T>(string name, SignalFact<T> f, Func<T, string> format)
            where T : struct => (name, f.IsKnown, f.Value is { } v ? format(v) : "unknown", f.Provenance, f.At);
        var number = System.Globalization.CultureInfo.InvariantCulture;
        return
        [
            Count(nameof(ScalingSignals.ActiveUsers), ActiveUsers, v => v.ToString("#,0", number)),
            Flag(nameof(ScalingSignals.MonitoringReachable), Monitoring),
            Flag(nameof(ScalingSignals.CachePresent), Cache),
            Flag(nameof(ScalingSignals.ReplicaPresent), Replica),
            Flag(nameof(ScalingSignals.PartitioningInUse), Partitioning),
            Flag(nameof(ScalingSignals.ConnectionPoolerPresent), ConnectionPooler),
            Flag(nameof(ScalingSignals.BackgroundJobsRunning), BackgroundJobs),
            Flag(nameof(ScalingSignals.CiCdInUse), CiCd),
            Flag(nameof(ScalingSignals.ShardingInUse), Sharding),
            Flag(nameof(ScalingSignals.KubernetesInUse), Kubernetes),
            Count(nameof(ScalingSignals.AppInstances), AppInstances, v => v.ToString(number)),
        ];
    }

    private SignalFact<bool> PartitioningOrSharding()
    {
        var (partitioning, sharding) = (Partitioning, Sharding);
        var value = ChecklistEvaluator.PartitioningOrSharding(partitioning.Value, sharding.Value);
        var words = $"partitioned tables: {SignalVerdicts.Of(partitioning).Word()} ({partitioning.Provenance}); sharding: {SignalVerdicts.Of(sharding).Word()} ({sharding.Provenance})";
        return new(value, words, new[] { partitioning.At, sharding.At }.Max());
    }
}
