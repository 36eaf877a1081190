namespace Engagement.Storage;

/// <summary>Names of the grain storage providers the grains ask for; hosts register them under these names.</summary>
public static class StorageNames
{
    /// <summary>Durable store: SQLite in embedded mode, PostgreSQL in a cluster, memory only in grain tests.</summary>
    public const string Durable = "engagement";
}
