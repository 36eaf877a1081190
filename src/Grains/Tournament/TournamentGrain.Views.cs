using Engagement.Tournament.Rules;
using Engagement.Tournament.Rules.Brackets;
using Microsoft.Extensions.Logging;

namespace Engagement.Tournament;

/// <summary>Who plays whom, group tables, the schedule view and match preparation.</summary>
public sealed partial class TournamentGrain
{
    /// <summary>Set when some match may be ready but unprepared (after an activation, or a preparation that failed): the next look takes in every match.</summary>
    private bool _lookAtEveryMatch;

    /// <summary>
    /// Gives every match whose two teams are now known a match grain set up with them, and journals which.
    /// </summary>
    /// <param name="candidates">
    /// The only matches that can have new teams (see <see cref="NewPairings"/>): a result looks at the matches it
    /// fed, not at every match. Null: every match (on start, after a correction).
    /// </param>
    /// <param name="force">A match prepared again even with the same teams and court (its schedule changed).</param>
    private async Task PrepareReadyMatches(IReadOnlyList<string>? candidates = null, string? force = null)
    {
        if (Record.Status == TournamentStatus.Setup)
        {
            return;
        }

        if (_lookAtEveryMatch)
        {
            candidates = null;
        }

        var fixtures = candidates is null
            ? Fixtures(withProblems: false)
            : candidates.Select(id => FixtureOf(id)).OfType<Fixture>();
        var prepared = new Dictionary<string, string>();
        _lookAtEveryMatch = true; // until this pass has been through every match it looks at
        try
        {
            foreach (var fixture in fixtures.Where(f => f is { TeamA: not null, TeamB: not null } && !Record.Results.ContainsKey(f.MatchId)))
            {
                var pair = PreparedKey(fixture);
                if (Record.Prepared.TryGetValue(fixture.MatchId, out var before) && before == pair && force != fixture.MatchId)
                {
                    continue;
                }

                if (Record.Started.Contains(fixture.MatchId) && before == pair)
                {
                    // Only the time changed on a running match: it has nothing to learn. A new court is passed
                    // on below; the same two teams keep their running score (see MatchGrain's "prepare").
                    continue;
                }

                await GrainFactory.GetGrain<IMatchGrain>($"{Id}/{fixture.MatchId}").Prepare(SetupFor(fixture));
                prepared[fixture.MatchId] = pair;
            }

            _lookAtEveryMatch = false;
        }
        finally
        {
            // What was prepared is journaled even when a later preparation failed (that one is retried on the next look).
            if (prepared.Count > 0)
            {
                await Commit(new PreparedEntry(prepared));
            }
        }
    }

    /// <summary>What a match grain is prepared with: its two (known) teams, the rules and its court.</summary>
    private MatchSetup SetupFor(Fixture fixture) => new(
        Id, fixture.MatchId, fixture.Label, fixture.TeamA!, fixture.TeamB!, TeamName(fixture.TeamA), TeamName(fixture.TeamB),
        Record.Setup!.Rules, fixture.Court);

    /// <summary>The teams and court a match grain was last prepared with, as <see cref="TournamentRecord.Prepared"/> keeps them.</summary>
    private static string PreparedKey(Fixture fixture) => $"{fixture.TeamA}|{fixture.TeamB}|{fixture.Court}";

    /// <summary>The two teams of a match once both are known: what <see cref="Fixtures"/> says, without building every fixture.</summary>
    private (string A, string B)? TeamsOf(string matchId)
    {
        if (GroupMatchesById.TryGetValue(matchId, out var group))
        {
            return (group.TeamA, group.TeamB);
        }

        if (_bracket is null || !_bracket.Contains(matchId) || _bracket[matchId] is not { IsBye: false } match)
        {
            return null;
        }

        var tables = new TablesOnce(this);
        return (Resolve(match.Top.Occupant, tables), Resolve(match.Bottom.Occupant, tables)) is ({ } a, { } b) ? (a, b) : null;
    }

    private Side SideOf(string matchId, string winner)
    {
        var teams = TeamsOf(matchId) ?? throw RuleViolation.Conflict("match.not-ready");
        return winner == teams.A ? Side.Top : winner == teams.B ? Side.Bottom : throw RuleViolation.Invalid("match.bad-team");
    }

    /// <summary>Team ids in seed order, for <see cref="Resolve"/>; cleared when the teams change.</summary>
    private string[]? _bySeed;

    private string? Resolve(Entry? entry, TablesOnce tables) => entry switch
    {
        Seed seed => (_bySeed ??= Record.Teams.OrderBy(t => t.Seed).Select(t => t.TeamId).ToArray()).ElementAtOrDefault(seed.Number - 1),
        GroupPlace place => GroupWinners(tables.Get().ElementAtOrDefault(place.Group))?.ElementAtOrDefault(place.Place - 1),
        _ => null,
    };

    /// <summary>A group's final order once all its matches are played (ties listed as the standings order them).</summary>
    private static IReadOnlyList<string>? GroupWinners(GroupTable? table) =>
        table is { Complete: true } ? table.Standings.Select(s => s.TeamId).ToList() : null;

    /// <summary>The group tables without qualification, kept until a group result changes (see SetResult).</summary>
    private List<GroupTable>? _plainTables;

    /// <summary>The group tables (without qualification), worked out only if a slot of the bracket needs them.</summary>
    private sealed class TablesOnce(TournamentGrain grain)
    {
        public List<GroupTable> Get() => grain._plainTables ??= grain.Tables(qualification: false);
    }

    /// <summary>
    /// The group tables from the results that stand under the rules. A stored result that does not is left out
    /// (its fixture is flagged, <see cref="Fixture"/>), and a table that cannot be ranked at all is shown
    /// unranked: reads never fail on stored data.
    /// </summary>
    /// <param name="qualification">
    /// Whether to decide who is through (<see cref="Qualification"/>): the view shows it; resolving a knockout
    /// slot only needs the order of a complete group, and is asked once per slot.
    /// </param>
    private List<GroupTable> Tables(bool qualification = true)
    {
        if (Record.Setup is null)
        {
            return [];
        }

        RuleSet? rules = null;
        IReadOnlyList<StandingCriterion>? criteria = null;
        try
        {
            rules = RuleSets.ToRules(Record.Setup.Rules);
            criteria = TournamentPlan.Criteria(Record.Setup);
        }
        catch (RuleViolation violation)
        {
            ReportUnreadable("setup", violation);
        }

        return Record.Groups.Select(g =>
        {
            if (rules is null || criteria is null)
            {
                return new GroupTable(g.Name, g.TeamIds, [], false, Unranked);
            }

            var matches = Record.GroupMatches.Where(m => m.Group == g.Name).ToList();
            var counted = matches
                .Where(m => Counts(m, rules))
                .Select(m => TournamentPlan.ToResult(m.TeamA, m.TeamB, Record.Results[m.MatchId]))
                .ToList();
            try
            {
                var decided = qualification ? QualificationOf(g.TeamIds, matches, counted, rules, criteria) : null;
                var rows = Standings.Compute(g.TeamIds, counted, rules, criteria)
                    .Select(r => new StandingLine(r.TeamId, r.Position, r.Played, r.Won, r.Lost, r.MatchPoints, r.SetsWon, r.SetsLost,
                        r.PointsWon, r.PointsLost, r.SetQuotient.ToString(), r.PointsQuotient.ToString(), r.Tied, r.DecidedBy?.ToString(),
                        decided?.GetValueOrDefault(r.TeamId).ToString().ToLowerInvariant()))
                    .ToList();
                return new GroupTable(g.Name, g.TeamIds, rows, counted.Count == matches.Count);
            }
            catch (ArgumentException e)
            {
                // Standings refuse what they cannot rank (a team twice, a result between strangers): show the group unranked.
                ReportUnreadable($"group {g.Name}", e);
                return new GroupTable(g.Name, g.TeamIds, [], false, Unranked);
            }
        }).ToList();
    }

    /// <summary>
    /// Who is through, out or still provisional in a group that feeds the knockout (null otherwise). A match
    /// without a counted result is still to be played, whatever is stored for it.
    /// </summary>
    private IReadOnlyDictionary<string, QualificationStatus>? QualificationOf(
        IReadOnlyList<string> teams, List<GroupMatchRecord> matches, List<MatchResult> counted, RuleSet rules, IReadOnlyList<StandingCriterion> criteria)
    {
        if (Record.Setup is not { Format: TournamentFormat.GroupsThenKnockout } setup)
        {
            return null;
        }

        var remaining = matches
            .Where(m => !Counts(m, rules))
            .Select(m => (m.TeamA, m.TeamB))
            .ToList();
        return Qualification.Decide(teams, counted, remaining, rules, criteria, setup.AdvancePerGroup);
    }

    private bool Counts(GroupMatchRecord match, RuleSet rules) =>
        Record.Results.TryGetValue(match.MatchId, out var outcome) && TournamentPlan.ResultProblem(rules, match.TeamA, match.TeamB, outcome) is null;

    private const string Unranked = "unranked";

    /// <summary>What stored data the views could not explain, logged once per activation rather than on every read.</summary>
    private readonly HashSet<string> _reportedUnreadable = [];

    private void ReportUnreadable(string what, Exception e)
    {
        if (_reportedUnreadable.Add(what))
        {
            _logger.LogError(e, "Tournament {Id}: stored {What} cannot be read; shown unranked", Id, what);
        }
    }

    /// <summary>Why a fixture's stored result cannot stand, or null (see <see cref="TournamentPlan.ResultProblem"/>).</summary>
    private string? ResultProblem(MatchOutcome? result, string? teamA, string? teamB)
    {
        if (result is null)
        {
            return null;
        }

        if (teamA is null || teamB is null || Record.Setup is null)
        {
            return TournamentPlan.BadWinner;
        }

        if (StoredRules() is not { } rules)
        {
            return TournamentPlan.BadScore;
        }

        try
        {
            return TournamentPlan.ResultProblem(rules, teamA, teamB, result);
        }
        catch (RuleViolation)
        {
            return TournamentPlan.BadScore;
        }
    }

    /// <summary>The stored setup's rules, or null when they do not stand: worked out once, not once per fixture of every view (Index() forgets them).</summary>
    private (RuleSet? Rules, bool Known) _storedRules;

    private RuleSet? StoredRules()
    {
        if (!_storedRules.Known)
        {
            RuleSet? rules = null;
            try
            {
                rules = Record.Setup is { } setup ? RuleSets.ToRules(setup.Rules) : null;
            }
            catch (RuleViolation)
            {
                // Shown as a bad score on each result, as before.
            }

            _storedRules = (rules, true);
        }

        return _storedRules.Rules;
    }

    /// <param name="withProblems">
    /// Whether to check each stored result against the rules (<see cref="Fixture.Problem"/>): the views do; preparing
    /// matches looks only at matches without a result, and skipping the check keeps a result's cost independent of
    /// how many results are stored.
    /// </param>
    private List<Fixture> Fixtures(bool withProblems = true)
    {
        var fixtures = Record.GroupMatches.Select(m => GroupFixture(m, withProblems)).ToList();
        if (_bracket is not null)
        {
            var tables = new TablesOnce(this);
            fixtures.AddRange(_bracket.Matches.Where(m => !m.IsBye).Select(m => KnockoutFixture(m, tables, withProblems)));
        }

        return fixtures;
    }

    /// <summary>One match as <see cref="Fixtures"/> shows it, without its result checked; null for no such match or a BYE.</summary>
    private Fixture? FixtureOf(string matchId)
    {
        if (GroupMatchesById.TryGetValue(matchId, out var group))
        {
            return GroupFixture(group, withProblems: false);
        }

        return _bracket is not null && _bracket.Contains(matchId) && _bracket[matchId] is { IsBye: false } match
            ? KnockoutFixture(match, new TablesOnce(this), withProblems: false)
            : null;
    }

    private Fixture GroupFixture(GroupMatchRecord m, bool withProblems) =>
        Fixture(m.MatchId, "group", m.Group, m.Round, $"{m.Group} 组 第{m.Round}轮", m.TeamA, m.TeamB, m.TeamA, m.TeamB, locked: false, withProblems);

    private Fixture KnockoutFixture(Match match, TablesOnce tables, bool withProblems)
    {
        var a = Resolve(match.Top.Occupant, tables);
        var b = Resolve(match.Bottom.Occupant, tables);
        return Fixture(match.Id, match.Part.ToString(), null, match.Round, Label(match),
            a, b, Source(match.Top), Source(match.Bottom), locked: a is null || b is null, withProblems);
    }

    private Fixture Fixture(string id, string stage, string? group, int round, string label, string? a, string? b, string sourceA, string sourceB, bool locked, bool withProblems)
    {
        var result = Record.Results.GetValueOrDefault(id);
        var slot = Record.Schedule.GetValueOrDefault(id);
        var status = result is not null ? FixtureStatus.Completed
            : locked ? FixtureStatus.Locked
            : Record.Started.Contains(id) ? FixtureStatus.Running
            : FixtureStatus.Ready;
        return new Fixture(id, stage, group, round, label, a, b, sourceA, sourceB, status, slot?.Court, slot?.StartsAt,
            result?.Sets ?? [], result?.Winner, result?.Ending, withProblems ? ResultProblem(result, a, b) : null);
    }

    private static string Source(Slot slot) => slot.Source switch
    {
        Entry entry => entry.ToString(),
        WinnerOf w => $"W:{w.MatchId}",
        LoserOf l => $"L:{l.MatchId}",
        ResetOf r => $"R:{r.MatchId}",
        _ => slot.Occupant?.ToString() ?? "",
    };

    private static string Label(Match match) => match.Part switch
    {
        BracketPart.ThirdPlace => "三四名决赛",
        BracketPart.GrandFinal => "总决赛",
        BracketPart.GrandFinalReset => "总决赛（加赛）",
        BracketPart.Losers => $"败者组 第{match.Round}轮",
        BracketPart.Winners => $"胜者组 第{match.Round}轮",
        _ => $"淘汰赛 第{match.Round}轮 第{match.Number}场",
    };

    private TournamentView View()
    {
        string? champion = null;
        if (Record.Status == TournamentStatus.Finished)
        {
            // A round robin's champion heads a final table: not one with a result that does not count.
            champion = _bracket is not null
                ? Resolve(_bracket.Champion, new TablesOnce(this))
                : Tables(qualification: false).FirstOrDefault() is { Complete: true } table ? table.Standings.FirstOrDefault()?.TeamId : null;
        }

        return new TournamentView(Id, Record.Status, Record.Setup, Record.Teams, Tables(), Fixtures(), champion, Record.Revision);
    }
}
