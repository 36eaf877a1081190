using System.Text.Json;
using Engagement.Ledger;
using Engagement.Live;
using Engagement.Ordering;
using Engagement.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Engagement.Selection;

/// <summary>
/// A voting round. Settings and status are small grain state; ballots go to the append-only ledger.
/// The grain is reentrant so ballots arriving while a batch is being written queue for the next batch
/// (group commit): the cost of a ballot does not grow with the ballots already in the round, and every
/// ballot is acknowledged only after its batch is durable. Decisions are taken synchronously within one
/// turn, so two ballots of one member can never both pass. Organiser actions (configure, open, close,
/// publish) take turns in one <see cref="OrderedLane"/>: each checks the status and writes its change
/// before the next one looks, so a double click or two consoles racing cannot split a transition.
/// </summary>
[Reentrant]
public sealed partial class RoundGrain : Grain, IRoundGrain
{
    private const int MaxBatch = 2000;

    private readonly IPersistentState<RoundRecord> _state;
    private readonly ILedger _ledger;
    private readonly ILogger<RoundGrain> _logger;
    private readonly LiveTopicPublisher _live;
    private readonly LiveTopicPublisher _pulse;
    private RoundBook _book = null!;
    private LedgerChain _main = null!;
    private LedgerChain _voters = null!;
    private List<Pending> _queue = [];
    private bool _flushing;
    private readonly OrderedLane _organiser = new();
    private bool _refusingBallots;
    private List<LedgerEntry> _box = [];
    private RoundStatus _status;

    public RoundGrain(
        [PersistentState("round", StorageNames.Durable)] IPersistentState<RoundRecord> state,
        ILedger ledger,
        ILogger<RoundGrain> logger)
    {
        _state = state;
        _ledger = ledger;
        _logger = logger;
        _live = new LiveTopicPublisher(this, GrainFactory, Snapshot);
        _pulse = new LiveTopicPublisher(this, GrainFactory, Pulse, LiveTopicPublisher.PhoneInterval);
    }

    private string RoundId => _roundId ??= this.GetPrimaryKeyString();
    private string? _roundId;
    private RoundRecord Record => _state.State;
    private string MainStream => $"round:{RoundId}";
    private string VoterStream => $"round:{RoundId}:voters";
    private string BoxStream => $"round:{RoundId}:box";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _book = new RoundBook(RoundId, Record.Settings ?? DefaultSettings, Record.Cases);
        var main = await _ledger.ReadAsync(MainStream, cancellationToken);
        var secret = Record.Settings?.Secret == true;
        var voters = secret ? await _ledger.ReadAsync(VoterStream, cancellationToken) : [];
        var box = secret ? await _ledger.ReadAsync(BoxStream, cancellationToken) : [];
        _box = box.ToList();
        _main = LedgerChain.From(MainStream, main);
        _voters = LedgerChain.From(VoterStream, voters);
        _status = Record.Status;
        _durableSeq = _main.Seq + _voters.Seq;
        Replay(main, voters, box);
        await ReconcileStatus();
        ArmDeadline();
    }

    public Task<RoundView> Get() => Task.FromResult(View());

    public Task<TopicUpdate> GetSnapshot() => Task.FromResult(Snapshot());

    public Task<TopicUpdate> GetPulse() => Task.FromResult(Pulse());

    // A secret round's counts stay in the grain until it is closed, whoever asks (the organiser too).
    public Task<IReadOnlyDictionary<string, int>?> GetTally() =>
        Task.FromResult<IReadOnlyDictionary<string, int>?>(
            _book.Settings.Secret && _status is RoundStatus.Draft or RoundStatus.Open ? null : new Dictionary<string, int>(_book.Tally));

    public Task<MemberBallotView> GetMemberView(string memberNo) => Task.FromResult(_book.ViewFor(memberNo));

    public Task<bool> HasReceipt(string receipt) =>
        Task.FromResult(_status == RoundStatus.Published && _book.Receipts.Contains(BallotCodes.NormaliseReceipt(receipt)));

    public Task<IReadOnlyList<string>> GetReceipts() =>
        Task.FromResult<IReadOnlyList<string>>(_status == RoundStatus.Published ? _book.Receipts.Order(StringComparer.Ordinal).ToList() : []);

    public Task<IReadOnlyList<LedgerHead>> GetLedgerHeads() =>
        Task.FromResult<IReadOnlyList<LedgerHead>>(_book.Settings.Secret
            ? [new(_main.Stream, _main.Seq, _main.Head), new(_voters.Stream, _voters.Seq, _voters.Head), new(BoxStream, _box.Count, BallotBox.Fingerprint(_box))]
            : [new(_main.Stream, _main.Seq, _main.Head)]);

    public Task<RoundView> Configure(string eventId, RoundSettings settings, IReadOnlyList<RoundCase> cases) => _organiser.Run(async () =>
    {
        if (_status != RoundStatus.Draft)
        {
            throw RuleViolation.Conflict("round.not-draft");
        }

        RoundRules.Validate(settings, cases);
        var chosen = settings.CaseIds.Select(id => cases.First(c => c.CaseId == id)).ToList();
        await Transition(RoundStatus.Draft, "configured", JsonSerializer.Serialize(new { settings.Name, cases = settings.CaseIds }), () =>
        {
            Record.EventId = eventId;
            Record.Settings = settings;
            Record.Cases = chosen;
        });
        _book = new RoundBook(RoundId, settings, Record.Cases);
        return View();
    });

    public Task<RoundView> Open(RoundOpening opening) => _organiser.Run(async () =>
    {
        if (_status == RoundStatus.Open)
        {
            // A double click: the round is open once, with one ledger entry.
            return View();
        }

        if (_status != RoundStatus.Draft || Record.Settings is null)
        {
            throw RuleViolation.Conflict(Record.Settings is null ? "round.not-configured" : "round.not-draft");
        }

        if (Record.ClosesAt is { } closesAt && closesAt <= DateTimeOffset.UtcNow)
        {
            // Opening a round whose closing time has passed would close it at once: the organiser changes it first.
            throw RuleViolation.Invalid("round.closing-time-past", ((int)RoundRules.MinClosingLead.TotalSeconds).ToString());
        }

        if (Record.ClosesAt is { } due)
        {
            // A closing time set on the draft: make sure its reminder stands before the round opens.
            await this.RegisterOrUpdateReminder(CloseReminder, due - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        }

        var branches = opening.Branches.ToList();
        await Transition(RoundStatus.Open, "status", """{"status":"open"}""", () => Record.Branches = branches);
        ArmDeadline();
        RoundLog.Opened(_logger, RoundId, branches.Count);
        return View();
    });

    public Task<RoundView> Close() => _organiser.Run(() => CloseInLane("""{"status":"closed"}"""));

    /// <summary>Closes the round; runs inside the organiser lane (the organiser's close, or the closing time's).</summary>
    private async Task<RoundView> CloseInLane(string entry)
    {
        if (_status is RoundStatus.Closed or RoundStatus.Published)
        {
            // Closing twice is harmless and reports the same tally.
            return View();
        }

        if (_status != RoundStatus.Open)
        {
            throw RuleViolation.Conflict("round.not-open");
        }

        // From here on new ballots are refused; those already queued are written before the close entry.
        // The round only reports Closed once that entry is durable, so nobody can read (or publish) a
        // tally that ballots still in flight will change.
        _refusingBallots = true;
        try
        {
            await Transition(RoundStatus.Closed, "status", entry, static () => { });
        }
        finally
        {
            _refusingBallots = false;
        }

        DisarmDeadline();
        RoundLog.Closed(_logger, RoundId, entry.Contains("closing-time", StringComparison.Ordinal) ? "closing time" : "organiser", _book.Ballots);
        return View();
    }

    public Task<RoundView> Publish(RoundResults results) => _organiser.Run(async () =>
    {
        if (_status == RoundStatus.Published)
        {
            return View();
        }

        if (_status != RoundStatus.Closed)
        {
            throw RuleViolation.Conflict("round.not-closed");
        }

        await Transition(RoundStatus.Published, "status", JsonSerializer.Serialize(new { status = "published", results.FinalHash }), () => Record.Results = results);
        return View();
    });

    /// <summary>
    /// Writes an organiser's change to the ledger (after any queued ballots), then applies it and writes
    /// grain state. Runs inside the organiser lane. If either write fails the activation is retired, so
    /// the next call reloads the truth (the ledger is replayed; a change it holds is reconciled into state)
    /// instead of serving a change that may never have been stored.
    /// </summary>
    private async Task Transition(RoundStatus status, string kind, string data, Action apply)
    {
        try
        {
            await Enqueue(new Pending(null, null, [new Draft(MainStream, kind, "organiser", null, data)]));
        }
        catch
        {
            _broken = true;
            DeactivateOnIdle();
            throw;
        }

        apply();
        _status = status;
        Record.Status = status;
        Record.Revision++;
        await WriteState();
        Changed();
    }

    private async Task ReconcileStatus()
    {
        // A crash between the ledger entry and the grain-state write leaves the ledger ahead: it is the truth.
        if (_status != Record.Status)
        {
            Record.Status = _status;
            Record.Revision++;
            await WriteState();
        }
    }

    private async Task WriteState()
    {
        await _state.WriteOrRetireAsync(this);
    }

    private static RoundSettings DefaultSettings { get; } =
        new("", RoundKind.Vote, [], 1, 1, true, RevotePolicy.FirstBallotFinal, false, false, 0.7m, 0.3m, VoteMethod.MaxNormalised);

    private RoundView View() => new(RoundId, Record.EventId, _status, Record.Settings ?? DefaultSettings, Record.Cases, _book.Ballots, Record.Results, Record.Revision, Record.ClosesAt);
}

[GenerateSerializer]
public sealed class RoundRecord
{
    [Id(0)] public string EventId { get; set; } = string.Empty;
    [Id(1)] public RoundSettings? Settings { get; set; }
    [Id(2)] public List<RoundCase> Cases { get; set; } = [];
    [Id(3)] public RoundStatus Status { get; set; }
    [Id(4)] public List<BranchTurnout> Branches { get; set; } = [];
    [Id(5)] public RoundResults? Results { get; set; }
    [Id(6)] public long Revision { get; set; }
    /// <summary>When the round closes itself; null when only the organiser closes it.</summary>
    [Id(7)] public DateTimeOffset? ClosesAt { get; set; }
}
