using Microsoft.Extensions.Logging;
using System.Text.Json;
using Engagement.Ledger;
using Engagement.Live;
using Engagement.Telemetry;

namespace Engagement.Selection;

/// <summary>The ballot path of <see cref="RoundGrain"/>: decide, queue, group-commit, acknowledge.</summary>
public sealed partial class RoundGrain
{
    private readonly Dictionary<string, Task> _inFlight = [];
    private readonly HashSet<string> _refusals = [];
    private bool _broken;
    private long _durableSeq;

    public async Task<BallotReceipt> Vote(BallotRequest ballot)
    {
        if (_broken)
        {
            throw new TryAgainLater("round storage failed; reloading");
        }

        if (Record.Settings is null)
        {
            throw RuleViolation.NotFound("round.not-found");
        }

        // Past the closing time the round is closed, even in the moment before its timer has written so.
        var decision = _book.Decide(ballot, _refusingBallots || PastClosingTime ? RoundStatus.Closed : _status);
        switch (decision.Outcome)
        {
            case BallotOutcome.Duplicate:
                if (decision.StillPending && _inFlight.TryGetValue(BallotCodes.Fingerprint(RoundId, ballot.BallotId), out var first))
                {
                    await first;
                }

                return new BallotReceipt(decision.Receipt!, decision.Choices, Replaced: false);

            case BallotOutcome.Refuse:
                EngagementMetrics.Refused(decision.RefusalCode);
                RecordRefusal(ballot, decision);
                throw decision.RefusalCode is "round.not-open" or "ballot.already-voted" or "ballot.in-flight"
                    ? RuleViolation.Conflict(decision.RefusalCode, decision.RefusalArgs)
                    : RuleViolation.Invalid(decision.RefusalCode!, decision.RefusalArgs);
        }

        _book.Reserve(ballot, decision);
        var secret = _book.Settings.Secret;
        var choices = JsonSerializer.Serialize(decision.Choices);
        List<Draft> drafts = secret
            ? [
                new Draft(BoxStream, "ballot", null, decision.Receipt, $$"""{"c":{{choices}}}"""),
                new Draft(VoterStream, "voted", ballot.MemberNo, null, JsonSerializer.Serialize(new { b = ballot.BranchId, f = decision.Fingerprint })),
            ]
            : [new Draft(MainStream, "ballot", ballot.MemberNo, decision.Receipt, JsonSerializer.Serialize(new { c = decision.Choices, b = ballot.BranchId, f = decision.Fingerprint }))];
        var durable = Enqueue(new Pending(ballot, decision, drafts));
        _inFlight[decision.Fingerprint!] = durable;
        try
        {
            await durable;
        }
        finally
        {
            _inFlight.Remove(decision.Fingerprint!);
        }

        RoundLog.Accepted(_logger, RoundId);
        return new BallotReceipt(decision.Receipt!, decision.Choices, decision.Replaces);
    }

    /// <summary>
    /// Refusals are part of the audit trail, but a phone that keeps posting must not grow the ledger or
    /// wake every screen: each member's refusal for one reason is written once (a bounded, deduplicated
    /// record: members × reasons), riding along with the next batch, unawaited and never pushed.
    /// </summary>
    private void RecordRefusal(BallotRequest ballot, BallotDecision decision)
    {
        if (Record.Settings is null || !_refusals.Add(RefusalKey(ballot.MemberNo, decision.RefusalCode)))
        {
            return;
        }

        RoundLog.Refused(_logger, RoundId, ballot.MemberNo, decision.RefusalCode);
        var stream = _book.Settings.Secret ? VoterStream : MainStream;
        var data = JsonSerializer.Serialize(new { r = decision.RefusalCode });
        Enqueue(new Pending(null, null, [new Draft(stream, "refused", ballot.MemberNo, null, data)])).Ignore();
    }

    private static string RefusalKey(string? memberNo, string? code) => $"{memberNo}\n{code}";

    private Task Enqueue(Pending pending)
    {
        _queue.Add(pending);
        if (!_flushing)
        {
            // Set before the loop starts: the loop may finish synchronously and must be able to clear it.
            _flushing = true;
            FlushLoop().Ignore();
        }

        return pending.Completion.Task;
    }

    /// <summary>
    /// Writes queued work in batches. While one batch is being written, new ballots queue up and go
    /// together in the next one: one transaction, one fsync, however many ballots.
    /// </summary>
    private async Task FlushLoop()
    {
        try
        {
            // Let ballots already on their way in join the first batch.
            await Task.Yield();
            while (_queue.Count > 0)
            {
                var batch = _queue.Count <= MaxBatch ? _queue : _queue.GetRange(0, MaxBatch);
                _queue = _queue.Count <= MaxBatch ? [] : _queue.GetRange(MaxBatch, _queue.Count - MaxBatch);
                await WriteBatch(batch);
            }
        }
        finally
        {
            _flushing = false;
        }
    }

    private async Task WriteBatch(List<Pending> batch)
    {
        var (mainSeq, mainHead, voterSeq, voterHead) = (_main.Seq, _main.Head, _voters.Seq, _voters.Head);
        var drafts = batch.SelectMany(p => p.Drafts).ToList();
        var at = DateTimeOffset.UtcNow;
        // A secret round's ballots go into the unordered box and its participations carry no time:
        // neither position nor a shared timestamp joins who voted to what was voted.
        var entries = drafts.Select(d => d.Stream == BoxStream
            ? BallotBox.Entry(BoxStream, d.Receipt!, d.Data)
            : (d.Stream == MainStream ? _main : _voters).Append(d.Kind, d.Actor, d.Receipt, d.Data, d.Kind == "voted" ? DateTimeOffset.UnixEpoch : at)).ToList();
        try
        {
            await _ledger.AppendAsync(entries);
        }
        catch (Exception e)
        {
            // Nothing of this batch is acknowledged. The activation is retired so the next one reloads
            // the truth from the ledger (the commit may have happened after all); phones retry.
            _logger.LogError(e, "Ledger write of {Count} entries for round {RoundId} failed", entries.Count, RoundId);
            _main.ResetTo(mainSeq, mainHead);
            _voters.ResetTo(voterSeq, voterHead);
            _broken = true;
            DeactivateOnIdle();
            foreach (var pending in batch)
            {
                if (pending.Ballot is not null)
                {
                    _book.Release(pending.Ballot, pending.Decision!);
                }

                pending.Completion.TrySetException(new TryAgainLater("ballot not recorded; retry"));
            }

            return;
        }

        _durableSeq = _main.Seq + _voters.Seq;
        _box.AddRange(entries.Where(e => e.Stream == BoxStream));
        var ballots = 0;
        foreach (var pending in batch)
        {
            if (pending is { Ballot: { } ballot, Decision: { } decision })
            {
                _book.Commit(ballot.MemberNo, ballot.BranchId, decision.Fingerprint!, decision.Receipt!, decision.Choices);
                ballots++;
            }

            pending.Completion.TrySetResult();
        }

        // Once per batch, not per ballot: the ballot path stays as it was.
        EngagementMetrics.Ballots.Add(ballots);

        // Only ballots change what screens and phones show; organiser changes push for themselves and
        // refusals push nothing.
        if (batch.Exists(p => p.Ballot is not null))
        {
            Changed();
        }
    }

    private void Replay(IReadOnlyList<LedgerEntry> main, IReadOnlyList<LedgerEntry> voters, IReadOnlyList<LedgerEntry> box)
    {
        foreach (var entry in box)
        {
            _book.CommitSecretBallot(entry.Receipt!, JsonSerializer.Deserialize<StoredBallot>(entry.Data)!.c);
        }

        foreach (var entry in main)
        {
            switch (entry.Kind)
            {
                case "ballot":
                    var ballot = JsonSerializer.Deserialize<StoredBallot>(entry.Data)!;
                    if (entry.Actor is null)
                    {
                        _book.CommitSecretBallot(entry.Receipt!, ballot.c);
                    }
                    else
                    {
                        _book.Commit(entry.Actor, ballot.b ?? string.Empty, ballot.f ?? string.Empty, entry.Receipt!, ballot.c);
                    }

                    break;
                case "refused":
                    _refusals.Add(RefusalKey(entry.Actor, JsonSerializer.Deserialize<StoredRefusal>(entry.Data)?.r));
                    break;
                case "status":
                    _status = JsonSerializer.Deserialize<StoredStatus>(entry.Data)!.status switch
                    {
                        "open" => RoundStatus.Open,
                        "closed" => RoundStatus.Closed,
                        "published" => RoundStatus.Published,
                        _ => _status,
                    };
                    break;
            }
        }

        foreach (var entry in voters.Where(e => e.Kind == "refused"))
        {
            _refusals.Add(RefusalKey(entry.Actor, JsonSerializer.Deserialize<StoredRefusal>(entry.Data)?.r));
        }

        foreach (var entry in voters.Where(e => e.Kind == "voted"))
        {
            var voter = JsonSerializer.Deserialize<StoredBallot>(entry.Data)!;
            _book.CommitSecretVoter(entry.Actor!, voter.b ?? string.Empty, voter.f ?? string.Empty);
        }
    }

    /// <summary>The big screen's topic and the phones' topic both move on; each publisher keeps its own pace.</summary>
    private void Changed()
    {
        _live.Changed();
        _pulse.Changed();
    }

    /// <summary>Counts per case are shown once published, or live if the round says so — but a secret round's only after it closes.</summary>
    private bool TallyVisible =>
        _status == RoundStatus.Published
        || (_book.Settings.ShowLiveTallies && (!_book.Settings.Secret || _status != RoundStatus.Open));

    /// <summary>Revision counts state changes; ballots move the version on by the durable ledger position.</summary>
    private long Version => _durableSeq + Record.Revision;

    private TopicUpdate Pulse() => new(
        Topics.Pulse(RoundId),
        Version,
        new RoundPulse(RoundId, _status, _book.Ballots, Record.Branches.Sum(b => b.Eligible), TallyVisible ? new Dictionary<string, int>(_book.Tally) : null,
            Record.ClosesAt));

    private TopicUpdate Snapshot()
    {
        var settings = _book.Settings;
        var tallyVisible = TallyVisible;
        var turnout = Record.Branches
            .Select(b => b with { Voted = _book.TurnoutByBranch.GetValueOrDefault(b.BranchId) })
            .ToList();
        var live = new RoundLive(
            RoundId, _status, settings.Name, Record.Cases, _book.Ballots, Record.Branches.Sum(b => b.Eligible),
            tallyVisible ? new Dictionary<string, int>(_book.Tally) : null,
            turnout,
            _status == RoundStatus.Published ? Record.Results : null,
            settings.Secret,
            settings.ShowLiveTallies,
            Record.ClosesAt);
        return new TopicUpdate(Topics.Round(RoundId), Version, live);
    }

    private sealed record Draft(string Stream, string Kind, string? Actor, string? Receipt, string Data);

    private sealed record Pending(BallotRequest? Ballot, BallotDecision? Decision, IReadOnlyList<Draft> Drafts)
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record StoredBallot(string[] c, string? b, string? f);

    private sealed record StoredStatus(string status);

    private sealed record StoredRefusal(string? r);
}
