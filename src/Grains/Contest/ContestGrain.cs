using System.Security.Cryptography;
using System.Text.Json;
using Engagement.Contest.Rules;
using Engagement.Ledger;
using Engagement.Live;
using Engagement.Ordering;
using Engagement.Selection;
using Engagement.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Engagement.Contest;

/// <summary>
/// A knowledge contest's hall round. Settings, the question list, the status and the branches are small grain state;
/// the draw, every host step, every answer and the finish go to the ledger stream <c>contest:{id}</c>, which is
/// replayed on activation (the round resumes at the step it was in, every acknowledged answer exactly once). The grain
/// is reentrant so answers arriving while a batch is written queue for the next one (group commit), each decided in one
/// synchronous turn and acknowledged once durable. The organiser's actions, host steps and the deadline's lock take
/// turns in one <see cref="OrderedLane"/>, so a double click or a lock racing the host cannot split a step.
/// </summary>
[Reentrant]
public sealed partial class ContestGrain : Grain, IContestGrain
{
    private readonly IPersistentState<ContestRecord> _state;
    private readonly ILedger _ledger;
    private readonly ILogger<ContestGrain> _logger;
    private readonly LiveTopicPublisher _steps;
    private readonly LiveTopicPublisher _answersPulse;
    private readonly OrderedLane _organiser = new();
    private GroupCommit<HallAnswer> _commit = null!;
    private ContestStatus _status;
    private IReadOnlyList<ContestBranch> _branches = [];
    private string? _directoryTitle;
    private string? _finalHash;
    private bool _broken;

    public ContestGrain(
        [PersistentState("contest", StorageNames.Durable)] IPersistentState<ContestRecord> state,
        ILedger ledger,
        ILogger<ContestGrain> logger)
    {
        _state = state;
        _ledger = ledger;
        _logger = logger;
        // Host steps reach the screen at once; answers only move a count, which phones need once a second at most.
        _steps = new LiveTopicPublisher(this, GrainFactory, Snapshot);
        _answersPulse = new LiveTopicPublisher(this, GrainFactory, Snapshot, LiveTopicPublisher.PhoneInterval);
    }

    private string ContestId => _contestId ??= this.GetPrimaryKeyString();
    private string? _contestId;
    private ContestRecord Record => _state.State;
    private string Stream => $"contest:{ContestId}";
    private bool Exists => Record.Settings is not null || _directoryTitle is not null;
    private ContestSettings Settings => Record.Settings ?? DefaultSettings(_directoryTitle ?? string.Empty);
    private IReadOnlyList<Question> Questions => Record.Questions;

    /// <summary>Every change is a ledger entry or a state write: both move the version on.</summary>
    private long Version => _commit.DurableSeq + Record.Revision;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Record.Settings is null)
        {
            // Created by the directory and not configured yet: it exists with the default settings and its title.
            var listed = await GrainFactory.GetGrain<IContestsGrain>(0).List();
            _directoryTitle = listed.FirstOrDefault(c => c.ContestId == ContestId)?.Title;
        }

        var entries = await _ledger.ReadAsync(Stream, cancellationToken);
        _commit = new GroupCommit<HallAnswer>(_ledger, LedgerChain.From(Stream, entries), Committed, Failed);
        _status = Record.Status;
        _branches = Record.Branches;
        Replay(entries);
        await ReconcileStatus();
        ArmDeadline();
    }

    public Task<ContestView> Get() => Read(View);

    public Task<TopicUpdate> GetSnapshot() => Task.FromResult(Snapshot());

    public Task<IReadOnlyList<LedgerHead>> GetLedgerHeads() =>
        Task.FromResult<IReadOnlyList<LedgerHead>>([new(Stream, _commit.DurableSeq, _commit.DurableHead)]);

    public Task<ContestView> Configure(ContestSettings settings) => InDraft(async () =>
    {
        var clean = Check(settings);
        await Transition("settings", JsonSerializer.Serialize(clean, Json), () => Record.Settings = clean);
    });

    public Task<ContestView> SetQuestions(IReadOnlyList<Question> questions) => InDraft(async () =>
    {
        var list = CheckList((questions ?? []).Select(q => QuestionRules.Check(q ?? throw RuleViolation.Invalid("question.missing-id"))).ToList());
        await Transition("questions", JsonSerializer.Serialize(new { ids = list.Select(q => q.QuestionId), hash = Fingerprint(list) }), () =>
        {
            Record.Questions = list;
            Record.Draw = null;
        });
    });

    public Task<ContestView> Draw(QuestionBankView bank, QuestionDrawRequest draw) => InDraft(async () =>
    {
        if (bank?.Questions is null || draw is null)
        {
            throw RuleViolation.Invalid("contest.bad-draw");
        }

        var seed = draw.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue);
        // The draw leaves oral questions (for the stage) out of the pool: the hall answers on phones.
        var list = CheckList(QuestionDraw.Draw(bank.Questions.Where(q => q is not null).ToList(), draw.Rules, seed).ToList());
        var rules = draw.Rules.ToList();
        var record = new QuestionDrawRecord(rules, seed, list.Select(q => q.QuestionId).ToList(), bank.Revision);
        var data = JsonSerializer.Serialize(new { rules, seed, ids = record.QuestionIds, bank = bank.Revision, hash = Fingerprint(list) }, Json);
        await Transition("draw", data, () =>
        {
            Record.Questions = list;
            Record.Draw = record;
        });
    });

    public Task<ContestView> Start(IReadOnlyList<ContestBranch> branches) => _organiser.Run(async () =>
    {
        EnsureUsable();
        if (_status == ContestStatus.Running)
        {
            // A double click: started once, with one ledger entry.
            return View();
        }

        if (_status != ContestStatus.Draft)
        {
            throw RuleViolation.Conflict("contest.not-draft");
        }

        if (Record.Settings is null)
        {
            throw RuleViolation.Conflict("contest.not-configured");
        }

        if (Questions.Count == 0)
        {
            throw RuleViolation.Conflict("contest.no-questions");
        }

        var list = CheckBranches(branches);
        var data = JsonSerializer.Serialize(new { branches = list, ids = Questions.Select(q => q.QuestionId), hash = Fingerprint(Questions) });
        await Transition("start", data, () =>
        {
            _status = ContestStatus.Running;
            Record.Status = ContestStatus.Running;
            Record.Branches = list;
            _branches = list;
        });
        return View();
    });

    public Task<ContestView> Finish() => _organiser.Run(async () =>
    {
        EnsureUsable();
        if (_status == ContestStatus.Finished)
        {
            return View();
        }

        if (_status != ContestStatus.Running)
        {
            throw RuleViolation.Conflict("contest.not-running");
        }

        if (_phase is not (HallPhase.None or HallPhase.Revealed))
        {
            // A question still being answered or not revealed yet: the host reveals it (or it is lost from the standings).
            throw RuleViolation.Conflict("contest.question-in-progress", _current.ToString());
        }

        // From here no refusal is recorded: the finish entry is the stream's last, and its hash the final one.
        _finishing = true;
        try
        {
            var answers = _answers.Values.Sum(a => a.Count);
            // The hash is set with the status, before the push: the finishing snapshot carries it.
            await Transition("finish", JsonSerializer.Serialize(new { answers, members = _participants.Count, revealed = _reveals.Count }), entry =>
            {
                _status = ContestStatus.Finished;
                Record.Status = ContestStatus.Finished;
                _finalHash = entry.Hash;
            });
        }
        finally
        {
            _finishing = false;
        }

        return View();
    });

    /// <summary>A read of a contest that exists (the live snapshot is not one: a screen may follow any topic).</summary>
    private Task<T> Read<T>(Func<T> read) => Exists ? Task.FromResult(read()) : throw RuleViolation.NotFound("contest.not-found");

    /// <summary>A draft-only organiser change, in the lane.</summary>
    private Task<ContestView> InDraft(Func<Task> change) => _organiser.Run(async () =>
    {
        EnsureUsable();
        if (_status != ContestStatus.Draft)
        {
            throw RuleViolation.Conflict("contest.not-draft");
        }

        await change();
        return View();
    });

    private void EnsureUsable()
    {
        if (_broken)
        {
            throw new TryAgainLater("contest storage failed; reloading");
        }

        if (!Exists)
        {
            throw RuleViolation.NotFound("contest.not-found");
        }
    }

    /// <summary>
    /// Writes an organiser's change to the ledger (after any queued answers), then applies it and writes the grain
    /// state. If either write fails the activation is retired, so the next call reloads the truth from state and ledger.
    /// </summary>
    private Task<LedgerEntry> Transition(string kind, string data, Action apply) => Transition(kind, data, _ => apply());

    private async Task<LedgerEntry> Transition(string kind, string data, Action<LedgerEntry> apply)
    {
        var entry = await Write(kind, data);
        apply(entry);
        Record.Revision++;
        await _state.WriteOrRetireAsync(this);
        _steps.Changed();
        return entry;
    }

    /// <summary>One organiser entry on the ledger; a failure retires the activation.</summary>
    private async Task<LedgerEntry> Write(string kind, string data)
    {
        try
        {
            return await _commit.Append(kind, "organiser", null, data);
        }
        catch
        {
            _broken = true;
            DeactivateOnIdle();
            throw;
        }
    }

    private async Task ReconcileStatus()
    {
        // A crash between the ledger entry and the state write leaves the ledger ahead: it is the truth.
        if (_status != Record.Status)
        {
            Record.Status = _status;
            Record.Branches = _branches.ToList();
            Record.Revision++;
            await _state.WriteOrRetireAsync(this);
        }
    }

    private static ContestSettings DefaultSettings(string title) =>
        new(title, new HallScoring(SpeedBonus: false, WrongPenalty: 0, PartialCredit.None, AnswerSeconds: 20), GroupRanking.Average, TopMembers: 10);

    /// <summary>The settings checked by the rules, the title cleaned as the directory cleans it.</summary>
    private static ContestSettings Check(ContestSettings settings)
    {
        AnswerScoring.Validate(settings);
        return settings with { Title = Text.Clean(settings.Title) };
    }

    /// <summary>A hall list: 1–200 distinct questions answered on phones (no oral ones).</summary>
    private static List<Question> CheckList(List<Question> list)
    {
        if (list.Count == 0)
        {
            throw RuleViolation.Invalid("contest.no-questions");
        }

        if (list.Count > QuestionDraw.MaxQuestions)
        {
            throw RuleViolation.Invalid("contest.too-many-questions", QuestionDraw.MaxQuestions.ToString());
        }

        if (list.FirstOrDefault(q => q.Type == QuestionType.Oral) is { } oral)
        {
            throw RuleViolation.Invalid("contest.oral-in-hall", oral.QuestionId);
        }

        if (list.GroupBy(q => q.QuestionId).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw RuleViolation.Invalid("contest.duplicate-question", twice.Key);
        }

        return list;
    }

    private static List<ContestBranch> CheckBranches(IReadOnlyList<ContestBranch>? branches)
    {
        var list = (branches ?? []).ToList();
        if (list.Any(b => b is null || string.IsNullOrWhiteSpace(b.BranchId) || b.Eligible < 0)
            || list.Select(b => b.BranchId).Distinct().Count() != list.Count)
        {
            throw RuleViolation.Invalid("contest.bad-branches");
        }

        // Names as the roster had them; a missing one is shown empty rather than failing the standings.
        return list.Select(b => b with { Name = b.Name ?? string.Empty, District = b.District ?? string.Empty }).ToList();
    }

    /// <summary>SHA-256 of the question list as stored, so the ledger pins the exact copies the contest used.</summary>
    private static string Fingerprint(IReadOnlyList<Question> questions) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(questions)));
}

[GenerateSerializer]
public sealed class ContestRecord
{
    /// <summary>Null until the organiser configures the contest (until then it has the directory's title and defaults).</summary>
    [Id(0)] public ContestSettings? Settings { get; set; }
    [Id(1)] public List<Question> Questions { get; set; } = [];
    [Id(2)] public ContestStatus Status { get; set; }
    [Id(3)] public List<ContestBranch> Branches { get; set; } = [];
    [Id(4)] public QuestionDrawRecord? Draw { get; set; }
    [Id(5)] public long Revision { get; set; }
}
