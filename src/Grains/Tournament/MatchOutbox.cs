namespace Engagement.Tournament;

/// <summary>What a match owes its tournament: that scoring began, or its result, for the teams it was prepared with.</summary>
public sealed record MatchReport(string TournamentId, string MatchId, string TeamA, string TeamB, MatchOutcome? Outcome);

/// <summary>
/// Reports waiting to reach the tournament, oldest first. Kept in memory: what is owed can always be
/// worked out again from the match's ledger (see MatchGrain's activation), and the tournament ignores
/// a report it already has.
/// </summary>
public sealed class MatchOutbox
{
    private readonly List<MatchReport> _waiting = [];

    public bool IsEmpty => _waiting.Count == 0;

    public MatchReport? Peek() => _waiting.Count > 0 ? _waiting[0] : null;

    public void Add(IEnumerable<MatchReport> reports)
    {
        foreach (var report in reports)
        {
            if (!_waiting.Contains(report))
            {
                _waiting.Add(report);
            }
        }
    }

    public void Delivered(MatchReport report) => _waiting.Remove(report);
}
