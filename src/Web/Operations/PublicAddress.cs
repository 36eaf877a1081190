using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Engagement.Web.Access;

namespace Engagement.Web.Operations;

/// <summary>
/// The address printed into member-code sheets, QR codes and judge/scorer links. Behind a reverse
/// proxy the request's own host is an internal one, so Engagement:PublicUrl (e.g.
/// "https://dangjian.example.cn") takes precedence when set. Without it the links follow whatever host
/// the organiser typed, and a console opened as localhost prints QR codes no phone can open: the
/// console asks <c>GET /api/public-address</c> and warns before anything is printed.
/// </summary>
public static class PublicAddress
{
    public const string Setting = "Engagement:PublicUrl";

    /// <param name="Origin">What links and QR codes start with now.</param>
    /// <param name="Configured">It comes from Engagement:PublicUrl rather than the request's host.</param>
    /// <param name="Loopback">It names this computer only (localhost, 127.x, ::1): no phone can reach it.</param>
    /// <param name="LanOrigins">The same scheme and port on this computer's network addresses, to open the console with instead.</param>
    public sealed record Status(string Origin, bool Configured, bool Loopback, IReadOnlyList<string> LanOrigins);

    public static string Origin(HttpContext http)
    {
        var configured = http.RequestServices.GetRequiredService<IConfiguration>()[Setting];
        return string.IsNullOrWhiteSpace(configured)
            ? $"{http.Request.Scheme}://{http.Request.Host}"
            : configured.TrimEnd('/');
    }

    public static void MapPublicAddressApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/public-address", (HttpContext http) => Describe(http, LocalAddresses()))
            .RequireAuthorization(Roles.Organiser)
            .WithTags("Operations");

    public static Status Describe(HttpContext http, IEnumerable<IPAddress> local)
    {
        var configured = !string.IsNullOrWhiteSpace(http.RequestServices.GetRequiredService<IConfiguration>()[Setting]);
        var origin = Origin(http);
        var port = http.Request.Host.Port;
        return new Status(origin, configured, IsLoopback(origin), LanOrigins(http.Request.Scheme, port, local));
    }

    /// <summary>An origin whose host is this computer only. An origin that cannot be read is not called loopback.</summary>
    public static bool IsLoopback(string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var host = uri.IdnHost.Trim('[', ']');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var ip) && (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any));
    }

    /// <summary>
    /// Origins a phone on the same network could open: IPv4 addresses that are neither loopback nor
    /// link-local (169.254.x: no DHCP answer), private ranges (192.168, 10, 172.16–31) first.
    /// </summary>
    public static IReadOnlyList<string> LanOrigins(string scheme, int? port, IEnumerable<IPAddress> local)
    {
        var suffix = port is null ? string.Empty : $":{port}";
        return local
            .Where(ip => ip.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(ip) && !IsLinkLocal(ip))
            .Distinct()
            .OrderBy(ip => IsPrivate(ip) ? 0 : 1)
            .ThenBy(ip => ip.ToString(), StringComparer.Ordinal)
            .Select(ip => $"{scheme}://{ip}{suffix}")
            .ToList();
    }

    private static bool IsLinkLocal(IPAddress ip) => ip.GetAddressBytes() is [169, 254, ..];

    private static bool IsPrivate(IPAddress ip) => ip.GetAddressBytes() switch
    {
        [10, ..] => true,
        [172, >= 16 and <= 31, ..] => true,
        [192, 168, ..] => true,
        _ => false,
    };

    /// <summary>This computer's addresses on interfaces that are up (none if the platform will not say).</summary>
    private static IEnumerable<IPAddress> LocalAddresses()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses.Select(a => a.Address))
                .ToList();
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }
}
