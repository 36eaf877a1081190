using System.Text.Json;
using Engagement.Ledger;
using Engagement.Live;
using Engagement.Storage;
using Engagement.Tournament.Rules;
using Engagement.Tournament.Rules.Brackets;
using Microsoft.Extensions.Logging;

namespace Engagement.Tournament;

/// <summary>
/// A tournament. Its grain state holds only inputs — setup, teams, the draw, results and the list of
/// bracket operations — and the bracket, group tables and schedule are rebuilt from them by the pure
/// rules. Results, starts and corrections are also written to the ledger stream "tournament:{id}".
/// </summary>
public sealed partial class TournamentGrain : Grain, ITournamentGrain
{
    private readonly IPersistentState<TournamentRecord> _state;
    private readonly ILedger _ledger;
    private readonly ILogger<TournamentGrain> _logger;
    private readonly LiveTopicPublisher _live;
    private Bracket? _bracket;
    private LedgerChain _audit = null!;

    public TournamentGrain(
        [PersistentState("tournament", StorageNames.Durable)] IPersistentState<TournamentRecord> state,
        ILedger ledger,
        ILogger<TournamentGrain> logger)
    {
        _state = state;
        _ledger = ledger;
        _logger = logger;
        _live = new LiveTopicPublisher(this, GrainFactory, Snapshot);
    }

    private TournamentRecord Record => _state.State;
    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _audit = LedgerChain.From($"tournament:{Id}", await _ledger.ReadAsync($"tournament:{Id}", cancellationToken));
        RebuildBracket(skipUnreadable: true);
    }

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
        TournamentPlan.Validate(setup, cleaned);
        Record.Setup = setup with { Title = Text.Clean(setup.Title) };
        Record.Teams = cleaned;
        _bySeed = null;
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
        await Audit("started", JsonSerializer.Serialize(new { groups = Record.Groups.Select(g => new { g.Name, g.TeamIds }) }));
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

        Record.Schedule[matchId] = new ScheduleSlot(name.Length == 0 ? null : name, startsAt);
        await Save();
        await PrepareReadyMatches(force: matchId);
        return View();
    }

    public async Task MatchStarted(string matchId, string teamA, string teamB)
    {
        if (!Current(matchId, teamA, teamB) || Record.Started.Contains(matchId))
        {
            return;
        }

        if (_bracket is not null && IsKnockout(matchId) && _bracket[matchId].Status == MatchStatus.Ready)
        {
            // One step on the bracket kept in memory; the stored list of steps is for the next activation.
            _bracket = _bracket.Start(matchId);
            Record.BracketOps.Add(new BracketOp("start", matchId, null));
        }

        Record.Started.Add(matchId);
        await Save();
    }

    public async Task RecordResult(string matchId, string teamA, string teamB, MatchOutcome outcome)
    {
        RequireMatch(matchId);
        if (!Current(matchId, teamA, teamB)
            || (Record.Results.TryGetValue(matchId, out var existing) && SameOutcome(existing, outcome)))
        {
            return;
        }

        // Work out everything that can refuse before changing anything.
        var side = IsKnockout(matchId) ? SideOf(matchId, outcome.Winner) : (Side?)null;
        var bracket = side is { } won ? _bracket!.Complete(matchId, won) : _bracket;
        Record.Results[matchId] = outcome;
        if (side is { } winnerSide)
        {
            // The result moves the winner (and loser) on in the bracket kept in memory: the work is the matches
            // that depend on this one, not a replay of every step stored (that happens once, on activation).
            _bracket = bracket;
            Record.BracketOps.Add(new BracketOp("complete", matchId, winnerSide.ToString()));
        }

        await Audit("result", JsonSerializer.Serialize(new { matchId, outcome.Winner, outcome.Ending, sets = outcome.Sets.Select(s => $"{s.A}:{s.B}") }));
        UpdateStatus();
        await Save();
        await PrepareReadyMatches();
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

    private async Task Save()
    {
        Record.Revision++;
        await _state.WriteOrRetireAsync(this);

        _live.Changed();
    }

    private Task Audit(string kind, string data) => _audit.CommitAsync(_ledger, [(kind, "tournament", data)]);

    private void UpdateStatus()
    {
        var groupsDone = Record.GroupMatches.All(m => Record.Results.ContainsKey(m.MatchId));
        var knockoutDone = _bracket is null || _bracket.IsFinished;
        Record.Status = groupsDone && knockoutDone ? TournamentStatus.Finished : TournamentStatus.Running;
    }

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

    private bool IsKnockout(string matchId) => Record.GroupMatches.All(m => m.MatchId != matchId);

    private void RequireMatch(string matchId)
    {
        if (Record.GroupMatches.All(m => m.MatchId != matchId) && (_bracket is null || !_bracket.Contains(matchId)))
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
    [Id(5)] public List<BracketOp> BracketOps { get; set; } = [];
    [Id(6)] public Dictionary<string, MatchOutcome> Results { get; set; } = [];
    [Id(7)] public Dictionary<string, ScheduleSlot> Schedule { get; set; } = [];
    [Id(8)] public HashSet<string> Started { get; set; } = [];

    /// <summary>Match id → the two team ids its match grain was last prepared with.</summary>
    [Id(9)] public Dictionary<string, string> Prepared { get; set; } = [];
    [Id(10)] public long Revision { get; set; }
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
