using Engagement.Contest.Rules;

namespace Engagement.Contest;

/// <summary>What the stage shows: the host's view, and the public view with nothing before its time.</summary>
public sealed partial class StageBook
{
    // ---- views ----

    public StageView View() => new(ContestId, Status, Setup, _changes.ToList(), _risk.ToDictionary(p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Value), Revision, Live());

    /// <summary>What the hall and the tablets may see: a question only once presented, its key only once judged for good.</summary>
    public StageLive Live()
    {
        var question = Phase == StagePhase.Idle ? null : CurrentQuestion;
        var answerShown = question is not null && Phase == StagePhase.Judged && !MayReopen;
        return new StageLive(
            ContestId,
            Status,
            Setup.Rules,
            Setup.Teams,
            Setup.Questions.Count,
            Current,
            question?.Part,
            question?.TeamId,
            question is null ? null : Public(question),
            Phase,
            PhaseAt,
            Floor,
            _excluded.Order(StringComparer.Ordinal).ToList(),
            question is not null && _risk.TryGetValue(Current, out var value) ? value : null,
            answerShown ? question!.Question.Answer : null,
            answerShown ? question!.Question.Explanation : null,
            StageScoring.Scoreboard(Setup.Teams, _changes),
            _changes.TakeLast(RecentChanges).Reverse().ToList(),
            FinalHash,
            UpcomingRisk());
    }

    /// <summary>
    /// The first risk question after the one on stage (or the current one while nothing is shown): its team's desk
    /// asks for the value before the host may present it.
    /// </summary>
    private NextRisk? UpcomingRisk()
    {
        if (Status != StageStatus.Running)
        {
            return null;
        }

        var from = Phase == StagePhase.Idle ? Math.Max(Current, 1) : Current + 1;
        var next = Setup.Questions.FirstOrDefault(q => q.No >= from && q.Part == StagePart.Risk && q.TeamId is not null);
        return next is null ? null : new NextRisk(next.No, next.TeamId!, _risk.TryGetValue(next.No, out var value) ? value : null);
    }

    /// <summary>A wrong answer to a buzzer question that the rules let others take: its key stays hidden.</summary>
    private bool MayReopen =>
        _lastJudged is { Correct: false } && CurrentQuestion is { Part: StagePart.Buzzer } && Setup.Rules.ReopenAfterWrong && EligibleBuzzers().Any();

    private IEnumerable<StageTeam> EligibleBuzzers() => Setup.Teams.Where(t => !_excluded.Contains(t.TeamId));

    private static PublicQuestion Public(StageQuestion q) =>
        new(q.No, q.Question.Type, q.Question.Stem, q.Question.Options, q.Question.Points, q.Question.Category, q.Question.Image);
}
