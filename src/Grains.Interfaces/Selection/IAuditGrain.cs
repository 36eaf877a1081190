namespace Engagement.Selection;

/// <summary>
/// Reads a ledger stream back and checks its hash chain, so an organiser (or an auditor with the
/// exported entries) can verify that nothing was changed or removed. Stateless. Key: 0.
/// </summary>
public interface IAuditGrain : IGrainWithIntegerKey
{
    Task<AuditTrail> Read(string stream, int limit);
}

/// <param name="FirstBroken">The first entry whose hash does not follow from the chain, or null when the chain is intact.</param>
[GenerateSerializer, Immutable]
public sealed record AuditTrail(
    [property: Id(0)] string Stream,
    [property: Id(1)] long Count,
    [property: Id(2)] string Head,
    [property: Id(3)] long? FirstBroken,
    [property: Id(4)] IReadOnlyList<AuditEntry> Latest);

[GenerateSerializer, Immutable]
public sealed record AuditEntry(
    [property: Id(0)] long Seq,
    [property: Id(1)] string Kind,
    [property: Id(2)] string? Actor,
    [property: Id(3)] string? Receipt,
    [property: Id(4)] string Data,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] string Hash);
