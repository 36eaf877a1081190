using System.Globalization;
using System.Text.RegularExpressions;

namespace Engagement.Contest.Rules;

/// <summary>
/// The stage final's points, setup checks and scoreboard. A wrong answer never adds points: the rules' wrong
/// values and the early-buzz penalty count by their size, whichever sign the organiser typed (−10 and 10 both
/// take 10).
/// </summary>
public static partial class StageScoring
{
    public const int MinTeams = 2;
    public const int MaxTeams = 16;
    public const int MaxTeamIdLength = 32;
    public const int MaxTeamNameLength = 30;
    public const int MaxPlayers = 10;
    public const int MaxPlayerNameLength = 32;
    public const int MaxQuestions = 200;
    public const int MaxPoints = 1_000;
    public const int MaxRiskValues = 3;
    public const int MinAnswerSeconds = 5;
    public const int MaxAnswerSeconds = 300;

    /// <summary>The usual rules: 必答 +10 / 0, 抢答 +10 / −10, 风险 10/20/30, an early buzz is refused, 30 s to answer.</summary>
    public static readonly StageRules Default = new(10, 0, 10, -10, EarlyBuzzRule.Refuse, 10, ReopenAfterWrong: true, [10, 20, 30], 30);

    /// <summary>Points for a judgement: 必答 +RequiredCorrect / −|RequiredWrong|; 抢答 +BuzzCorrect / −|BuzzWrong|; 风险 ±value.</summary>
    /// <exception cref="RuleViolation">A risk question without a value the rules allow ("stage.bad-risk-value").</exception>
    public static int Points(StagePart part, bool correct, StageRules rules, int? riskValue)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return part switch
        {
            StagePart.Required => correct ? rules.RequiredCorrect : -Math.Abs(rules.RequiredWrong),
            StagePart.Buzzer => correct ? rules.BuzzCorrect : -Math.Abs(rules.BuzzWrong),
            StagePart.Risk => correct ? CheckRisk(rules, riskValue) : -CheckRisk(rules, riskValue),
            _ => throw RuleViolation.Invalid("stage.bad-part"),
        };
    }

    /// <summary>What an early buzz costs under <see cref="EarlyBuzzRule.Penalty"/> (zero or negative).</summary>
    public static int EarlyBuzzPoints(StageRules rules) =>
        rules.EarlyBuzz == EarlyBuzzRule.Penalty ? -Math.Abs(rules.EarlyBuzzPenalty) : 0;

    /// <summary>The risk value, if the rules offer it; throws "stage.bad-risk-value" otherwise.</summary>
    public static int CheckRisk(StageRules rules, int? value)
    {
        if (value is not { } v || rules.RiskValues is null || !rules.RiskValues.Contains(v))
        {
            throw RuleViolation.Invalid("stage.bad-risk-value", string.Join("/", rules.RiskValues ?? []));
        }

        return v;
    }

    /// <summary>The setup checked: 2–16 teams with distinct ids and names, questions numbered 1…n, a team for every
    /// 必答 and 风险 question and none for 抢答, every question valid with its key, risk values 1–3 distinct positive;
    /// throws <see cref="RuleViolation"/>.</summary>
    public static void Validate(StageSetup setup)
    {
        if (setup?.Rules is null || setup.Teams is null || setup.Questions is null)
        {
            throw RuleViolation.Invalid("stage.bad-setup");
        }

        ValidateRules(setup.Rules);
        ValidateTeams(setup.Teams);

        var teamIds = setup.Teams.Select(t => t.TeamId).ToHashSet(StringComparer.Ordinal);
        if (setup.Questions.Count is 0 or > MaxQuestions)
        {
            throw RuleViolation.Invalid("stage.bad-question-count", Number(MaxQuestions));
        }

        for (var i = 0; i < setup.Questions.Count; i++)
        {
            var q = setup.Questions[i] ?? throw RuleViolation.Invalid("stage.bad-setup");
            if (q.No != i + 1)
            {
                throw RuleViolation.Invalid("stage.bad-question-numbers", Number(i + 1));
            }

            if (!Enum.IsDefined(q.Part))
            {
                throw RuleViolation.Invalid("stage.bad-part");
            }

            if (q.Part == StagePart.Buzzer ? q.TeamId is not null : q.TeamId is null || !teamIds.Contains(q.TeamId))
            {
                throw RuleViolation.Invalid("stage.question-team", Number(q.No));
            }

            if (q.Question is null)
            {
                throw RuleViolation.Invalid("stage.bad-setup");
            }

            // The host judges against the key, so each question must be a valid bank question (an oral one too).
            QuestionRules.Check(q.Question);
        }
    }

    private static void ValidateRules(StageRules rules)
    {
        int[] points = [rules.RequiredCorrect, rules.RequiredWrong, rules.BuzzCorrect, rules.BuzzWrong, rules.EarlyBuzzPenalty];
        if (points.Any(p => p is < -MaxPoints or > MaxPoints) || rules.RequiredCorrect < 0 || rules.BuzzCorrect < 0)
        {
            throw RuleViolation.Invalid("stage.bad-points", Number(MaxPoints));
        }

        if (!Enum.IsDefined(rules.EarlyBuzz))
        {
            throw RuleViolation.Invalid("stage.bad-early-buzz");
        }

        var risks = rules.RiskValues ?? [];
        if (risks.Count is 0 or > MaxRiskValues || risks.Any(v => v is < 1 or > MaxPoints) || risks.Distinct().Count() != risks.Count)
        {
            throw RuleViolation.Invalid("stage.bad-risk-values", Number(MaxRiskValues));
        }

        if (rules.AnswerSeconds is < MinAnswerSeconds or > MaxAnswerSeconds)
        {
            throw RuleViolation.Invalid("stage.bad-answer-seconds", Number(MinAnswerSeconds), Number(MaxAnswerSeconds));
        }
    }

    private static void ValidateTeams(IReadOnlyList<StageTeam> teams)
    {
        if (teams.Count is < MinTeams or > MaxTeams)
        {
            throw RuleViolation.Invalid("stage.bad-team-count", Number(MinTeams), Number(MaxTeams));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var team in teams)
        {
            if (team is null || team.TeamId is not { Length: > 0 and <= MaxTeamIdLength } || !TeamIdPattern().IsMatch(team.TeamId))
            {
                throw RuleViolation.Invalid("stage.bad-team-id", Number(MaxTeamIdLength));
            }

            var name = Text.Clean(team.Name);
            if (name.Length is 0 or > MaxTeamNameLength)
            {
                throw RuleViolation.Invalid("stage.bad-team-name", Number(MaxTeamNameLength));
            }

            if (!ids.Add(team.TeamId))
            {
                throw RuleViolation.Invalid("stage.duplicate-team", team.TeamId);
            }

            if (!names.Add(Text.Key(name)))
            {
                throw RuleViolation.Invalid("stage.duplicate-team", name);
            }

            var players = team.Players ?? [];
            if (players.Count > MaxPlayers || players.Any(p => Text.Clean(p).Length is 0 or > MaxPlayerNameLength))
            {
                throw RuleViolation.Invalid("stage.bad-players", Number(MaxPlayers), Number(MaxPlayerNameLength));
            }
        }
    }

    /// <summary>The scoreboard: each team's sum of changes, best first, equal points share a rank (in setup order);
    /// LastChange is the team's newest change's points. Changes for a team not in the list are left out.</summary>
    public static IReadOnlyList<TeamScore> Scoreboard(IReadOnlyList<StageTeam> teams, IEnumerable<ScoreChange> changes)
    {
        ArgumentNullException.ThrowIfNull(teams);
        ArgumentNullException.ThrowIfNull(changes);
        var byTeam = changes.GroupBy(c => c.TeamId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var sorted = teams
            .DistinctBy(t => t.TeamId, StringComparer.Ordinal)
            .Select((t, order) =>
            {
                var list = byTeam.GetValueOrDefault(t.TeamId) ?? [];
                var last = list.Count == 0 ? (int?)null : list.MaxBy(c => c.Seq)!.Points;
                return (Team: t, Order: order, Points: list.Sum(c => c.Points), Last: last);
            })
            .OrderByDescending(x => x.Points)
            .ThenBy(x => x.Order)
            .ToList();
        var result = new List<TeamScore>(sorted.Count);
        for (var i = 0; i < sorted.Count; i++)
        {
            var x = sorted[i];
            var rank = i > 0 && sorted[i - 1].Points == x.Points ? result[i - 1].Rank : i + 1;
            result.Add(new TeamScore(rank, x.Team.TeamId, x.Team.Name, x.Points, x.Last));
        }

        return result;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex TeamIdPattern();
}
