using System.Collections.Immutable;

namespace Engagement.Tournament.Rules;

/// <summary>One method per entry: the state it leads to, or the refusal. Drawn on <see cref="MatchScoreStatus"/>.</summary>
public sealed partial class MatchScore
{
    private State OnRally(Team team)
    {
        var set = Playing();
        set = set with { Rallies = set.Rallies.Add(team) };
        var over = SetRules.IsSetOver(Rules, set.Number, set.Score.A, set.Score.B);
        return state with { Status = over ? MatchScoreStatus.SetOver : MatchScoreStatus.InProgress, Current = set };
    }

    private State OnUndo()
    {
        ThrowIfClosed();
        if (Status == MatchScoreStatus.MatchOver)
        {
            throw new ScoringViolation(ScoringViolation.SetConfirmed);
        }

        var set = state.Current!;
        if (set.Rallies.IsEmpty)
        {
            throw new ScoringViolation(state.Confirmed.IsEmpty ? ScoringViolation.NothingToUndo : ScoringViolation.SetConfirmed);
        }

        set = set with { Rallies = set.Rallies.RemoveAt(set.Rallies.Count - 1) };
        var status = set.Number == 1 && set.Rallies.IsEmpty ? MatchScoreStatus.NotStarted : MatchScoreStatus.InProgress;
        return state with { Status = status, Current = set };
    }

    private State OnTimeout(Team team)
    {
        var set = Playing();
        if (set.TimeoutsOf(team) >= Rules.TimeoutsPerSet)
        {
            throw new ScoringViolation(ScoringViolation.NoTimeoutsLeft, team.ToString());
        }

        set = team == Team.A ? set with { TimeoutsA = set.TimeoutsA + 1 } : set with { TimeoutsB = set.TimeoutsB + 1 };
        return state with { Current = set };
    }

    private State OnFirstServerChosen(Team team)
    {
        var set = Playing();
        if (!set.Rallies.IsEmpty)
        {
            throw new ScoringViolation(ScoringViolation.SetUnderWay);
        }

        return state with { Current = set with { FirstServer = team, ServerChosen = true } };
    }

    private State OnSetEndConfirmed()
    {
        ThrowIfClosed();
        if (Status != MatchScoreStatus.SetOver)
        {
            throw new ScoringViolation(Status == MatchScoreStatus.MatchOver ? ScoringViolation.MatchDecided : ScoringViolation.SetNotOver);
        }

        var set = state.Current!;
        var confirmed = state.Confirmed.Add(set);
        var winner = set.Score.Leader!.Value;
        if (confirmed.Count(s => s.Score.Leader == winner) == Rules.SetsToWin)
        {
            return state with { Status = MatchScoreStatus.MatchOver, Confirmed = confirmed, Current = null, Winner = winner };
        }

        var next = NewSet(set.Number + 1, set.FirstServer.Opponent());
        return state with { Status = MatchScoreStatus.InProgress, Confirmed = confirmed, Current = next };
    }

    private State OnMatchEndConfirmed()
    {
        ThrowIfClosed();
        if (Status != MatchScoreStatus.MatchOver)
        {
            throw new ScoringViolation(ScoringViolation.MatchNotOver);
        }

        return state with { Status = MatchScoreStatus.Finished };
    }

    private State OnSetReopened()
    {
        ThrowIfClosed();
        if (state.Confirmed.IsEmpty)
        {
            throw new ScoringViolation(ScoringViolation.NothingToReopen);
        }

        if (state.Current is { HasBegun: true })
        {
            throw new ScoringViolation(ScoringViolation.SetUnderWay);
        }

        var last = state.Confirmed[^1];
        return state with
        {
            Status = MatchScoreStatus.SetOver,
            Confirmed = state.Confirmed.RemoveAt(state.Confirmed.Count - 1),
            Current = last,
            Winner = null,
        };
    }

    private State OnForfeit(Team team)
    {
        ThrowIfClosed();
        if (Status == MatchScoreStatus.MatchOver)
        {
            throw new ScoringViolation(ScoringViolation.MatchDecided);
        }

        return Conceded(MatchScoreStatus.Forfeited, team, [.. SetRules.ForfeitSets(Rules, team.Opponent())]);
    }

    private State OnRetire(Team team)
    {
        if (Status == MatchScoreStatus.NotStarted)
        {
            throw new ScoringViolation(ScoringViolation.NotStarted);
        }

        var set = Playing();
        var opponent = team.Opponent();
        var retiringPoints = set.Score.PointsOf(team);
        var sets = state.Confirmed.Select(s => s.Score).ToList();
        sets.Add(SetScore.For(opponent, SetRules.WinningScoreAgainst(Rules, set.Number, retiringPoints), retiringPoints));
        while (sets.Count(s => s.Leader == opponent) < Rules.SetsToWin)
        {
            sets.Add(SetScore.For(opponent, SetRules.TargetFor(Rules, sets.Count + 1), 0));
        }

        return Conceded(MatchScoreStatus.Retired, team, [.. sets]);
    }

    private State Conceded(MatchScoreStatus status, Team team, ImmutableList<SetScore> sets) =>
        state with { Status = status, Current = null, Final = sets, Winner = team.Opponent(), ConcededBy = team };

    /// <summary>The set being played; refuses unless a rally can be played now (NotStarted or InProgress).</summary>
    private PlayedSet Playing()
    {
        ThrowIfClosed();
        return Status switch
        {
            MatchScoreStatus.NotStarted or MatchScoreStatus.InProgress => state.Current!,
            MatchScoreStatus.SetOver => throw new ScoringViolation(ScoringViolation.SetOver),
            _ => throw new ScoringViolation(ScoringViolation.MatchDecided),
        };
    }

    private void ThrowIfClosed()
    {
        if (Status is MatchScoreStatus.Finished or MatchScoreStatus.Forfeited or MatchScoreStatus.Retired)
        {
            throw new ScoringViolation(ScoringViolation.MatchClosed);
        }
    }
}
