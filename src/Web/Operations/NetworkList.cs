using System.Net;
using System.Net.Sockets;
using Engagement.Silo.Hosting;

namespace Engagement.Web.Operations;

/// <summary>
/// A setting that names addresses and networks ("10.0.0.5, 192.168.1.0/24, ::1"): the trusted proxies and the networks
/// that may read /metrics. A bad entry stops start-up with the setting's name, never a silent allow.
/// </summary>
public static class NetworkList
{
    /// <summary>Comma-, semicolon- or space-separated addresses or CIDR networks.</summary>
    public static List<IPNetwork> Parse(string settingKey, string? setting)
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in (setting ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPNetwork.TryParse(entry, out var network) && AsWritten(entry, network.BaseAddress))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address) && AsWritten(entry, address))
            {
                networks.Add(new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                throw new StartupRefusal($"{settingKey}: \"{entry}\" is neither an IP address nor a network such as 10.0.0.0/8.");
            }
        }

        return networks;
    }

    /// <summary>
    /// IPv4 in the dotted-quad form only: IPAddress.Parse also takes inet_aton's legacy forms ("10" is 0.0.0.10,
    /// "192.168.1" is 192.168.0.1, "010.0.0.1" is octal 8.0.0.1), each of which would quietly name another network
    /// than the operator meant.
    /// </summary>
    private static bool AsWritten(string entry, IPAddress address) =>
        address.AddressFamily != AddressFamily.InterNetwork || entry.Split('/')[0] == address.ToString();
}
