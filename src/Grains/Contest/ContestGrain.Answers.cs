using System.Text.Json;
using System.Text.Json.Serialization;
using Engagement.Contest.Rules;
using Engagement.Ledger;
using Engagement.Selection;
using Engagement.Telemetry;
using Microsoft.Extensions.Logging;

namespace Engagement.Contest;

/// <summary>The answer path of <see cref="ContestGrain"/>: decide in one turn, queue, group-commit, acknowledge; and the replay.</summary>
public sealed partial class ContestGrain
{
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // The ledger is read by people auditing it: enums by name ("Proportional"), not by number.
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Question number → member → answer (reserved ones too, so a second answer is refused at once).</summary>
    private readonly Dictionary<int, Dictionary<string, HallAnswer>> _answers = [];
    private readonly Dictionary<int, int> _durableCounts = [];
    private readonly Dictionary<string, List<HallAnswer>> _byMember = [];
    private readonly HashSet<string> _participants = [];
    private readonly Dictionary<string, Task> _inFlight = [];
    private readonly HashSet<string> _refusals = [];

    /// <summary>True while the finish entry is written: nothing more is recorded after it.</summary>
    private bool _finishing;

    public async Task<AnswerReceipt> Answer(AnswerRequest answer)
    {
        if (_broken)
        {
            throw new TryAgainLater("contest storage failed; reloading");
        }

        if (!Exists)
        {
            throw RuleViolation.NotFound("contest.not-found");
        }

        if (answer is null || string.IsNullOrEmpty(answer.MemberNo))
        {
            throw RuleViolation.Invalid("answer.bad-member");
        }

        if (!BallotCodes.IsValidBallotId(answer.AnswerId))
        {
            throw Refuse(answer, RuleViolation.Invalid("answer.bad-id"));
        }

        var n = answer.QuestionNo;
        var fingerprint = BallotCodes.Fingerprint(ContestId, answer.AnswerId);
        var key = AnswerKey(answer.MemberNo, n);
        if (_answers.TryGetValue(n, out var answered) && answered.TryGetValue(answer.MemberNo, out var existing))
        {
            if (existing.Fingerprint != fingerprint)
            {
                throw Refuse(answer, RuleViolation.Conflict("answer.already-answered", n.ToString()));
            }

            // A retry: the same receipt, once the first is durable (if it fails, so does this one).
            if (!existing.Durable && _inFlight.TryGetValue(key, out var first))
            {
                await first;
            }

            return existing.Receipt();
        }

        var (choice, refusal) = Decide(answer);
        if (refusal is not null)
        {
            throw Refuse(answer, refusal);
        }

        var elapsed = (int)Math.Clamp((DateTimeOffset.UtcNow - _openedAt!.Value).TotalMilliseconds, 0, Settings.Scoring.AnswerSeconds * 1000);
        var receipt = BallotCodes.Receipt(ContestId, answer.MemberNo, answer.AnswerId);
        var reserved = new HallAnswer(n, answer.MemberNo, answer.Name ?? string.Empty, answer.BranchId ?? string.Empty, choice!, elapsed, receipt, fingerprint);
        (answered ??= _answers[n] = [])[answer.MemberNo] = reserved;
        var data = JsonSerializer.Serialize(new StoredAnswer(n, reserved.Choice, elapsed, reserved.BranchId, reserved.Name, fingerprint), Json);
        var durable = _commit.Append("answer", answer.MemberNo, receipt, data, reserved);
        _inFlight[key] = durable;
        try
        {
            await durable;
        }
        finally
        {
            _inFlight.Remove(key);
        }

        return reserved.Receipt();
    }

    /// <summary>The checks of an answer that is not a retry: the canonical choice, or why it is refused.</summary>
    private (string? Choice, RuleViolation? Refusal) Decide(AnswerRequest answer)
    {
        var n = answer.QuestionNo;
        if (_status != ContestStatus.Running || _finishing)
        {
            return (null, RuleViolation.Conflict("contest.not-running"));
        }

        if (n < 1 || n > Questions.Count)
        {
            return (null, RuleViolation.Invalid("contest.bad-question-no", Questions.Count.ToString()));
        }

        // Past the closing time the question is closed, even in the moment before the timer has locked it.
        if (n < _current || (n == _current && (_phase > HallPhase.Open || _locking || PastClosingTime)))
        {
            return (null, RuleViolation.Conflict("answer.closed", n.ToString()));
        }

        if (n > _current || _phase != HallPhase.Open)
        {
            return (null, RuleViolation.Conflict("answer.not-open", n.ToString()));
        }

        var question = Questions[n - 1];
        var choice = question.Type == QuestionType.Oral ? null : QuestionRules.NormaliseChoice(question, answer.Choice);
        return choice is null ? (null, RuleViolation.Invalid("answer.bad-choice")) : (choice, null);
    }

    /// <summary>
    /// Refusals are part of the audit trail, but a phone that keeps posting must not grow the ledger or wake every
    /// screen: each member's refusal for one reason is written once (members × reasons), riding along with the next
    /// batch, unawaited and never pushed. Nothing is written after the finish entry.
    /// </summary>
    private RuleViolation Refuse(AnswerRequest answer, RuleViolation refusal)
    {
        EngagementMetrics.Refused(refusal.Code);
        if (_status == ContestStatus.Running && !_finishing && !_broken && _refusals.Add(RefusalKey(answer.MemberNo, refusal.Code)))
        {
            var data = JsonSerializer.Serialize(new StoredRefusal(refusal.Code, answer.QuestionNo), Json);
            _commit.Append("refused", answer.MemberNo, null, data).Ignore();
        }

        return refusal;
    }

    private static string RefusalKey(string? memberNo, string? code) => $"{memberNo}\n{code}";

    private static string AnswerKey(string memberNo, int n) => $"{memberNo}\n{n}";

    /// <summary>A batch is durable: its answers count from now on (and only their count is pushed, at the phones' pace).</summary>
    private void Committed(IReadOnlyList<HallAnswer> answers)
    {
        EngagementMetrics.Answers.Add(answers.Count);
        foreach (var answer in answers)
        {
            ApplyDurable(answer);
        }

        if (answers.Count > 0)
        {
            _answersPulse.Changed();
        }
    }

    private void ApplyDurable(HallAnswer answer)
    {
        answer.Durable = true;
        _durableCounts[answer.QuestionNo] = _durableCounts.GetValueOrDefault(answer.QuestionNo) + 1;
        _participants.Add(answer.MemberNo);
        (_byMember.TryGetValue(answer.MemberNo, out var mine) ? mine : _byMember[answer.MemberNo] = []).Add(answer);
    }

    /// <summary>
    /// A batch failed: none of it is acknowledged and its answers are released. The activation is retired so the
    /// next one reloads the truth from the ledger (the commit may have happened after all); phones retry.
    /// </summary>
    private void Failed(Exception error, IReadOnlyList<HallAnswer> answers)
    {
        _logger.LogError(error, "Ledger write of {Count} answers for contest {ContestId} failed", answers.Count, ContestId);
        _broken = true;
        DeactivateOnIdle();
        foreach (var answer in answers)
        {
            if (_answers.TryGetValue(answer.QuestionNo, out var byMember) && byMember.TryGetValue(answer.MemberNo, out var held) && held == answer)
            {
                byMember.Remove(answer.MemberNo);
            }
        }
    }

    /// <summary>Replays the stream: steps, answers (exactly once each), refusals and the finish, in ledger order.</summary>
    private void Replay(IReadOnlyList<LedgerEntry> entries)
    {
        foreach (var entry in entries)
        {
            try
            {
                ReplayEntry(entry);
            }
            catch (Exception e) when (e is JsonException or NullReferenceException or ArgumentException or InvalidOperationException)
            {
                // Reads never fail on stored data: an entry this version cannot read is logged and skipped.
                _logger.LogError(e, "Contest {ContestId}: ledger entry {Seq} ({Kind}) could not be replayed", ContestId, entry.Seq, entry.Kind);
            }
        }
    }

    private void ReplayEntry(LedgerEntry entry)
    {
        switch (entry.Kind)
        {
            case "start":
                _status = ContestStatus.Running;
                if (_branches.Count == 0)
                {
                    _branches = JsonSerializer.Deserialize<StoredStart>(entry.Data, Json)?.branches ?? [];
                }

                break;
            case "step":
                ReplayStep(JsonSerializer.Deserialize<StoredStep>(entry.Data, Json)!);
                break;
            case "answer":
                var stored = JsonSerializer.Deserialize<StoredAnswer>(entry.Data, Json);
                if (stored is not { n: > 0, c: not null, f: not null } || entry.Actor is null || entry.Receipt is null)
                {
                    throw new InvalidOperationException("an answer entry without its question, choice, member or receipt");
                }

                var answer = new HallAnswer(stored.n, entry.Actor!, stored.m ?? string.Empty, stored.b ?? string.Empty, stored.c, stored.e, entry.Receipt!, stored.f);
                var byMember = _answers.TryGetValue(answer.QuestionNo, out var list) ? list : _answers[answer.QuestionNo] = [];
                if (byMember.TryAdd(answer.MemberNo, answer))
                {
                    ApplyDurable(answer);
                }

                break;
            case "refused":
                _refusals.Add(RefusalKey(entry.Actor, JsonSerializer.Deserialize<StoredRefusal>(entry.Data, Json)?.r));
                break;
            case "finish":
                _status = ContestStatus.Finished;
                _finalHash = entry.Hash;
                break;
        }
    }

    private void ReplayStep(StoredStep step)
    {
        switch (step.p)
        {
            case "shown":
                ApplyShown(step.n);
                break;
            case "open":
                ApplyOpen(step.n, DateTimeOffset.FromUnixTimeMilliseconds(step.o ?? 0), DateTimeOffset.FromUnixTimeMilliseconds(step.c ?? 0));
                break;
            case "locked":
                _phase = HallPhase.Locked;
                break;
            case "revealed":
                try
                {
                    ApplyReveal(Mark(step.n));
                }
                catch (Exception e)
                {
                    // Reads never fail on stored data: the round resumes, this question's marks are missing and said so.
                    _logger.LogError(e, "Contest {ContestId}: question {QuestionNo} could not be marked on replay", ContestId, step.n);
                    _phase = HallPhase.Revealed;
                }

                break;
        }
    }

    /// <summary>One member's answer to one question as this activation holds it; the mark once revealed.</summary>
    private sealed class HallAnswer(int questionNo, string memberNo, string name, string branchId, string choice, int elapsedMs, string receipt, string fingerprint)
    {
        public int QuestionNo { get; } = questionNo;
        public string MemberNo { get; } = memberNo;
        public string Name { get; } = name;
        public string BranchId { get; } = branchId;
        public string Choice { get; } = choice;
        public int ElapsedMs { get; } = elapsedMs;
        public string ReceiptCode { get; } = receipt;
        public string Fingerprint { get; } = fingerprint;
        public bool Durable { get; set; }
        public AnswerMark? Mark { get; set; }

        public AnswerReceipt Receipt() => new(ReceiptCode, QuestionNo, Choice, ElapsedMs);
    }

    /// <param name="f">The fingerprint of the phone's answer id (a retry after a restart still gets its receipt).</param>
    private sealed record StoredAnswer(int n, string c, int e, string? b, string? m, string f);

    private sealed record StoredRefusal(string? r, int? n);

    private sealed record StoredStart(List<ContestBranch>? branches);
}
