using Engagement.Contest.Rules;

namespace Engagement.Contest;

/// <summary>
/// The stage final's state and its state machine, without Orleans: each host or desk action is first
/// <em>decided</em> here (checked against the state, turned into an event or refused with a <see cref="RuleViolation"/>),
/// then written to the ledger by the grain, then <em>applied</em> here — the same <see cref="Apply"/> an activation
/// replays the stored events with, so what was answered and what is rebuilt after a restart cannot differ.
/// </summary>
public sealed partial class StageBook(string contestId)
{
    public const int MaxReasonLength = 200;
    public const int MaxAdjustment = 1_000;
    private const int RecentChanges = 10;

    private readonly List<ScoreChange> _changes = [];
    private readonly Dictionary<long, Judged> _judgements = [];
    private readonly Dictionary<int, int> _risk = [];
    private readonly Dictionary<string, BuzzResult> _buzzes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _excluded = new(StringComparer.Ordinal);
    private readonly HashSet<(int Question, string Team, BuzzOutcome Outcome)> _recordedBuzzes = [];
    private readonly HashSet<(int Question, string Team)> _penalised = [];

    public string ContestId { get; } = contestId;
    public StageStatus Status { get; private set; }
    public StageSetup Setup { get; private set; } = Empty;
    public int Current { get; private set; }
    public StagePhase Phase { get; private set; }
    public DateTimeOffset? PhaseAt { get; private set; }
    public string? Floor { get; private set; }
    public long Revision { get; private set; }
    public string? FinalHash { get; private set; }

    /// <summary>The last judgement of the current question (decides whether its answer may be shown).</summary>
    private Judged? _lastJudged;

    public static StageSetup Empty { get; } = new(
        new StageRules(10, 0, 10, -10, EarlyBuzzRule.Refuse, 0, false, [10, 20, 30], 30), [], []);

    private StageQuestion? CurrentQuestion => Current > 0 && Current <= Setup.Questions.Count ? Setup.Questions[Current - 1] : null;

    // ---- decisions: check, and say what to record ----

    public StageEvent DecideSetup(StageSetup setup)
    {
        RequireStatus(StageStatus.Setup, "stage.not-setup");
        StageScoring.Validate(setup);
        return new SetupEvent(setup);
    }

    /// <summary>Null: already running (a double click), nothing to record.</summary>
    public StageEvent? DecideStart()
    {
        if (Status == StageStatus.Running)
        {
            return null;
        }

        RequireStatus(StageStatus.Setup, "stage.not-setup");
        if (Setup.Teams.Count == 0)
        {
            throw RuleViolation.Conflict("stage.not-configured");
        }

        return new StartedEvent();
    }

    public StageEvent? DecidePresent(int questionNo)
    {
        RequireRunning();
        var question = Question(questionNo);
        if (questionNo == Current && Phase != StagePhase.Idle)
        {
            return null;
        }

        if (Phase == StagePhase.Answering)
        {
            throw RuleViolation.Conflict("stage.answer-pending", Floor ?? string.Empty);
        }

        if (question.Part == StagePart.Risk && !_risk.ContainsKey(questionNo))
        {
            throw RuleViolation.Conflict("stage.risk-not-chosen", TeamName(question.TeamId));
        }

        return new PresentedEvent(questionNo);
    }

    public StageEvent? DecideOpenBuzzing(int questionNo)
    {
        RequireRunning();
        var question = Question(questionNo);
        if (question.Part != StagePart.Buzzer)
        {
            throw RuleViolation.Conflict("stage.not-buzzer");
        }

        if (questionNo != Current || Phase == StagePhase.Idle)
        {
            throw RuleViolation.Conflict("stage.not-presented");
        }

        return Phase switch
        {
            StagePhase.BuzzOpen => null,
            StagePhase.Presented => new BuzzingOpenedEvent(questionNo),
            StagePhase.Judged when _lastJudged is { Correct: false } && Setup.Rules.ReopenAfterWrong && EligibleBuzzers().Any() => new BuzzingOpenedEvent(questionNo),
            StagePhase.Answering => throw RuleViolation.Conflict("stage.answer-pending", TeamName(Floor)),
            _ => throw RuleViolation.Conflict("stage.buzzing-over"),
        };
    }

    /// <summary>
    /// A buzz always gets an answer (never an exception for timing): won, late, early, excluded or closed. A retry of the
    /// same buzz id gets the first answer. Returns the event to record, or null when there is nothing new to record
    /// (a retry, or the same team's same outcome on this question again: a tablet hammering the button cannot grow the ledger).
    /// </summary>
    public (BuzzResult? Known, StageEvent? Event) DecideBuzz(BuzzRequest buzz)
    {
        if (_buzzes.TryGetValue(buzz.BuzzId, out var known))
        {
            return (known, null);
        }

        if (Setup.Teams.All(t => t.TeamId != buzz.TeamId))
        {
            throw RuleViolation.NotFound("stage.team-not-found");
        }

        var question = CurrentQuestion;
        var outcome = Status != StageStatus.Running || question is not { Part: StagePart.Buzzer } || buzz.QuestionNo != Current || Phase == StagePhase.Idle
            ? BuzzOutcome.Closed
            : _excluded.Contains(buzz.TeamId)
                ? BuzzOutcome.Excluded
                : Phase switch
                {
                    StagePhase.Presented => BuzzOutcome.Early,
                    StagePhase.BuzzOpen => BuzzOutcome.Won,
                    _ => BuzzOutcome.Late,
                };
        var penalty = outcome == BuzzOutcome.Early && Setup.Rules.EarlyBuzz == EarlyBuzzRule.Penalty && !_penalised.Contains((Current, buzz.TeamId))
            ? Setup.Rules.EarlyBuzzPenalty
            : 0;
        if (outcome is BuzzOutcome.Closed || (penalty == 0 && _recordedBuzzes.Contains((Current, buzz.TeamId, outcome))))
        {
            return (new BuzzResult(outcome, Floor, 0, DateTimeOffset.UtcNow), null);
        }

        return (null, new BuzzEvent(Current, buzz.TeamId, buzz.BuzzId, outcome, penalty));
    }

    public StageEvent? DecideRisk(RiskChoice choice)
    {
        RequireRunning();
        var question = Question(choice.QuestionNo);
        if (question.Part != StagePart.Risk)
        {
            throw RuleViolation.Conflict("stage.not-risk");
        }

        if (question.TeamId != choice.TeamId)
        {
            throw RuleViolation.Conflict("stage.not-your-question");
        }

        if (!Setup.Rules.RiskValues.Contains(choice.Value))
        {
            throw RuleViolation.Invalid("stage.bad-risk", string.Join("/", Setup.Rules.RiskValues));
        }

        if (choice.QuestionNo == Current && Phase != StagePhase.Idle)
        {
            // The value is chosen before the question is seen; once shown it stands.
            if (_risk.GetValueOrDefault(choice.QuestionNo) == choice.Value)
            {
                return null;
            }

            throw RuleViolation.Conflict("stage.risk-too-late");
        }

        return _risk.GetValueOrDefault(choice.QuestionNo) == choice.Value ? null : new RiskEvent(choice.QuestionNo, choice.TeamId, choice.Value);
    }

    public StageEvent? DecideJudge(JudgementRequest judgement)
    {
        RequireRunning();
        var question = Question(judgement.QuestionNo);
        if (judgement.QuestionNo != Current)
        {
            throw RuleViolation.Conflict("stage.not-presented");
        }

        if (Phase == StagePhase.Judged && _lastJudged is { } last && last.Question == judgement.QuestionNo && last.Team == judgement.TeamId && last.Correct == judgement.Correct)
        {
            // The same judgement twice (a double click): recorded once.
            return null;
        }

        if (Phase != StagePhase.Answering || Floor != judgement.TeamId)
        {
            throw RuleViolation.Conflict(Phase == StagePhase.Judged ? "stage.already-judged" : "stage.not-on-floor", TeamName(judgement.TeamId));
        }

        var points = StageScoring.Points(question.Part, judgement.Correct, Setup.Rules, _risk.TryGetValue(judgement.QuestionNo, out var value) ? value : null);
        return new JudgedEvent(judgement.QuestionNo, judgement.TeamId, judgement.Correct, points);
    }

    public StageEvent? DecideCorrection(JudgementCorrection correction)
    {
        RequireRunningOrFinished();
        var reason = Reason(correction.Reason);
        if (!_judgements.TryGetValue(correction.JudgementSeq, out var judged))
        {
            throw RuleViolation.NotFound("stage.judgement-not-found");
        }

        if (judged.Correct == correction.Correct)
        {
            return null;
        }

        var question = Setup.Questions[judged.Question - 1];
        var points = StageScoring.Points(question.Part, correction.Correct, Setup.Rules, _risk.TryGetValue(judged.Question, out var value) ? value : null);
        return new CorrectedEvent(correction.JudgementSeq, correction.Correct, points - judged.Points, reason);
    }

    public StageEvent DecideAdjustment(PointsAdjustment adjustment)
    {
        RequireRunningOrFinished();
        var reason = Reason(adjustment.Reason);
        if (Setup.Teams.All(t => t.TeamId != adjustment.TeamId))
        {
            throw RuleViolation.NotFound("stage.team-not-found");
        }

        if (adjustment.Points == 0 || Math.Abs(adjustment.Points) > MaxAdjustment)
        {
            throw RuleViolation.Invalid("stage.bad-adjustment", MaxAdjustment.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return new AdjustedEvent(adjustment.TeamId, adjustment.Points, reason);
    }

    public StageEvent? DecideFinish()
    {
        if (Status == StageStatus.Finished)
        {
            return null;
        }

        RequireRunning();
        if (Phase == StagePhase.Answering)
        {
            throw RuleViolation.Conflict("stage.answer-pending", TeamName(Floor));
        }

        return new FinishedEvent();
    }

    // ---- applying a recorded event (live, or replayed from the ledger) ----

    public void Apply(StageEvent stageEvent, long seq, DateTimeOffset at, string actor, string hash)
    {
        switch (stageEvent)
        {
            case SetupEvent e:
                Setup = e.Setup;
                break;
            case StartedEvent:
                Status = StageStatus.Running;
                break;
            case PresentedEvent e:
                Current = e.Question;
                PhaseAt = at;
                _excluded.Clear();
                _lastJudged = null;
                var question = Setup.Questions[e.Question - 1];
                (Phase, Floor) = question.Part == StagePart.Buzzer ? (StagePhase.Presented, null) : (StagePhase.Answering, question.TeamId);
                break;
            case BuzzingOpenedEvent:
                Phase = StagePhase.BuzzOpen;
                PhaseAt = at;
                Floor = null;
                break;
            case BuzzEvent e:
                _recordedBuzzes.Add((e.Question, e.Team, e.Outcome));
                if (e.Outcome == BuzzOutcome.Won)
                {
                    Floor = e.Team;
                    Phase = StagePhase.Answering;
                    PhaseAt = at;
                }
                else if (e.Outcome == BuzzOutcome.Early && Setup.Rules.EarlyBuzz == EarlyBuzzRule.LoseTurn)
                {
                    _excluded.Add(e.Team);
                }

                if (e.Penalty != 0)
                {
                    _penalised.Add((e.Question, e.Team));
                    _changes.Add(new ScoreChange(seq, e.Team, -e.Penalty, "early-buzz", e.Question, null, null, actor, at));
                }

                _buzzes[e.BuzzId] = new BuzzResult(e.Outcome, Floor, seq, at);
                break;
            case RiskEvent e:
                _risk[e.Question] = e.Value;
                break;
            case JudgedEvent e:
                var judged = new Judged(e.Question, e.Team, e.Correct, e.Points);
                _judgements[seq] = judged;
                _lastJudged = judged;
                _changes.Add(new ScoreChange(seq, e.Team, e.Points, "judgement", e.Question, e.Correct, null, actor, at));
                Phase = StagePhase.Judged;
                PhaseAt = at;
                if (!e.Correct)
                {
                    // A team that answered wrong may not buzz again on this question.
                    _excluded.Add(e.Team);
                }

                break;
            case CorrectedEvent e:
                var before = _judgements[e.Judgement];
                var after = before with { Correct = e.Correct, Points = before.Points + e.Delta };
                _judgements[e.Judgement] = after;
                if (_lastJudged == before)
                {
                    _lastJudged = after;
                }

                _changes.Add(new ScoreChange(seq, before.Team, e.Delta, "correction", before.Question, e.Correct, e.Reason, actor, at));
                break;
            case AdjustedEvent e:
                _changes.Add(new ScoreChange(seq, e.Team, e.Points, "adjustment", null, null, e.Reason, actor, at));
                break;
            case FinishedEvent:
                Status = StageStatus.Finished;
                Phase = StagePhase.Idle;
                Floor = null;
                FinalHash = hash;
                break;
        }

        Revision = seq;
    }

    public BuzzResult ResultOf(string buzzId) => _buzzes[buzzId];

    // ---- checks ----

    private StageQuestion Question(int questionNo) =>
        questionNo >= 1 && questionNo <= Setup.Questions.Count
            ? Setup.Questions[questionNo - 1]
            : throw RuleViolation.NotFound("stage.question-not-found", questionNo.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private string TeamName(string? teamId) => Setup.Teams.FirstOrDefault(t => t.TeamId == teamId)?.Name ?? teamId ?? string.Empty;

    private void RequireStatus(StageStatus status, string code)
    {
        if (Status != status)
        {
            throw RuleViolation.Conflict(code);
        }
    }

    private void RequireRunning()
    {
        if (Status != StageStatus.Running)
        {
            throw RuleViolation.Conflict(Status == StageStatus.Setup ? "stage.not-started" : "stage.finished");
        }
    }

    private void RequireRunningOrFinished()
    {
        if (Status == StageStatus.Setup)
        {
            throw RuleViolation.Conflict("stage.not-started");
        }
    }

    private static string Reason(string? reason)
    {
        var clean = Text.Clean(reason);
        return clean.Length is > 0 and <= MaxReasonLength
            ? clean
            : throw RuleViolation.Invalid("stage.reason-required", MaxReasonLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private sealed record Judged(int Question, string Team, bool Correct, int Points);
}
