using System.Text.Json;
using Engagement.Ledger;
using Engagement.Live;
using Engagement.Storage;
using Engagement.Tournament.Rules.Brackets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Tournament;

/// <summary>
/// A tournament. Its grain state holds what is set before play — setup, teams, the draw — and is written when
/// that changes. What happens during play (a match starting, a result, a correction, a court or time, a match
/// prepared) is one entry appended to the ledger stream "tournament:{id}", awaited before the call answers and
/// then applied to the bracket and tables kept in memory: a result costs one small append and the matches it
/// feeds, however many results came before. See TournamentGrain.Journal.cs for how the two are put together again.
/// </summary>
/// <remarks>
/// Not reentrant: each call runs alone, so a check and the change it guards stay together even across the
/// append they await. Calls go one way (matches report, the tournament commands), so this never deadlocks.
/// </remarks>
public sealed partial class TournamentGrain : Grain, ITournamentGrain
{
    private readonly IPersistentState<TournamentRecord> _state;
    private readonly ILedger _ledger;
    private readonly ILogger<TournamentGrain> _logger;
    private readonly TournamentLimits _limits;
    private readonly LiveTopicPublisher _live;
    private Bracket? _bracket;
    private LedgerChain? _audit;

    public TournamentGrain(
        [PersistentState("tournament", StorageNames.Durable)] IPersistentState<TournamentRecord> state,
        ILedger ledger,
        ILogger<TournamentGrain> logger,
        IOptions<TournamentLimits> limits)
    {
        _state = state;
        _ledger = ledger;
        _logger = logger;
        _limits = limits.Value;
        _live = new LiveTopicPublisher(this, GrainFactory, Snapshot);
    }

    private TournamentRecord Record => _state.State;
    private string Id => this.GetPrimaryKeyString();
    private string Stream => $"tournament:{Id}";
    private LedgerChain Audit => _audit ?? throw new InvalidOperationException("The tournament is not activated.");

    public Task<TournamentView> Get() => Task.FromResult(View());

    public Task<TopicUpdate> GetSnapshot() => Task.FromResult(Snapshot());

    public async Task<TournamentView> Configure(TournamentSetup setup, IReadOnlyList<TeamEntry> teams)
    {
        if (Record.Status != TournamentStatus.Setup)
        {
            throw RuleViolation.Conflict("tournament.started");
        }

        var cleaned = teams.Select((t, i) => t with
        {
            TeamId = string.IsNullOrWhiteSpace(t.TeamId) ? $"t{i + 1}" : Text.Clean(t.TeamId),
            Name = Text.Clean(t.Name),
            Seed = t.Seed > 0 ? t.Seed : i + 1,
            Players = t.Players.Select(Text.Clean).Where(p => p.Length > 0).Take(20).ToList(),
        }).ToList();
        TournamentPlan.Validate(setup, cleaned, _limits.MaxTeams);
        Record.Setup = setup with { Title = Text.Clean(setup.Title) };
        Record.Teams = cleaned;
        Index();
        await Save();
        return View();
    }

    public async Task<TournamentView> Start()
    {
        if (Record.Status != TournamentStatus.Setup)
        {
            return View();
        }

        var setup = Record.Setup ?? throw RuleViolation.Conflict("tournament.not-configured");
        TournamentPlan.Knockout(setup, Record.Teams.Count);
        var structure = TournamentPlan.Groups(setup, Record.Teams);
        Record.Groups = structure.Groups.Select(g => new GroupRecord(g.Name, g.TeamIds.ToList())).ToList();
        Record.GroupMatches = structure.Fixtures.Select(f => new GroupMatchRecord(f.MatchId, f.Group, f.Round, f.TeamA, f.TeamB)).ToList();
        Record.BracketOps = [];
        Record.Status = TournamentStatus.Running;
        RebuildBracket();
        Index();
        try
        {
            await Audit.CommitAsync(_ledger, [("started", "tournament", JsonSerializer.Serialize(new { groups = Record.Groups.Select(g => new { g.Name, g.TeamIds }) }))]);
        }
        catch
        {
            // The draw above is in memory only: let a new activation load what is stored.
            Retire();
            throw;
        }

        await Save();
        await PrepareReadyMatches();
        return View();
    }

    public async Task<TournamentView> Schedule(string matchId, string? court, DateTimeOffset? startsAt)
    {
        RequireMatch(matchId);
        var name = Text.Clean(court);
        if (name.Length > 20)
        {
            throw RuleViolation.Invalid("tournament.bad-court");
        }

        await Commit(new ScheduleEntry(matchId, name.Length == 0 ? null : name, startsAt));
        // A new court is the match's to know; nothing else changed, so nothing else can need preparing.
        await PrepareReadyMatches([matchId], force: matchId);
        return View();
    }

    public async Task MatchStarted(string matchId, string teamA, string teamB)
    {
        if (!Current(matchId, teamA, teamB) || Record.Started.Contains(matchId))
        {
            return;
        }

        await Commit(new MatchStartedEntry(matchId));
    }

    public async Task RecordResult(string matchId, string teamA, string teamB, MatchOutcome outcome)
    {
        RequireMatch(matchId);
        if (!Current(matchId, teamA, teamB)
            || (Record.Results.TryGetValue(matchId, out var existing) && SameOutcome(existing, outcome)))
        {
            return;
        }

        // Work out everything that can refuse before anything is written. The step moves the winner (and loser)
        // on in the bracket kept in memory: its work is the matches that depend on this one.
        var side = IsKnockout(matchId) ? SideOf(matchId, outcome.Winner) : (Side?)null;
        var before = _bracket;
        var after = side is { } won ? _bracket!.Complete(matchId, won) : _bracket;
        await Commit(ResultEntry.Of(matchId, outcome, side), after);
        await PrepareReadyMatches(NewPairings(matchId, before, after));
    }

    /// <summary>
    /// A report speaks for the teams its match was prepared with. One from before a correction reset the
    /// match, or from a match now given other teams, is stale: it is ignored, not an error, since the
    /// match's outbox would only send it again.
    /// </summary>
    private bool Current(string matchId, string teamA, string teamB)
    {
        if (TeamsOf(matchId) is { } teams && teams.A == teamA && teams.B == teamB)
        {
            return true;
        }

        _logger.LogInformation("Tournament {Id}: stale report from {Match} ({TeamA} v {TeamB}) ignored", Id, matchId, teamA, teamB);
        return false;
    }

    private static bool SameOutcome(MatchOutcome a, MatchOutcome b) =>
        a.Winner == b.Winner && a.Ending == b.Ending && a.Sets.SequenceEqual(b.Sets);

    /// <summary>Writes the whole grain state: for what is set before play (and the snapshot on deactivation).</summary>
    private async Task Save()
    {
        Record.Revision++;
        Record.LedgerSeq = Audit.Seq;
        try
        {
            await _state.WriteOrRetireAsync(this);
        }
        catch
        {
            _retiring = true;
            throw;
        }

        _live.Changed();
    }

    /// <summary>Memory is ahead of what is stored: this activation goes, and nothing of it is stored on the way out.</summary>
    private void Retire()
    {
        _retiring = true;
        DeactivateOnIdle();
    }

    private void UpdateStatus()
    {
        if (Record.Status == TournamentStatus.Setup)
        {
            return;
        }

        var knockoutDone = _bracket is null || _bracket.IsFinished;
        Record.Status = _unplayedGroupMatches == 0 && knockoutDone ? TournamentStatus.Finished : TournamentStatus.Running;
    }

    /// <summary>The bracket from the steps the stored state lists (a state from before the journal lists them all).</summary>
    /// <param name="skipUnreadable">On activation: a stored step the bracket cannot take is logged and skipped, not a tournament that cannot load.</param>
    private void RebuildBracket(bool skipUnreadable = false)
    {
        if (Record.Setup is null || Record.Status == TournamentStatus.Setup)
        {
            _bracket = null;
            return;
        }

        var bracket = TournamentPlan.Knockout(Record.Setup, Record.Teams.Count);
        foreach (var op in Record.BracketOps)
        {
            if (bracket is null)
            {
                break;
            }

            try
            {
                bracket = op.Kind switch
                {
                    "start" => bracket.Start(op.MatchId),
                    "complete" => bracket.Complete(op.MatchId, Enum.Parse<Side>(op.Side!)),
                    "correct" => bracket.Correct(op.MatchId, Enum.Parse<Side>(op.Side!)).Bracket,
                    _ => bracket,
                };
            }
            catch (Exception e) when (skipUnreadable && e is ArgumentException or InvalidOperationException or KeyNotFoundException)
            {
                _logger.LogError(e, "Tournament {Id}: stored bracket step {Kind} {Match} {Side} skipped", Id, op.Kind, op.MatchId, op.Side);
            }
        }

        _bracket = bracket;
    }

    private bool IsKnockout(string matchId) => !GroupMatchesById.ContainsKey(matchId);

    private void RequireMatch(string matchId)
    {
        if (!GroupMatchesById.ContainsKey(matchId) && (_bracket is null || !_bracket.Contains(matchId)))
        {
            throw RuleViolation.NotFound("match.not-found");
        }
    }

    private TopicUpdate Snapshot() => new(Topics.Tournament(Id), Record.Revision, View());
}

[GenerateSerializer]
public sealed class TournamentRecord
{
    [Id(0)] public TournamentStatus Status { get; set; }
    [Id(1)] public TournamentSetup? Setup { get; set; }
    [Id(2)] public List<TeamEntry> Teams { get; set; } = [];
    [Id(3)] public List<GroupRecord> Groups { get; set; } = [];
    [Id(4)] public List<GroupMatchRecord> GroupMatches { get; set; } = [];

    // The fields below change during play. Stored, they are a snapshot as of entry LedgerSeq of the ledger stream.
    [Id(5)] public List<BracketOp> BracketOps { get; set; } = [];
    [Id(6)] public Dictionary<string, MatchOutcome> Results { get; set; } = [];
    [Id(7)] public Dictionary<string, ScheduleSlot> Schedule { get; set; } = [];
    [Id(8)] public HashSet<string> Started { get; set; } = [];

    /// <summary>Match id → the two team ids its match grain was last prepared with.</summary>
    [Id(9)] public Dictionary<string, string> Prepared { get; set; } = [];
    [Id(10)] public long Revision { get; set; }

    /// <summary>The last entry of the ledger stream "tournament:{id}" this record includes; later ones are replayed on activation.</summary>
    [Id(11)] public long LedgerSeq { get; set; }

    /// <summary>
    /// False for a record stored before play went to the ledger: it holds every result itself, and every entry
    /// of the stream then is in it (the activation that first loads it says so, see TournamentGrain.Journal.cs).
    /// </summary>
    [Id(12)] public bool Journaled { get; set; }
}

[GenerateSerializer, Immutable]
public sealed record GroupRecord([property: Id(0)] string Name, [property: Id(1)] List<string> TeamIds);

[GenerateSerializer, Immutable]
public sealed record GroupMatchRecord(
    [property: Id(0)] string MatchId,
    [property: Id(1)] string Group,
    [property: Id(2)] int Round,
    [property: Id(3)] string TeamA,
    [property: Id(4)] string TeamB);

[GenerateSerializer, Immutable]
public sealed record BracketOp([property: Id(0)] string Kind, [property: Id(1)] string MatchId, [property: Id(2)] string? Side);

[GenerateSerializer, Immutable]
public sealed record ScheduleSlot([property: Id(0)] string? Court, [property: Id(1)] DateTimeOffset? StartsAt);
