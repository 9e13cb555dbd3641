using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Walrus.Testbed;

/// <summary>
/// Picks TCP ports on 127.0.0.1 for servers that must be told their port before they bind it: anvil, storage
/// nodes (their address is registered on chain first) and the gateway.
/// </summary>
/// <remarks>
/// Asking the kernel for port 0 and binding the answer later is racy: that port comes from the ephemeral range,
/// which every outgoing connection on the machine also draws its source port from, so under load a client
/// socket takes it in the gap and the server fails with "Address already in use". These ports come from below
/// the ephemeral range, where only another listener can collide, and this process never hands one out twice.
/// </remarks>
public static class LoopbackPorts
{
    private const int Lowest = 10_000;
    private static readonly Lock Gate = new();
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>A port that is free now, outside the ephemeral range when the system says where that is.</summary>
    public static int Reserve()
    {
        var ephemeralStart = EphemeralRangeStart();
        lock (Gate)
        {
            if (ephemeralStart - Lowest >= 1_000)
            {
                for (var attempt = 0; attempt < 200; attempt++)
                {
                    var port = Random.Shared.Next(Lowest, ephemeralStart);
                    if (!HandedOut.Contains(port) && IsFree(port))
                    {
                        HandedOut.Add(port);
                        return port;
                    }
                }
            }

            // No room below the ephemeral range (or it is unknown): the kernel's choice, still never repeated.
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port of Linux's ephemeral range, or <see cref="Lowest"/> (no room) when it cannot be read.</summary>
    private static int EphemeralRangeStart()
    {
        try
        {
            var text = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range");
            var first = text.Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries)[0];
            return int.Parse(first, NumberStyles.None, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or OverflowException)
        {
            return Lowest;
        }
    }
}
