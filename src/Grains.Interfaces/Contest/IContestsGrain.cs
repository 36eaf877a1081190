namespace Engagement.Contest;

/// <summary>The directory of knowledge contests. Key: 0.</summary>
public interface IContestsGrain : IGrainWithIntegerKey
{
    Task<ContestSummary> Create(string title);

    Task<IReadOnlyList<ContestSummary>> List();
}

[GenerateSerializer, Immutable]
public sealed record ContestSummary(
    [property: Id(0)] string ContestId,
    [property: Id(1)] string Title,
    [property: Id(2)] DateTimeOffset CreatedAt);
