namespace Engagement.Tournament.Rules.Brackets;

/// <summary>What a correction did.</summary>
/// <param name="Bracket">The bracket after the correction.</param>
/// <param name="WinnerChanged">False when the corrected winner is the one already recorded: nothing else changes.</param>
/// <param name="Reset">
/// Played matches (running or completed) downstream whose teams changed, in bracket order: their results are
/// gone and they wait for their new teams. Matches that had not started are not listed; they just receive
/// their new teams.
/// </param>
public sealed record Correction(Bracket Bracket, bool WinnerChanged, IReadOnlyList<string> Reset);

/// <summary>
/// A bracket (one stage): matches in order, each fed by entries, BYEs or the winners and losers of
/// earlier matches. Immutable: every change returns a new bracket.
/// </summary>
/// <remarks>
/// <para>The only facts a bracket records are the entries on the first-round lines and, per match, whether
/// it is running and who won. Everything else — who stands in each later slot, each match's status,
/// BYEs completing by themselves — is derived again after every change by one pass over the matches in
/// order (sources always come before the matches they feed). A recorded result survives that pass only
/// while the match still has the same two teams; that single rule is what
/// <see cref="Correct"/> relies on to reset exactly the dependent matches.</para>
/// </remarks>
public sealed record Bracket
{
    private readonly Dictionary<string, int> _index;

    private Bracket(IReadOnlyList<Match> matches)
    {
        Matches = matches;
        _index = matches.Select((m, i) => (m.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>Every match, sources before the matches they feed.</summary>
    public IReadOnlyList<Match> Matches { get; }

    /// <exception cref="KeyNotFoundException">No match has that id.</exception>
    public Match this[string matchId] =>
        _index.TryGetValue(matchId, out var i) ? Matches[i] : throw new KeyNotFoundException($"No match '{matchId}' in this bracket.");

    /// <summary>The matches of one round of one part, top to bottom.</summary>
    public IReadOnlyList<Match> Round(BracketPart part, int round) =>
        Matches.Where(m => m.Part == part && m.Round == round).OrderBy(m => m.Number).ToArray();

    /// <summary>Matches that can be started or given a result now.</summary>
    public IReadOnlyList<Match> Playable =>
        Matches.Where(m => m.Status is MatchStatus.Ready or MatchStatus.Running).ToArray();

    /// <summary>Every match is completed.</summary>
    public bool IsFinished => Matches.All(m => m.Status == MatchStatus.Completed);

    /// <summary>
    /// The winner of the deciding match once it is known: the grand-final reset when it was played,
    /// else the grand final, else the main bracket's final.
    /// </summary>
    public Entry? Champion
    {
        get
        {
            var reset = Matches.FirstOrDefault(m => m.Part == BracketPart.GrandFinalReset);
            if (reset is { IsPlayed: true })
            {
                return reset.WinnerEntry;
            }

            if (reset is not null && !reset.IsBye)
            {
                return null; // the reset may still be needed
            }

            var final = Matches.FirstOrDefault(m => m.Part == BracketPart.GrandFinal)
                ?? Matches.Where(m => m.Part == BracketPart.Main).MaxBy(m => m.Round);
            return final?.WinnerEntry;
        }
    }

    /// <summary>Two brackets are equal when every match is: same sources, teams, statuses and winners.</summary>
    public bool Equals(Bracket? other) =>
        other is not null && Matches.SequenceEqual(other.Matches);

    public override int GetHashCode() => Matches.Aggregate(0, (h, m) => HashCode.Combine(h, m));

    /// <summary>
    /// Builds a bracket from matches (their sources, and for a stored bracket their statuses and winners)
    /// and derives everything else.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// Duplicate ids, a source naming a match that is not earlier in the list, or an entry, winner or loser
    /// sent to two slots.
    /// </exception>
    public static Bracket Create(IEnumerable<Match> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        var list = matches.ToArray();
        Validate(list);
        var (resolved, _) = Resolve(list);
        return new Bracket(resolved);
    }

    /// <summary>Marks a ready match as being played. Starting a running match again changes nothing.</summary>
    /// <exception cref="InvalidOperationException">The match is not ready (its teams are unknown, or it is over).</exception>
    public Bracket Start(string matchId)
    {
        var match = this[matchId];
        return match.Status switch
        {
            MatchStatus.Running => this,
            MatchStatus.Ready => Replace(match with { Status = MatchStatus.Running }),
            _ => throw new InvalidOperationException($"Match {matchId} is {match.Status}; only a ready match can start."),
        };
    }

    /// <summary>
    /// Records the winner of a ready or running match and moves the winner (and the loser, where a
    /// third-place match or a losers' bracket takes it) into the matches they feed. Recording the same
    /// winner again changes nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The match's teams are not both known, or it already has a different winner (use <see cref="Correct"/>).
    /// </exception>
    public Bracket Complete(string matchId, Side winner)
    {
        var match = this[matchId];
        switch (match.Status)
        {
            case MatchStatus.Completed when match.IsPlayed && match.Winner == winner:
                return this;
            case MatchStatus.Completed when match.IsPlayed:
                throw new InvalidOperationException($"Match {matchId} already has a winner; a different one is a correction.");
            case MatchStatus.Ready or MatchStatus.Running:
                return Replace(match with { Status = MatchStatus.Completed, Winner = winner });
            default:
                throw new InvalidOperationException($"Match {matchId} is {(match.IsBye ? "a BYE" : match.Status.ToString())}; it cannot take a result.");
        }
    }

    /// <summary>
    /// Changes the recorded winner of a played match after the fact. When the winner really changes,
    /// every played match downstream that now has different teams is reset (result removed, back to
    /// waiting for or ready with its new teams), transitively: a reset match no longer has a winner or
    /// loser, so the played matches it fed are reset too. Completed matches elsewhere are untouched.
    /// </summary>
    /// <exception cref="InvalidOperationException">The match has no played result to correct.</exception>
    public Correction Correct(string matchId, Side newWinner)
    {
        var match = this[matchId];
        if (match.Status != MatchStatus.Completed || match.IsBye)
        {
            throw new InvalidOperationException($"Match {matchId} has no played result to correct.");
        }

        if (match.Winner == newWinner)
        {
            return new Correction(this, false, []);
        }

        var list = Matches.ToArray();
        list[_index[matchId]] = match with { Winner = newWinner };
        var (resolved, reset) = Resolve(list);
        return new Correction(new Bracket(resolved), true, reset);
    }

    private Bracket Replace(Match changed)
    {
        var list = Matches.ToArray();
        list[_index[changed.Id]] = changed;
        var (resolved, reset) = Resolve(list);
        if (reset.Count > 0)
        {
            throw new InvalidOperationException($"Internal: a forward step reset {string.Join(", ", reset)}.");
        }

        return new Bracket(resolved);
    }

    /// <summary>
    /// One pass in order: fill each slot from its source, then derive the status. A played result is kept
    /// only while the match's two teams are the ones it was played with; otherwise it is dropped and listed.
    /// </summary>
    private static (Match[] Matches, IReadOnlyList<string> Reset) Resolve(IReadOnlyList<Match> matches)
    {
        var done = new Dictionary<string, Match>(StringComparer.Ordinal);
        var reset = new List<string>();
        var result = new Match[matches.Count];
        for (var i = 0; i < matches.Count; i++)
        {
            var old = matches[i];
            var top = Fill(old.Top.Source, done);
            var bottom = Fill(old.Bottom.Source, done);
            var sameTeams = old.Top.Occupant == top.Occupant && old.Bottom.Occupant == bottom.Occupant
                && top.Occupant is not null && bottom.Occupant is not null;
            var keep = old.IsPlayed && sameTeams;
            if (old.IsPlayed && !keep)
            {
                reset.Add(old.Id);
            }

            var (status, winner) = (top, bottom) switch
            {
                _ when keep => (old.Status, old.Winner),
                ({ Vacant: true }, { Vacant: true }) => (MatchStatus.Completed, (Side?)null),
                ({ Vacant: true }, { Occupant: not null }) => (MatchStatus.Completed, Side.Bottom),
                ({ Occupant: not null }, { Vacant: true }) => (MatchStatus.Completed, Side.Top),
                ({ Occupant: not null }, { Occupant: not null }) => (MatchStatus.Ready, null),
                ({ Occupant: not null }, _) or (_, { Occupant: not null }) => (MatchStatus.Waiting, null),
                _ => (MatchStatus.Locked, null),
            };

            var match = old with { Top = top, Bottom = bottom, Status = status, Winner = winner };
            done[match.Id] = match;
            result[i] = match;
        }

        return (result, reset);
    }

    private static Slot Fill(SlotSource source, IReadOnlyDictionary<string, Match> done)
    {
        switch (source)
        {
            case Entry entry:
                return new Slot(source, entry);
            case Bye:
                return new Slot(source, Vacant: true);
            case WinnerOf w when done[w.MatchId] is { Status: MatchStatus.Completed } m:
                return m.Winner is { } side ? FromSide(source, m[side]) : new Slot(source, Vacant: true);
            case LoserOf l when done[l.MatchId] is { Status: MatchStatus.Completed } m:
                return m.Winner is { } won ? FromSide(source, m[won.Other()]) : new Slot(source, Vacant: true);
            case ResetOf r when done[r.MatchId] is { Status: MatchStatus.Completed } m:
                return m.Winner == Side.Bottom ? FromSide(source, m[r.Side]) : new Slot(source, Vacant: true);
            default:
                return new Slot(source);
        }
    }

    private static Slot FromSide(SlotSource source, Slot from) =>
        from.Occupant is { } team ? new Slot(source, team) : new Slot(source, Vacant: true);

    private static void Validate(IReadOnlyList<Match> matches)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var used = new HashSet<SlotSource>();
        foreach (var match in matches)
        {
            foreach (var source in new[] { match.Top.Source, match.Bottom.Source })
            {
                var fed = source switch
                {
                    WinnerOf w => w.MatchId,
                    LoserOf l => l.MatchId,
                    ResetOf r => r.MatchId,
                    _ => null,
                };
                if (fed is not null && !seen.Contains(fed))
                {
                    throw new ArgumentException($"Match {match.Id} is fed by {fed}, which is not an earlier match.", nameof(matches));
                }

                if (source is not Bye && !used.Add(source))
                {
                    throw new ArgumentException($"{source} feeds two slots (again in {match.Id}).", nameof(matches));
                }
            }

            if (!seen.Add(match.Id))
            {
                throw new ArgumentException($"Two matches have the id {match.Id}.", nameof(matches));
            }
        }
    }
}
