using Engagement.Storage;

namespace Engagement.Contest;

/// <summary>The list of knowledge contests, newest first.</summary>
public sealed class ContestsGrain(
    [PersistentState("contests", StorageNames.Durable)] IPersistentState<ContestsRecord> state) : Grain, IContestsGrain
{
    public const int MaxTitleLength = 60;

    public Task<IReadOnlyList<ContestSummary>> List() =>
        Task.FromResult<IReadOnlyList<ContestSummary>>(state.State.Contests.OrderByDescending(c => c.CreatedAt).ToList());

    public async Task<ContestSummary> Create(string title)
    {
        var clean = Text.Clean(title);
        if (clean.Length is 0 or > MaxTitleLength)
        {
            throw RuleViolation.Invalid("contest.bad-title", MaxTitleLength.ToString());
        }

        var summary = new ContestSummary("q" + Guid.NewGuid().ToString("N")[..10], clean, DateTimeOffset.UtcNow);
        state.State.Contests.Add(summary);
        try
        {
            await state.WriteOrRetireAsync(this);
        }
        catch
        {
            state.State.Contests.Remove(summary);
            throw;
        }

        return summary;
    }
}

[GenerateSerializer]
public sealed class ContestsRecord
{
    [Id(0)] public List<ContestSummary> Contests { get; set; } = [];
}
