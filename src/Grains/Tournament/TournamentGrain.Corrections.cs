using Engagement.Tournament.Rules;
using Engagement.Tournament.Rules.Brackets;
using Microsoft.Extensions.Logging;

namespace Engagement.Tournament;

/// <summary>Corrections after the fact: the preview, the checks, and the matches a changed winner resets.</summary>
public sealed partial class TournamentGrain
{
    public async Task<CorrectionPlan> PlanCorrection(string matchId, string winner)
    {
        var (plan, _) = Plan(matchId, winner);
        await Task.CompletedTask;
        return plan;
    }

    /// <summary>The preview refuses exactly what <see cref="Correct"/> would: both go through <see cref="Checked"/>.</summary>
    public Task<CorrectionPlan> PlanCorrectedResult(string matchId, MatchOutcome outcome) =>
        Task.FromResult(Checked(matchId, outcome).Plan);

    public async Task<TournamentView> Correct(string matchId, MatchOutcome outcome)
    {
        (var plan, var corrected, outcome) = Checked(matchId, outcome);
        var side = IsKnockout(matchId) && plan.WinnerChanges ? SideOf(matchId, outcome.Winner) : (Side?)null;
        var prepared = new Dictionary<string, string>();
        if (side is not null)
        {
            var tables = new TablesOnce(this);
            foreach (var reset in plan.ResetMatches)
            {
                // A reset match whose new teams are known is prepared with them in the same step: a scorer
                // tapping it meanwhile finds it either as it was or as it now is, never unprepared.
                var next = corrected![reset] is { IsBye: false } match && KnockoutFixture(match, tables, withProblems: false) is { TeamA: not null, TeamB: not null } fixture
                    ? fixture
                    : null;
                await GrainFactory.GetGrain<IMatchGrain>($"{Id}/{reset}").Reset($"correction of {matchId}", next is null ? null : SetupFor(next));
                if (next is not null)
                {
                    prepared[reset] = PreparedKey(next);
                }
            }
        }

        await Commit(ResultEntry.Of(matchId, outcome, side, plan.ResetMatches, prepared), corrected);
        _logger.LogInformation("Tournament {Id}: result of {Match} corrected; reset {Reset}", Id, matchId, string.Join(", ", plan.ResetMatches));
        await PrepareReadyMatches();
        return View();
    }

    /// <summary>
    /// A corrected result must stand under the rules whatever its ending: a played or retired match a possible
    /// volleyball score, a forfeit every set lost 0 to its target (filled in when no sets are given), and its
    /// winner the team that has the sets. Any other ending is refused.
    /// </summary>
    private (CorrectionPlan Plan, Bracket? Corrected, MatchOutcome Outcome) Checked(string matchId, MatchOutcome outcome)
    {
        var (plan, corrected) = Plan(matchId, outcome.Winner);
        var teams = TeamsOf(matchId)!.Value;
        var rules = RuleSets.ToRules(Record.Setup!.Rules);
        var ending = TournamentPlan.Ending(outcome.Ending)
                     ?? throw RuleViolation.Invalid("tournament.bad-ending", new string(Text.Clean(outcome.Ending).Take(20).ToArray()));
        var forfeitSets = ending == MatchEnding.Forfeit ? TournamentPlan.ForfeitSets(rules, teams.A, outcome.Winner) : null;
        if (forfeitSets is not null && outcome.Sets is null or { Count: 0 })
        {
            outcome = outcome with { Sets = forfeitSets };
        }

        if (TournamentPlan.ResultProblem(rules, teams.A, teams.B, outcome) is not null)
        {
            throw forfeitSets is not null
                ? RuleViolation.Invalid("tournament.bad-forfeit", string.Join(" ", forfeitSets.Select(s => $"{s.A}:{s.B}")))
                : RuleViolation.Invalid("tournament.bad-result");
        }

        return (plan, corrected, outcome);
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
}
