namespace Engagement.IntegrationTests;

/// <summary>
/// Test collections decide how many real app processes run at once (xunit.runner.json lets two
/// collections run side by side). Each embedded collection runs one app process at a time; the cluster
/// (two silos and two web hosts) runs alone, after the others.
/// </summary>
public static class Collections
{
    public const string Durability = "Embedded durability";
    public const string RosterImport = "Roster import";
    public const string Access = "Access";
    public const string Trust = "Trust";
    public const string Cluster = "Cluster";
    public const string Abuse = "Abuse";
}

[CollectionDefinition(Collections.Durability)]
public sealed class DurabilityCollection;

[CollectionDefinition(Collections.RosterImport)]
public sealed class RosterImportCollection;

/// <summary>Every access test shares one app with its two events, two tournaments and signed-in roles.</summary>
[CollectionDefinition(Collections.Access)]
public sealed class AccessCollection : ICollectionFixture<Access.AccessWorld>;

/// <summary>An app started as a newcomer starts it: the sign-in limits, proxies, headers and first-minute tests share it.</summary>
[CollectionDefinition(Collections.Trust)]
public sealed class TrustCollection : ICollectionFixture<Trust.TrustWorld>;

[CollectionDefinition(Collections.Abuse)]
public sealed class AbuseCollection;

[CollectionDefinition(Collections.Cluster, DisableParallelization = true)]
public sealed class ClusterCollection;
