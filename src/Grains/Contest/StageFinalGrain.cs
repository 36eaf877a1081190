using Engagement.Ledger;
using Engagement.Live;
using Engagement.Selection;
using Microsoft.Extensions.Logging;

namespace Engagement.Contest;

/// <summary>
/// A contest's stage final. Not reentrant on purpose: every call — a host's step, a desk's buzz — runs alone, in the
/// order calls reach this grain, so the first buzz received here is the first buzz, whichever web host carried it.
/// Each call is decided by <see cref="StageBook"/>, written to the ledger stream <c>contest:{id}:stage</c> (awaited: an
/// acknowledged buzz or judgement survives a killed process), then applied. There is no other state: an activation
/// replays the stream, so a final resumes at the step it was in.
/// </summary>
public sealed class StageFinalGrain : Grain, IStageFinalGrain
{
    /// <summary>A buzz's winner should reach the hall within a tenth of a second; the stage is a handful of listeners.</summary>
    private static readonly TimeSpan PushInterval = TimeSpan.FromMilliseconds(20);

    private readonly ILedger _ledger;
    private readonly ILogger<StageFinalGrain> _logger;
    private readonly LiveTopicPublisher _live;
    private StageBook _book = null!;
    private LedgerChain _chain = null!;

    public StageFinalGrain(ILedger ledger, ILogger<StageFinalGrain> logger)
    {
        _ledger = ledger;
        _logger = logger;
        _live = new LiveTopicPublisher(this, GrainFactory, Snapshot, PushInterval);
    }

    private string ContestId => this.GetPrimaryKeyString();
    private string Stream => $"contest:{ContestId}:stage";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var entries = await _ledger.ReadAsync(Stream, cancellationToken);
        _chain = LedgerChain.From(Stream, entries);
        _book = new StageBook(ContestId);
        foreach (var entry in entries)
        {
            Replay(entry);
        }
    }

    public Task<StageView> Get() => Task.FromResult(_book.View());

    public Task<TopicUpdate> GetSnapshot() => Task.FromResult(Snapshot());

    public Task<IReadOnlyList<LedgerHead>> GetLedgerHeads() =>
        Task.FromResult<IReadOnlyList<LedgerHead>>([new LedgerHead(Stream, _chain.Seq, _chain.Head)]);

    public Task<StageView> Configure(StageSetup setup) => Record(_book.DecideSetup(setup), "organiser");

    public Task<StageView> Start() => Record(_book.DecideStart(), "organiser");

    public Task<StageView> Present(int questionNo, string actor) => Record(_book.DecidePresent(questionNo), actor);

    public Task<StageView> OpenBuzzing(int questionNo, string actor) => Record(_book.DecideOpenBuzzing(questionNo), actor);

    public Task<StageView> ChooseRisk(RiskChoice choice) => Record(_book.DecideRisk(choice), choice.Actor);

    public Task<StageView> Judge(JudgementRequest judgement) => Record(_book.DecideJudge(judgement), judgement.Actor);

    public Task<StageView> CorrectJudgement(JudgementCorrection correction) => Record(_book.DecideCorrection(correction), correction.Actor);

    public Task<StageView> Adjust(PointsAdjustment adjustment) => Record(_book.DecideAdjustment(adjustment), adjustment.Actor);

    public Task<StageView> Finish(string actor) => Record(_book.DecideFinish(), actor);

    public async Task<BuzzResult> Buzz(BuzzRequest buzz)
    {
        var (known, decided) = _book.DecideBuzz(buzz);
        if (decided is null)
        {
            return known!;
        }

        await Commit(decided, buzz.TeamId);
        return _book.ResultOf(buzz.BuzzId);
    }

    /// <summary>Records the decided event (null: nothing changes, e.g. a double click) and answers with the host's view.</summary>
    private async Task<StageView> Record(StageEvent? decided, string actor)
    {
        if (decided is not null)
        {
            await Commit(decided, actor);
        }

        return _book.View();
    }

    private async Task Commit(StageEvent stageEvent, string actor)
    {
        var entries = await _chain.CommitAsync(_ledger, [(stageEvent.Kind, actor, stageEvent.ToJson())]);
        var entry = entries[0];
        try
        {
            _book.Apply(stageEvent, entry.Seq, entry.At, actor, entry.Hash);
        }
        catch
        {
            // Stored but not applied (a bug: it was decided against this very state): a new activation replays it.
            DeactivateOnIdle();
            throw;
        }

        _live.Changed();
    }

    /// <summary>A stored entry this version cannot read or apply is logged and skipped: a final always loads.</summary>
    private void Replay(LedgerEntry entry)
    {
        try
        {
            if (StageEvent.FromEntry(entry.Kind, entry.Data) is { } stageEvent)
            {
                _book.Apply(stageEvent, entry.Seq, entry.At, entry.Actor ?? string.Empty, entry.Hash);
            }
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException or NotSupportedException)
        {
            _logger.LogError(e, "Stage final {Id}: ledger entry {Seq} ({Kind}) cannot be applied; skipped", ContestId, entry.Seq, entry.Kind);
        }
    }

    private TopicUpdate Snapshot() => new(Topics.Final(ContestId), _book.Revision, _book.Live());
}
