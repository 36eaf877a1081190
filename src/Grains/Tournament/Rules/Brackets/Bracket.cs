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
/// BYEs completing by themselves — is derived from them: every match is resolved from its sources (which
/// always come before it). A recorded result survives resolution only while the match still has the same
/// two teams; that single rule is what <see cref="Correct"/> relies on to reset exactly the dependent matches.</para>
/// <para><see cref="Create"/> resolves every match. A change (<see cref="Start"/>, <see cref="Complete"/>,
/// <see cref="Correct"/>) resolves only the changed match and, in bracket order, the matches fed by a match
/// whose resolution came out different: the work is the matches that depend on the change, not the bracket
/// and not the results already played. Resolving one match depends only on it and its sources, so this
/// gives exactly what resolving every match again would (the property tests check it step by step).
/// The structure (ids, who feeds whom) is computed once by <see cref="Create"/> and shared by every
/// bracket derived from it; a change copies the array of match references and nothing else of size M.</para>
/// </remarks>
public sealed record Bracket
{
    private readonly Shape _shape;
    private readonly Match[] _matches;

    /// <summary>How many matches are not completed: <see cref="IsFinished"/> without a pass.</summary>
    private readonly int _open;

    private Bracket(Shape shape, Match[] matches, int open)
    {
        _shape = shape;
        _matches = matches;
        _open = open;
        Matches = Array.AsReadOnly(matches);
    }

    /// <summary>Every match, sources before the matches they feed.</summary>
    public IReadOnlyList<Match> Matches { get; }

    /// <exception cref="KeyNotFoundException">No match has that id.</exception>
    public Match this[string matchId] => _matches[IndexOf(matchId)];

    /// <summary>Whether a match has that id.</summary>
    public bool Contains(string matchId) => _shape.Index.ContainsKey(matchId);

    /// <summary>
    /// The matches one of whose slots <paramref name="matchId"/> feeds (its winner, its loser or a reset), in
    /// bracket order: after a step on that match, the only places a new pairing can appear first.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No match has that id.</exception>
    public IEnumerable<Match> MatchesFedBy(string matchId) => _shape.Dependents[IndexOf(matchId)].Select(i => _matches[i]);

    /// <summary>The matches of one round of one part, top to bottom.</summary>
    public IReadOnlyList<Match> Round(BracketPart part, int round) =>
        Matches.Where(m => m.Part == part && m.Round == round).OrderBy(m => m.Number).ToArray();

    /// <summary>Matches that can be started or given a result now.</summary>
    public IReadOnlyList<Match> Playable =>
        Matches.Where(m => m.Status is MatchStatus.Ready or MatchStatus.Running).ToArray();

    /// <summary>Every match is completed.</summary>
    public bool IsFinished => _open == 0;

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
        var shape = Shape.Of(list);
        var open = 0;
        for (var i = 0; i < list.Length; i++)
        {
            list[i] = ResolveAt(list, i, shape, out _);
            open += list[i].Status == MatchStatus.Completed ? 0 : 1;
        }

        return new Bracket(shape, list, open);
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

        var (bracket, reset) = Propagate(match with { Winner = newWinner });
        return new Correction(bracket, true, reset);
    }

    /// <summary>
    /// The same bracket with every match resolved again from its recorded facts: what the bracket was before
    /// it resolved changes incrementally. Kept as the reference the incremental path is tested against.
    /// </summary>
    internal (Bracket Bracket, IReadOnlyList<string> Reset) ResolvedInFull(Match changed)
    {
        var list = (Match[])_matches.Clone();
        list[IndexOf(changed.Id)] = changed;
        var reset = new List<string>();
        var open = 0;
        for (var i = 0; i < list.Length; i++)
        {
            list[i] = ResolveAt(list, i, _shape, out var wasReset);
            if (wasReset)
            {
                reset.Add(list[i].Id);
            }

            open += list[i].Status == MatchStatus.Completed ? 0 : 1;
        }

        return (new Bracket(_shape, list, open), reset);
    }

    private int IndexOf(string matchId) =>
        _shape.Index.TryGetValue(matchId, out var i) ? i : throw new KeyNotFoundException($"No match '{matchId}' in this bracket.");

    private Bracket Replace(Match changed)
    {
        var (bracket, reset) = Propagate(changed);
        if (reset.Count > 0)
        {
            throw new InvalidOperationException($"Internal: a forward step reset {string.Join(", ", reset)}.");
        }

        return bracket;
    }

    /// <summary>
    /// Puts <paramref name="changed"/> in place and resolves it and, in bracket order, every match fed by a
    /// match whose resolution differs from before. A match none of whose sources changed resolves to itself,
    /// so the rest of the bracket is left as it is.
    /// </summary>
    private (Bracket Bracket, IReadOnlyList<string> Reset) Propagate(Match changed)
    {
        var list = (Match[])_matches.Clone();
        var start = IndexOf(changed.Id);
        list[start] = changed;
        var reset = new List<string>();
        var open = _open;
        var queue = new PriorityQueue<int, int>();
        var queued = new HashSet<int> { start };
        queue.Enqueue(start, start);
        while (queue.TryDequeue(out var i, out _))
        {
            var before = _matches[i];
            var after = ResolveAt(list, i, _shape, out var wasReset);
            list[i] = after;
            if (wasReset)
            {
                reset.Add(after.Id);
            }

            open += (after.Status == MatchStatus.Completed ? 0 : 1) - (before.Status == MatchStatus.Completed ? 0 : 1);
            if (i != start && after.Equals(before))
            {
                continue;
            }

            foreach (var next in _shape.Dependents[i])
            {
                if (queued.Add(next))
                {
                    queue.Enqueue(next, next);
                }
            }
        }

        return (new Bracket(_shape, list, open), reset);
    }

    /// <summary>
    /// Resolves match <paramref name="i"/> from its sources, which stand earlier in <paramref name="list"/>
    /// and are already resolved: fills each slot, then derives the status. A played result is kept only while
    /// the match's two teams are the ones it was played with; otherwise it is dropped (<paramref name="reset"/>).
    /// </summary>
    private static Match ResolveAt(Match[] list, int i, Shape shape, out bool reset)
    {
        var old = list[i];
        var top = Fill(old.Top.Source, list, shape);
        var bottom = Fill(old.Bottom.Source, list, shape);
        var sameTeams = old.Top.Occupant == top.Occupant && old.Bottom.Occupant == bottom.Occupant
            && top.Occupant is not null && bottom.Occupant is not null;
        var keep = old.IsPlayed && sameTeams;
        reset = old.IsPlayed && !keep;

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

        return old.Top == top && old.Bottom == bottom && old.Status == status && old.Winner == winner
            ? old
            : old with { Top = top, Bottom = bottom, Status = status, Winner = winner };
    }

    private static Slot Fill(SlotSource source, Match[] list, Shape shape)
    {
        switch (source)
        {
            case Entry entry:
                return new Slot(source, entry);
            case Bye:
                return new Slot(source, Vacant: true);
            case WinnerOf w when list[shape.Index[w.MatchId]] is { Status: MatchStatus.Completed } m:
                return m.Winner is { } side ? FromSide(source, m[side]) : new Slot(source, Vacant: true);
            case LoserOf l when list[shape.Index[l.MatchId]] is { Status: MatchStatus.Completed } m:
                return m.Winner is { } won ? FromSide(source, m[won.Other()]) : new Slot(source, Vacant: true);
            case ResetOf r when list[shape.Index[r.MatchId]] is { Status: MatchStatus.Completed } m:
                return m.Winner == Side.Bottom ? FromSide(source, m[r.Side]) : new Slot(source, Vacant: true);
            default:
                return new Slot(source);
        }
    }

    private static Slot FromSide(SlotSource source, Slot from) =>
        from.Occupant is { } team ? new Slot(source, team) : new Slot(source, Vacant: true);

    private static string? Feeder(SlotSource source) => source switch
    {
        WinnerOf w => w.MatchId,
        LoserOf l => l.MatchId,
        ResetOf r => r.MatchId,
        _ => null,
    };

    /// <summary>What never changes once a bracket is built: where each match stands and which matches it feeds.</summary>
    private sealed class Shape
    {
        private Shape(Dictionary<string, int> index, int[][] dependents)
        {
            Index = index;
            Dependents = dependents;
        }

        public Dictionary<string, int> Index { get; }

        /// <summary>Per match, the later matches one of whose slots it feeds, in bracket order.</summary>
        public int[][] Dependents { get; }

        /// <exception cref="ArgumentException">See <see cref="Create"/>.</exception>
        public static Shape Of(IReadOnlyList<Match> matches)
        {
            var index = new Dictionary<string, int>(matches.Count, StringComparer.Ordinal);
            var used = new HashSet<SlotSource>();
            var dependents = new List<int>?[matches.Count];
            for (var i = 0; i < matches.Count; i++)
            {
                var match = matches[i] ?? throw new ArgumentException("A match is missing.", nameof(matches));
                foreach (var source in new[] { match.Top.Source, match.Bottom.Source })
                {
                    if (Feeder(source) is { } fed)
                    {
                        if (!index.TryGetValue(fed, out var from))
                        {
                            throw new ArgumentException($"Match {match.Id} is fed by {fed}, which is not an earlier match.", nameof(matches));
                        }

                        var list = dependents[from] ??= [];
                        if (list.Count == 0 || list[^1] != i)
                        {
                            list.Add(i);
                        }
                    }

                    if (source is not Bye && !used.Add(source))
                    {
                        throw new ArgumentException($"{source} feeds two slots (again in {match.Id}).", nameof(matches));
                    }
                }

                if (!index.TryAdd(match.Id, i))
                {
                    throw new ArgumentException($"Two matches have the id {match.Id}.", nameof(matches));
                }
            }

            return new Shape(index, dependents.Select(d => d?.ToArray() ?? []).ToArray());
        }
    }
}
