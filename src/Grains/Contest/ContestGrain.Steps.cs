using System.Text.Json;
using Engagement.Contest.Rules;
using Microsoft.Extensions.Logging;

namespace Engagement.Contest;

/// <summary>
/// The host's steps through the hall round: show → open (the countdown starts) → lock → reveal, then the next
/// question. Each step is a ledger entry written in the organiser lane before the step takes effect. The lock is
/// also taken by this activation's timer at the closing time, and at once by a new activation that finds it past.
/// </summary>
public sealed partial class ContestGrain
{
    private int _current;
    private HallPhase _phase;
    private DateTimeOffset? _openedAt;
    private DateTimeOffset? _closesAt;
    private readonly HashSet<int> _shown = [];
    private IGrainTimer? _deadline;

    /// <summary>True while the lock entry is being written: answers are refused from the moment the lock is decided.</summary>
    private bool _locking;

    public Task<ContestView> Step(HostStep step) => _organiser.Run(async () =>
    {
        EnsureUsable();
        if (_status != ContestStatus.Running)
        {
            throw RuleViolation.Conflict("contest.not-running");
        }

        if (step is null || step.QuestionNo < 1 || step.QuestionNo > Questions.Count)
        {
            throw RuleViolation.Invalid("contest.bad-question-no", Questions.Count.ToString());
        }

        var n = step.QuestionNo;
        if (n == _current && step.Phase == _phase)
        {
            // A double click (or the deadline's lock beat the host's): the step is taken once.
            return View();
        }

        switch (step.Phase)
        {
            case HallPhase.Shown when _phase is HallPhase.None or HallPhase.Revealed && !_shown.Contains(n):
                await Write("step", JsonSerializer.Serialize(new StoredStep(n, "shown"), Json));
                ApplyShown(n);
                break;
            case HallPhase.Open when n == _current && _phase == HallPhase.Shown:
                var openedAt = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                var closesAt = openedAt.AddSeconds(Settings.Scoring.AnswerSeconds);
                await Write("step", JsonSerializer.Serialize(new StoredStep(n, "open", openedAt.ToUnixTimeMilliseconds(), closesAt.ToUnixTimeMilliseconds()), Json));
                ApplyOpen(n, openedAt, closesAt);
                ArmDeadline();
                break;
            case HallPhase.Locked when n == _current && _phase == HallPhase.Open:
                await LockInLane("host");
                break;
            case HallPhase.Revealed when n == _current && _phase == HallPhase.Locked:
                await RevealInLane(n);
                break;
            default:
                throw RuleViolation.Conflict("contest.bad-step", Phase(_phase), _current.ToString());
        }

        _steps.Changed();
        ContestLog.Stepped(_logger, ContestId, n, Phase(step.Phase));
        return View();
    });

    /// <summary>Locks the open question; runs in the lane (the host's lock or the deadline's).</summary>
    private async Task LockInLane(string by)
    {
        // Answers decided before this point are queued ahead of the lock entry, so they are durable before it is;
        // from here on they are refused.
        _locking = true;
        try
        {
            await Write("step", JsonSerializer.Serialize(new StoredStep(_current, "locked", by: by), Json));
        }
        finally
        {
            _locking = false;
        }

        _phase = HallPhase.Locked;
        DisarmDeadline();
    }

    /// <summary>Marks every answer of the question, then records the reveal and takes it into the standings.</summary>
    private async Task RevealInLane(int n)
    {
        // Worked out before the entry is written: a rule that throws leaves nothing half done.
        var reveal = Mark(n);
        await Write("step", JsonSerializer.Serialize(new StoredStep(n, "revealed", answered: reveal.Reveal.Answered, correct: reveal.Reveal.Correct), Json));
        ApplyReveal(reveal);
    }

    private void ApplyShown(int n)
    {
        _current = n;
        _phase = HallPhase.Shown;
        _openedAt = null;
        _closesAt = null;
        _shown.Add(n);
    }

    private void ApplyOpen(int n, DateTimeOffset openedAt, DateTimeOffset closesAt)
    {
        _current = n;
        _phase = HallPhase.Open;
        _openedAt = openedAt;
        _closesAt = closesAt;
    }

    private bool PastClosingTime => _phase == HallPhase.Open && _closesAt is { } at && DateTimeOffset.UtcNow > at;

    /// <summary>Sets this activation's timer for the closing time of the open question (at once if it has passed).</summary>
    private void ArmDeadline()
    {
        DisarmDeadline();
        if (_status != ContestStatus.Running || _phase != HallPhase.Open || _closesAt is not { } due)
        {
            return;
        }

        // Just past the closing time: an answer received at the closing time itself still counts.
        var wait = due - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(1);
        _deadline = this.RegisterGrainTimer(
            LockIfDue,
            new GrainTimerCreationOptions(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private void DisarmDeadline()
    {
        _deadline?.Dispose();
        _deadline = null;
    }

    private async Task LockIfDue()
    {
        try
        {
            await _organiser.Run(async () =>
            {
                if (_broken || _status != ContestStatus.Running || _phase != HallPhase.Open)
                {
                    return;
                }

                if (!PastClosingTime)
                {
                    // A timer that fired a moment early: wait for the closing time again.
                    ArmDeadline();
                    return;
                }

                _logger.LogInformation("Contest {ContestId}: question {QuestionNo} locks at its closing time {ClosesAt}", ContestId, _current, _closesAt);
                await LockInLane("deadline");
                _steps.Changed();
            });
        }
        catch (Exception e)
        {
            // The write failed and the activation is retiring; the next activation finds the time past and locks.
            _logger.LogWarning(e, "Contest {ContestId} could not lock question {QuestionNo} at its closing time", ContestId, _current);
        }
    }

    private static string Phase(HallPhase phase) => phase.ToString();

    private sealed record StoredStep(int n, string p, long? o = null, long? c = null, string? by = null, int? answered = null, int? correct = null);
}
