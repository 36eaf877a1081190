using Engagement.Storage;

namespace Engagement.Tournament;

/// <summary>The list of tournaments, newest first.</summary>
public sealed class TournamentsGrain(
    [PersistentState("tournaments", StorageNames.Durable)] IPersistentState<TournamentsRecord> state) : Grain, ITournamentsGrain
{
    public Task<IReadOnlyList<TournamentSummary>> List() =>
        Task.FromResult<IReadOnlyList<TournamentSummary>>(state.State.Tournaments.OrderByDescending(t => t.CreatedAt).ToList());

    public async Task<TournamentSummary> Create(string title)
    {
        var clean = Text.Clean(title);
        if (clean.Length is 0 or > 60)
        {
            throw RuleViolation.Invalid("tournament.bad-title");
        }

        var summary = new TournamentSummary("v" + Guid.NewGuid().ToString("N")[..10], clean, DateTimeOffset.UtcNow);
        state.State.Tournaments.Add(summary);
        await state.WriteOrRetireAsync(this);
        return summary;
    }
}

[GenerateSerializer]
public sealed class TournamentsRecord
{
    [Id(0)] public List<TournamentSummary> Tournaments { get; set; } = [];
}
