using Dashboard.Jobs.Demo;
using Dashboard.Jobs.Settings;
using Dashboard.Jobs.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prometheus;

namespace Dashboard.Demo;

/// <summary>
/// Demo mode's living system: every second it turns <see cref="DemoTrafficModel"/> into the
/// application metrics a real SaaS would expose (request-duration histogram, request and
/// error counters, queue depth and age, signups and payments by outcome), in a registry of
/// its own served at /demo/metrics for the real Prometheus to scrape (job "demo"), and the demo
/// host's and database server's vital signs shaped as node_exporter and postgres_exporter report
/// them, labelled <c>instance="demo-saas"</c> (kept by Prometheus: honor_labels). The model is the
/// one the history generator uses, anchored where the stored history ends.
/// </summary>
public sealed class DemoWorkload : BackgroundService
{
    // sigma of a log-normal whose p99 is about 4.2x its median: ln(4.2) / 2.326.
    private const double LatencySigma = 0.617;

    private readonly TimeProvider time;
    private readonly bool enabled;
    private readonly Random random = new(20261129);
    private readonly Histogram duration;
    private readonly Counter requests;
    private readonly Gauge queueDepth;
    private readonly Gauge queueAge;
    private readonly Counter signups;
    private readonly Counter payments;
    private readonly Gauge activeUsers;
    private readonly Gauge loadMultiplier;
    private readonly DemoHost host;
    private readonly IDbContextFactory<DashboardDbContext> contexts;

    public DemoWorkload(TimeProvider time, IOptions<DashboardOptions> options, DemoTrafficModel model, IDbContextFactory<DashboardDbContext> contexts)
    {
        this.time = time;
        this.contexts = contexts;
        enabled = options.Value.DemoMode;
        Model = model;
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        duration = factory.CreateHistogram("http_request_duration_seconds", "Demo app: request duration.",
            new HistogramConfiguration { LabelNames = ["route"], Buckets = [0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10] });
        requests = factory.CreateCounter("http_requests_received_total", "Demo app: requests by status code.", "code", "route");
        queueDepth = factory.CreateGauge("demo_queue_depth", "Demo app: jobs waiting in the background queue.");
        queueAge = factory.CreateGauge("demo_queue_oldest_job_age_seconds", "Demo app: age of the oldest waiting job.");
        signups = factory.CreateCounter("demo_signups_total", "Demo app: signup attempts by outcome.", "outcome");
        payments = factory.CreateCounter("demo_payments_total", "Demo app: payment attempts by outcome.", "outcome");
        activeUsers = factory.CreateGauge("demo_active_users", "Demo app: active users.");
        loadMultiplier = factory.CreateGauge("demo_load_multiplier", "Demo app: the operator's load multiplier (1 = normal).");
        host = new DemoHost(factory);
    }

    public DemoTrafficModel Model { get; }

    public CollectorRegistry Registry { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!enabled)
        {
            return;
        }
        // Continue the stored history's signals (a restart) rather than starting them over.
        if (await StoredAnchorAsync(stoppingToken) is { } anchor)
        {
            Model.Anchor = anchor;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        do
        {
            Tick(Model.At(time.GetUtcNow()));
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One simulated second of traffic.</summary>
    internal void Tick(DemoState state)
    {
        var count = Poisson(state.RequestsPerSecond);
        for (var i = 0; i < count; i++)
        {
            var route = PickRoute();
            var median = state.LatencyP50Ms / 1000 * route.LatencyFactor;
            duration.WithLabels(route.Route).Observe(median * Math.Exp(LatencySigma * Gaussian()));
            var failed = random.NextDouble() * 100 < state.ErrorRatePercent;
            requests.WithLabels(failed ? "500" : "200", route.Route).Inc();
        }
        queueDepth.Set(Math.Round(state.QueueDepth));
        queueAge.Set(state.QueueLatencySeconds);
        Attempts(signups, state.RequestsPerSecond * 0.01, state.SignupSuccessPercent);
        Attempts(payments, state.RequestsPerSecond * 0.03, state.PaymentSuccessPercent);
        activeUsers.Set(Math.Round(state.ActiveUsers));
        loadMultiplier.Set(Model.LoadMultiplier);
        host.Tick(state, TimeSpan.FromSeconds(1));
    }

    private async Task<DateTimeOffset?> StoredAnchorAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await DemoAnchor.StoredAsync(contexts, cancellationToken);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException)
        {
            // The database is down or not migrated yet: the history job anchors the model when it runs.
            return null;
        }
    }

    private void Attempts(Counter counter, double rate, double successPercent)
    {
        var attempts = Poisson(rate);
        for (var i = 0; i < attempts; i++)
        {
            counter.WithLabels(random.NextDouble() * 100 < successPercent ? "success" : "failure").Inc();
        }
    }

    private DemoRoute PickRoute()
    {
        var x = random.NextDouble();
        foreach (var route in DemoFleet.Routes)
        {
            if ((x -= route.Share) <= 0)
            {
                return route;
            }
        }
        return DemoFleet.Routes[^1];
    }

    private int Poisson(double lambda)
    {
        if (lambda > 30)
        {
            return Math.Max(0, (int)Math.Round(lambda + Math.Sqrt(lambda) * Gaussian()));
        }
        var limit = Math.Exp(-lambda);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble())
        {
            k++;
        }
        return k;
    }

    private double Gaussian() =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
