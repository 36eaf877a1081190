using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Engagement.Selection;

/// <summary>
/// The closing time of <see cref="RoundGrain"/>. While the grain is active a timer closes the round at the
/// second; a reminder (due at the closing time, then every minute until the round is closed) wakes the
/// grain if the silo restarted or the grain was deactivated, so the deadline holds across restarts. The
/// close itself goes through the organiser lane like the organiser's own.
/// </summary>
public sealed partial class RoundGrain : IRemindable
{
    private const string CloseReminder = "close";

    private IGrainTimer? _deadline;

    private bool PastClosingTime => _status == RoundStatus.Open && Record.ClosesAt is { } at && at <= DateTimeOffset.UtcNow;

    public Task<RoundView> SetClosingTime(DateTimeOffset? closesAt) => _organiser.Run(async () =>
    {
        if (Record.Settings is null)
        {
            throw RuleViolation.NotFound("round.not-found");
        }

        if (_status is not (RoundStatus.Draft or RoundStatus.Open) || PastClosingTime)
        {
            throw RuleViolation.Conflict("round.not-open");
        }

        var now = DateTimeOffset.UtcNow;
        if (closesAt is { } due)
        {
            RoundRules.ValidateClosingTime(due, now);
            due = due.ToUniversalTime();
            closesAt = due;
            // The guard goes up before the time is stored: a crash between the two leaves a reminder that
            // finds no closing time (and takes itself down), never a stored time that nothing watches.
            await this.RegisterOrUpdateReminder(CloseReminder, due - now, TimeSpan.FromMinutes(1));
        }

        if (closesAt == Record.ClosesAt)
        {
            return View();
        }

        await Transition(_status, "closing-time", JsonSerializer.Serialize(new { closesAt }), () => Record.ClosesAt = closesAt);
        if (closesAt is null)
        {
            await DropCloseReminder();
        }

        ArmDeadline();
        return View();
    });

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != CloseReminder)
        {
            return;
        }

        await CloseIfDue();
        // In the lane, like every change to the closing time: an Open or SetClosingTime queued meanwhile puts the
        // reminder up again, and must not have it taken down by a check made before it ran.
        // A draft's reminder goes too: opening the round puts it up again.
        await _organiser.Run(async () =>
        {
            if (Record.ClosesAt is null || _status != RoundStatus.Open)
            {
                await DropCloseReminder();
            }
        });
    }

    /// <summary>Sets this activation's timer for the closing time (at once if it has passed).</summary>
    private void ArmDeadline()
    {
        DisarmDeadline();
        if (_status != RoundStatus.Open || Record.ClosesAt is not { } due)
        {
            return;
        }

        var wait = due - DateTimeOffset.UtcNow;
        _deadline = this.RegisterGrainTimer(
            CloseIfDue,
            new GrainTimerCreationOptions(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private void DisarmDeadline()
    {
        _deadline?.Dispose();
        _deadline = null;
    }

    private async Task CloseIfDue()
    {
        try
        {
            await _organiser.Run(async () =>
            {
                // Checked in the lane: the organiser may have closed the round or moved the time meanwhile.
                if (PastClosingTime)
                {
                    _logger.LogInformation("Round {RoundId} closes at its closing time {ClosesAt}", RoundId, Record.ClosesAt);
                    await CloseInLane("""{"status":"closed","by":"closing-time"}""");
                }
            });
        }
        catch (Exception e)
        {
            // The reminder comes back in a minute and tries again.
            _logger.LogWarning(e, "Round {RoundId} could not close at its closing time; the reminder will retry", RoundId);
        }
    }

    private async Task DropCloseReminder()
    {
        try
        {
            if (await this.GetReminder(CloseReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception e)
        {
            // Its next tick finds nothing to do and tries again.
            _logger.LogDebug(e, "Round {RoundId}: close reminder left for its next tick", RoundId);
        }
    }
}
