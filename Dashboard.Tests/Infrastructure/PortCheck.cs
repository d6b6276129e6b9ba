using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// A fixed loopback port the tests must bind: checked first, so a port held by something else fails with a
/// message naming the holder and the setting that moves the port, not with Kestrel's bare "address in use".
/// </summary>
public static class PortCheck
{
    public static void EnsureFree(int port, string overrideVariable)
    {
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            probe.Stop();
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new InvalidOperationException(
                $"Port {port} on 127.0.0.1 is already taken by {Holder(port)}. Stop that process, or choose another port " +
                $"with {overrideVariable} (then run scripts/test.sh again so the stack and Prometheus use it too).", ex);
        }
    }

    /// <summary>The listening process as ss names it (users:(("name",pid=N,fd=M))), or a fallback.</summary>
    public static string Holder(int port)
    {
        try
        {
            var info = new ProcessStartInfo("ss", ["-Htlnp", $"sport = :{port}"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var ss = Process.Start(info)!;
            var output = ss.StandardOutput.ReadToEnd();
            ss.WaitForExit(5_000);
            var users = output.Split('\n').Select(l => l.IndexOf("users:", StringComparison.Ordinal) is var i and >= 0 ? l[(i + 6)..].Trim() : "")
                .FirstOrDefault(u => u.Length > 0);
            return users ?? "a process ss could not name (not visible to this user?)";
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return "an unknown process (ss is not installed)";
        }
    }
}
