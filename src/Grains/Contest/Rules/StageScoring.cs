namespace Engagement.Contest.Rules;

/// <summary>
/// The stage final's points and scoreboard. SKELETON (issue 12 §3).
/// </summary>
public static class StageScoring
{
    /// <summary>Points for a judgement: 必答 +RequiredCorrect / RequiredWrong; 抢答 +BuzzCorrect / BuzzWrong; 风险 ±value.</summary>
    public static int Points(StagePart part, bool correct, StageRules rules, int? riskValue) => throw new NotImplementedException();

    /// <summary>The setup checked: 2–16 teams with distinct ids and names, questions numbered 1…n, a team for every
    /// 必答 and 风险 question, no oral-only key missing, risk values 1–3 distinct positive; throws <see cref="RuleViolation"/>.</summary>
    public static void Validate(StageSetup setup) => throw new NotImplementedException();

    /// <summary>The scoreboard: each team's sum of changes, best first, equal points share a rank; LastChange is the newest change's points.</summary>
    public static IReadOnlyList<TeamScore> Scoreboard(IReadOnlyList<StageTeam> teams, IEnumerable<ScoreChange> changes) => throw new NotImplementedException();
}
