namespace Dashboard.Jobs.Settings;

/// <summary>What one process of the binary does: serve users, run jobs, or both.</summary>
public enum HostRole
{
    Both,
    Web,
    Worker,
}
