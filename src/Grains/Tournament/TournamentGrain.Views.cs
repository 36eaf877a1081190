using System.Text.Json;
using Engagement.Tournament.Rules;
using Engagement.Tournament.Rules.Brackets;
using Microsoft.Extensions.Logging;

namespace Engagement.Tournament;

/// <summary>Who plays whom, group tables, the schedule view, match preparation and corrections.</summary>
public sealed partial class TournamentGrain
{
    public async Task<CorrectionPlan> PlanCorrection(string matchId, string winner)
    {
        var (plan, _) = Plan(matchId, winner);
        await Task.CompletedTask;
        return plan;
    }

    public Task<CorrectionPlan> PlanCorrectedResult(string matchId, MatchOutcome outcome)
    {
        var (plan, _) = Plan(matchId, outcome.Winner);
        CheckResult(matchId, outcome);
        return Task.FromResult(plan);
    }

    public async Task<TournamentView> Correct(string matchId, MatchOutcome outcome)
    {
        var (plan, corrected) = Plan(matchId, outcome.Winner);
        CheckResult(matchId, outcome);

        Record.Results[matchId] = outcome;
        if (IsKnockout(matchId) && plan.WinnerChanges)
        {
            Record.BracketOps.Add(new BracketOp("correct", matchId, SideOf(matchId, outcome.Winner).ToString()));
            _bracket = corrected;
            foreach (var reset in plan.ResetMatches)
            {
                Record.Results.Remove(reset);
                Record.Started.Remove(reset);
                Record.Prepared.Remove(reset);
                // A reset match whose new teams are known is prepared with them in the same step: a scorer
                // tapping it meanwhile finds it either as it was or as it now is, never unprepared.
                var next = Fixtures().FirstOrDefault(f => f.MatchId == reset) is { TeamA: not null, TeamB: not null } fixture ? fixture : null;
                await GrainFactory.GetGrain<IMatchGrain>($"{Id}/{reset}").Reset($"correction of {matchId}", next is null ? null : SetupFor(next));
                if (next is not null)
                {
                    Record.Prepared[reset] = PreparedKey(next);
                }
            }
        }

        await Audit("correction", JsonSerializer.Serialize(new { matchId, outcome.Winner, sets = outcome.Sets.Select(s => $"{s.A}:{s.B}"), reset = plan.ResetMatches }));
        _logger.LogInformation("Tournament {Id}: result of {Match} corrected; reset {Reset}", Id, matchId, string.Join(", ", plan.ResetMatches));
        UpdateStatus();
        await Save();
        await PrepareReadyMatches();
        return View();
    }

    /// <summary>A played result must be a possible volleyball score, and its winner the team that won it.</summary>
    private void CheckResult(string matchId, MatchOutcome outcome)
    {
        if (outcome.Ending != "Finished")
        {
            return;
        }

        var teams = TeamsOf(matchId)!.Value;
        var sets = outcome.Sets.Select(s => new SetScore(s.A, s.B)).ToList();
        var setsWonByA = sets.Count(s => s.A > s.B);
        var byScore = setsWonByA > sets.Count - setsWonByA ? teams.A : teams.B;
        if (!SetRules.IsValidMatch(RuleSets.ToRules(Record.Setup!.Rules), sets) || byScore != outcome.Winner)
        {
            throw RuleViolation.Invalid("tournament.bad-result");
        }
    }

    private (CorrectionPlan Plan, Bracket? Corrected) Plan(string matchId, string winner)
    {
        RequireMatch(matchId);
        if (!Record.Results.TryGetValue(matchId, out var current))
        {
            throw RuleViolation.Conflict("tournament.not-finished");
        }

        var teams = TeamsOf(matchId);
        if (teams is null || (winner != teams.Value.A && winner != teams.Value.B))
        {
            throw RuleViolation.Invalid("match.bad-team");
        }

        if (!IsKnockout(matchId))
        {
            // Group positions feed the knockout: once it has begun, a group result can no longer move.
            if (_bracket is not null && _bracket.Matches.Any(m => Record.Started.Contains(m.Id) || Record.Results.ContainsKey(m.Id)))
            {
                throw RuleViolation.Conflict("tournament.knockout-started");
            }

            return (new CorrectionPlan(matchId, current.Winner != winner, []), null);
        }

        var correction = _bracket!.Correct(matchId, SideOf(matchId, winner));
        return (new CorrectionPlan(matchId, correction.WinnerChanged, correction.Reset), correction.Bracket);
    }

    /// <summary>Gives every match whose two teams are now known a match grain set up with them.</summary>
    private async Task PrepareReadyMatches(string? force = null)
    {
        if (Record.Status == TournamentStatus.Setup)
        {
            return;
        }

        var changed = false;
        foreach (var fixture in Fixtures().Where(f => f is { TeamA: not null, TeamB: not null } && !Record.Results.ContainsKey(f.MatchId)))
        {
            var pair = PreparedKey(fixture);
            if (Record.Prepared.TryGetValue(fixture.MatchId, out var prepared) && prepared == pair && force != fixture.MatchId)
            {
                continue;
            }

            if (Record.Started.Contains(fixture.MatchId) && prepared == pair)
            {
                // Only the time changed on a running match: it has nothing to learn. A new court is passed
                // on below; the same two teams keep their running score (see MatchGrain's "prepare").
                continue;
            }

            await GrainFactory.GetGrain<IMatchGrain>($"{Id}/{fixture.MatchId}").Prepare(SetupFor(fixture));
            Record.Prepared[fixture.MatchId] = pair;
            changed = true;
        }

        if (changed)
        {
            await Save();
        }
    }

    /// <summary>What a match grain is prepared with: its two (known) teams, the rules and its court.</summary>
    private MatchSetup SetupFor(Fixture fixture) => new(
        Id, fixture.MatchId, fixture.Label, fixture.TeamA!, fixture.TeamB!, TeamName(fixture.TeamA), TeamName(fixture.TeamB),
        Record.Setup!.Rules, fixture.Court);

    /// <summary>The teams and court a match grain was last prepared with, as <see cref="TournamentRecord.Prepared"/> keeps them.</summary>
    private static string PreparedKey(Fixture fixture) => $"{fixture.TeamA}|{fixture.TeamB}|{fixture.Court}";

    private (string A, string B)? TeamsOf(string matchId) =>
        Fixtures().FirstOrDefault(f => f.MatchId == matchId) is { TeamA: { } a, TeamB: { } b } ? (a, b) : null;

    private Side SideOf(string matchId, string winner)
    {
        var teams = TeamsOf(matchId) ?? throw RuleViolation.Conflict("match.not-ready");
        return winner == teams.A ? Side.Top : winner == teams.B ? Side.Bottom : throw RuleViolation.Invalid("match.bad-team");
    }

    private string? Resolve(Entry? entry) => entry switch
    {
        Seed seed => Record.Teams.OrderBy(t => t.Seed).ElementAtOrDefault(seed.Number - 1)?.TeamId,
        GroupPlace place => GroupWinners(place.Group)?.ElementAtOrDefault(place.Place - 1),
        _ => null,
    };

    /// <summary>A group's final order once all its matches are played (ties listed as the standings order them).</summary>
    private IReadOnlyList<string>? GroupWinners(int group)
    {
        var table = Tables().ElementAtOrDefault(group);
        return table is { Complete: true } ? table.Standings.Select(s => s.TeamId).ToList() : null;
    }

    private List<GroupTable> Tables()
    {
        if (Record.Setup is null)
        {
            return [];
        }

        var rules = RuleSets.ToRules(Record.Setup.Rules);
        var criteria = TournamentPlan.Criteria(Record.Setup);
        return Record.Groups.Select(g =>
        {
            var played = Record.GroupMatches.Where(m => m.Group == g.Name && Record.Results.ContainsKey(m.MatchId)).ToList();
            var results = played.Select(m => TournamentPlan.ToResult(m.TeamA, m.TeamB, Record.Results[m.MatchId])).ToList();
            var rows = Standings.Compute(g.TeamIds, results, rules, criteria)
                .Select(r => new StandingLine(r.TeamId, r.Position, r.Played, r.Won, r.Lost, r.MatchPoints, r.SetsWon, r.SetsLost,
                    r.PointsWon, r.PointsLost, r.SetQuotient.ToString(), r.PointsQuotient.ToString(), r.Tied, r.DecidedBy?.ToString()))
                .ToList();
            var complete = Record.GroupMatches.Where(m => m.Group == g.Name).All(m => Record.Results.ContainsKey(m.MatchId));
            return new GroupTable(g.Name, g.TeamIds, rows, complete);
        }).ToList();
    }

    private List<Fixture> Fixtures()
    {
        var fixtures = Record.GroupMatches.Select(m => Fixture(m.MatchId, "group", m.Group, m.Round, $"{m.Group} 组 第{m.Round}轮",
            m.TeamA, m.TeamB, m.TeamA, m.TeamB, locked: false)).ToList();
        if (_bracket is not null)
        {
            foreach (var match in _bracket.Matches.Where(m => !m.IsBye))
            {
                var a = Resolve(match.Top.Occupant);
                var b = Resolve(match.Bottom.Occupant);
                fixtures.Add(Fixture(match.Id, match.Part.ToString(), null, match.Round, Label(match),
                    a, b, Source(match.Top), Source(match.Bottom), locked: a is null || b is null));
            }
        }

        return fixtures;
    }

    private Fixture Fixture(string id, string stage, string? group, int round, string label, string? a, string? b, string sourceA, string sourceB, bool locked)
    {
        var result = Record.Results.GetValueOrDefault(id);
        var slot = Record.Schedule.GetValueOrDefault(id);
        var status = result is not null ? FixtureStatus.Completed
            : locked ? FixtureStatus.Locked
            : Record.Started.Contains(id) ? FixtureStatus.Running
            : FixtureStatus.Ready;
        return new Fixture(id, stage, group, round, label, a, b, sourceA, sourceB, status, slot?.Court, slot?.StartsAt,
            result?.Sets ?? [], result?.Winner, result?.Ending);
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

    private string TeamName(string? teamId) => Record.Teams.FirstOrDefault(t => t.TeamId == teamId)?.Name ?? teamId ?? "";

    private TournamentView View()
    {
        string? champion = null;
        if (Record.Status == TournamentStatus.Finished)
        {
            champion = _bracket is not null
                ? Resolve(_bracket.Champion)
                : Tables().FirstOrDefault()?.Standings.FirstOrDefault()?.TeamId;
        }

        return new TournamentView(Id, Record.Status, Record.Setup, Record.Teams, Tables(), Fixtures(), champion, Record.Revision);
    }
}
