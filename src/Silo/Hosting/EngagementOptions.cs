namespace Engagement.Silo.Hosting;

/// <summary>
/// Hosting configuration, section "Engagement". Every value can come from appsettings.json, an
/// environment variable (Engagement__Mode=Cluster) or the command line (--Engagement:Mode Cluster).
/// </summary>
public sealed class EngagementOptions
{
    public const string Section = "Engagement";

    /// <summary>Embedded (one process, SQLite) or Cluster (separate silos and web hosts on PostgreSQL).</summary>
    public HostingMode Mode { get; set; } = HostingMode.Embedded;

    /// <summary>Embedded mode: where the SQLite database and the access key live. Created if missing.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Cluster mode: the PostgreSQL connection string (also read from ConnectionStrings:Engagement).</summary>
    public string? ConnectionString { get; set; }

    public string ClusterId { get; set; } = "engagement";
    public string ServiceId { get; set; } = "engagement";

    public SiloEndpointOptions Silo { get; set; } = new();
}

public sealed class SiloEndpointOptions
{
    /// <summary>Address other silos and clients use to reach this silo. Defaults to loopback in embedded mode and to this host's first address in a cluster.</summary>
    public string? AdvertisedAddress { get; set; }

    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Listen on all interfaces rather than only the advertised address (needed behind NAT or in containers).</summary>
    public bool ListenOnAnyHostAddress { get; set; }
}

public enum HostingMode
{
    Embedded,
    Cluster,
}
