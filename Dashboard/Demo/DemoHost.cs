using Dashboard.Jobs.Demo;
using Prometheus;

namespace Dashboard.Demo;

/// <summary>
/// The demo host and its database server as their exporters would report them: node_exporter's CPU
/// seconds by mode, memory and file-system bytes, postgres_exporter's connection counts and
/// max_connections, all labelled <c>instance="demo-saas"</c>. The default queries turn these into the
/// catalog's CPU, memory, disk and connection percentages, exactly as they do for a real fleet.
/// </summary>
internal sealed class DemoHost
{
    private const int Cpus = 2;
    private const double MemoryBytes = 16d * 1024 * 1024 * 1024;
    private const double DiskBytes = 500d * 1000 * 1000 * 1000;
    private const double MaxConnections = 200;

    private readonly Counter cpuSeconds;
    private readonly Gauge memoryTotal;
    private readonly Gauge memoryAvailable;
    private readonly Gauge diskSize;
    private readonly Gauge diskAvailable;
    private readonly Gauge connections;
    private readonly Gauge maxConnections;

    public DemoHost(MetricFactory factory)
    {
        cpuSeconds = factory.CreateCounter("node_cpu_seconds_total", "Demo host: seconds the CPUs spent in each mode.", "instance", "cpu", "mode");
        memoryTotal = factory.CreateGauge("node_memory_MemTotal_bytes", "Demo host: memory.", "instance");
        memoryAvailable = factory.CreateGauge("node_memory_MemAvailable_bytes", "Demo host: memory available.", "instance");
        diskSize = factory.CreateGauge("node_filesystem_size_bytes", "Demo host: file-system size.", "instance", "device", "fstype", "mountpoint");
        diskAvailable = factory.CreateGauge("node_filesystem_avail_bytes", "Demo host: file-system space available.", "instance", "device", "fstype", "mountpoint");
        connections = factory.CreateGauge("pg_stat_activity_count", "Demo database: connections.", "instance", "server", "datname", "state");
        maxConnections = factory.CreateGauge("pg_settings_max_connections", "Demo database: max_connections.", "instance", "server");
    }

    /// <summary>Advances the host by <paramref name="elapsed"/> in <paramref name="state"/>.</summary>
    public void Tick(DemoState state, TimeSpan elapsed)
    {
        var busy = Math.Clamp(state.CpuPercent / 100, 0, 1);
        var seconds = elapsed.TotalSeconds;
        for (var cpu = 0; cpu < Cpus; cpu++)
        {
            var id = cpu.ToString(System.Globalization.CultureInfo.InvariantCulture);
            cpuSeconds.WithLabels(DemoFleet.Instance, id, "idle").Inc((1 - busy) * seconds);
            cpuSeconds.WithLabels(DemoFleet.Instance, id, "user").Inc(busy * 0.8 * seconds);
            cpuSeconds.WithLabels(DemoFleet.Instance, id, "system").Inc(busy * 0.2 * seconds);
        }
        memoryTotal.WithLabels(DemoFleet.Instance).Set(MemoryBytes);
        memoryAvailable.WithLabels(DemoFleet.Instance).Set(MemoryBytes * (1 - Math.Clamp(state.MemoryPercent / 100, 0, 1)));
        diskSize.WithLabels(DemoFleet.Instance, DemoFleet.Device, DemoFleet.FsType, DemoFleet.MountPoint).Set(DiskBytes);
        diskAvailable.WithLabels(DemoFleet.Instance, DemoFleet.Device, DemoFleet.FsType, DemoFleet.MountPoint)
            .Set(DiskBytes * (1 - Math.Clamp(state.DiskPercent / 100, 0, 1)));
        var inUse = Math.Round(MaxConnections * Math.Clamp(state.DbConnectionsPercent / 100, 0, 1));
        var active = Math.Round(inUse * 0.3);
        connections.WithLabels(DemoFleet.Instance, DemoFleet.DbServer, "app", "active").Set(active);
        connections.WithLabels(DemoFleet.Instance, DemoFleet.DbServer, "app", "idle").Set(inUse - active);
        maxConnections.WithLabels(DemoFleet.Instance, DemoFleet.DbServer).Set(MaxConnections);
    }
}
