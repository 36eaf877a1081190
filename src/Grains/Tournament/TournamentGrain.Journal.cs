using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Engagement.Ledger;
using Engagement.Storage;
using Engagement.Tournament.Rules.Brackets;
using Microsoft.Extensions.Logging;

namespace Engagement.Tournament;

/// <summary>
/// The journal: play is written as entries of the ledger stream "tournament:{id}" (also its audit trail), and the
/// grain state is a snapshot of everything as of one entry (<see cref="TournamentRecord.LedgerSeq"/>). A call
/// appends its entry, awaits it (one transaction: an acknowledged result survives a killed silo), then applies it
/// to memory with <see cref="Apply"/>, the same code an activation replays the later entries with.
/// </summary>
public sealed partial class TournamentGrain
{
    /// <summary>Set when memory may be ahead of what is stored: the snapshot on deactivation is then skipped.</summary>
    private bool _retiring;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var entries = await _ledger.ReadAsync(Stream, cancellationToken);
        _audit = LedgerChain.From(Stream, entries);
        if (!_state.RecordExists)
        {
            Record.Journaled = true;
        }
        else if (!Record.Journaled)
        {
            // Stored before play went to the ledger: the record holds every result, start and preparation itself,
            // and the stream then held only their audit. Say so once, before any new entry is appended.
            Record.Journaled = true;
            Record.LedgerSeq = Audit.Seq;
            await _state.WriteOrRetireAsync(this);
            _logger.LogInformation("Tournament {Id}: stored record migrated; play from ledger entry {Seq} on is journaled", Id, Audit.Seq);
        }

        RebuildBracket(skipUnreadable: true);
        Index();
        foreach (var entry in entries)
        {
            if (entry.Seq > Record.LedgerSeq)
            {
                Replay(entry);
            }
        }

        // A match the last activation prepared but died before journaling, or failed to prepare, is not known here:
        // the next look at the matches takes in every one, once.
        _lookAtEveryMatch = true;
    }

    /// <summary>
    /// Stores the whole state once more, so the next activation replays only what comes after. Losing this write
    /// loses nothing: every entry is in the ledger already.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_audit is null || _retiring || !Record.Journaled || Record.Status == TournamentStatus.Setup || Record.LedgerSeq >= _audit.Seq)
        {
            return;
        }

        var stored = Record.LedgerSeq;
        try
        {
            Record.LedgerSeq = _audit.Seq;
            await _state.WriteOrRetireAsync(this);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Tournament {Id}: snapshot on deactivation not stored; the next activation replays from entry {Seq}", Id, stored + 1);
        }
    }

    /// <summary>Appends one entry, durably, then applies it (<paramref name="computed"/>: the bracket the caller already worked out for it).</summary>
    private async Task Commit(JournalEntry entry, Bracket? computed = null)
    {
        await Audit.CommitAsync(_ledger, [(entry.Kind, "tournament", JsonSerializer.Serialize(entry, entry.GetType()))]);
        try
        {
            Apply(entry, computed);
        }
        catch
        {
            // Stored but not in memory (the caller checked it could be applied, so this is a bug): a new activation replays it.
            Retire();
            throw;
        }

        _live.Changed();
    }

    /// <summary>An entry read back on activation; one that cannot be applied is logged and skipped: a tournament always loads.</summary>
    private void Replay(LedgerEntry stored)
    {
        try
        {
            JournalEntry? entry = stored.Kind switch
            {
                MatchStartedEntry.Name => JsonSerializer.Deserialize<MatchStartedEntry>(stored.Data),
                ResultEntry.ResultName or ResultEntry.CorrectionName => JsonSerializer.Deserialize<ResultEntry>(stored.Data) is { } e ? e with { Kind = stored.Kind } : null,
                ScheduleEntry.Name => JsonSerializer.Deserialize<ScheduleEntry>(stored.Data),
                PreparedEntry.Name => JsonSerializer.Deserialize<PreparedEntry>(stored.Data),
                _ => null, // "started" and other audit-only entries: nothing to apply
            };
            if (entry is not null)
            {
                Apply(entry, computed: null);
            }
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            _logger.LogError(e, "Tournament {Id}: ledger entry {Seq} ({Kind}) cannot be applied; skipped", Id, stored.Seq, stored.Kind);
        }
    }

    /// <summary>One entry's change to memory. The bracket step comes first: if it cannot be taken, nothing changes.</summary>
    private void Apply(JournalEntry entry, Bracket? computed)
    {
        switch (entry)
        {
            case MatchStartedEntry started:
                if (_bracket is not null && IsKnockout(started.MatchId) && _bracket[started.MatchId].Status == MatchStatus.Ready)
                {
                    _bracket = _bracket.Start(started.MatchId);
                    Record.BracketOps.Add(new BracketOp("start", started.MatchId, null));
                }

                Record.Started.Add(started.MatchId);
                break;
            case ResultEntry { Kind: ResultEntry.ResultName } result:
                if (result.WinnerSide is { } won)
                {
                    _bracket = computed ?? KnockoutBracket.Complete(result.MatchId, won);
                    Record.BracketOps.Add(new BracketOp("complete", result.MatchId, won.ToString()));
                }

                SetResult(result.MatchId, result.Outcome());
                UpdateStatus();
                break;
            case ResultEntry correction:
                if (correction.WinnerSide is { } side)
                {
                    _bracket = computed ?? KnockoutBracket.Correct(correction.MatchId, side).Bracket;
                    Record.BracketOps.Add(new BracketOp("correct", correction.MatchId, side.ToString()));
                }

                SetResult(correction.MatchId, correction.Outcome());
                foreach (var reset in correction.Reset ?? [])
                {
                    RemoveResult(reset);
                    Record.Started.Remove(reset);
                    Record.Prepared.Remove(reset);
                }

                foreach (var (matchId, key) in correction.Prepared ?? new Dictionary<string, string>())
                {
                    Record.Prepared[matchId] = key;
                }

                UpdateStatus();
                break;
            case ScheduleEntry schedule:
                Record.Schedule[schedule.MatchId] = new ScheduleSlot(schedule.Court, schedule.StartsAt);
                break;
            case PreparedEntry prepared:
                foreach (var (matchId, key) in prepared.Matches)
                {
                    Record.Prepared[matchId] = key;
                }

                break;
        }

        Record.Revision++;
    }

    private Bracket KnockoutBracket => _bracket ?? throw new InvalidOperationException("This tournament has no knockout.");

    private void SetResult(string matchId, MatchOutcome outcome)
    {
        if (GroupMatchesById.ContainsKey(matchId))
        {
            _unplayedGroupMatches -= Record.Results.ContainsKey(matchId) ? 0 : 1;
            _plainTables = null;
        }

        Record.Results[matchId] = outcome;
    }

    private void RemoveResult(string matchId)
    {
        if (Record.Results.Remove(matchId) && GroupMatchesById.ContainsKey(matchId))
        {
            _unplayedGroupMatches++;
            _plainTables = null;
        }
    }

    /// <summary>
    /// The matches whose two teams a step on <paramref name="matchId"/> may have made known: those the step
    /// changed downstream (a BYE passes a team on, so the walk goes on through any match that changed). A
    /// group's last result fills the knockout places it feeds: then every match is looked at (null), once per group.
    /// </summary>
    private IReadOnlyList<string>? NewPairings(string matchId, Bracket? before, Bracket? after)
    {
        if (GroupMatchesById.TryGetValue(matchId, out var groupMatch))
        {
            return _bracket is not null && GroupMatchesByGroup[groupMatch.Group].All(m => Record.Results.ContainsKey(m.MatchId)) ? null : [];
        }

        if (before is null || after is null)
        {
            return [];
        }

        var changed = new List<string>();
        var walk = new Queue<string>([matchId]);
        while (walk.TryDequeue(out var from))
        {
            foreach (var next in after.MatchesFedBy(from))
            {
                if (!changed.Contains(next.Id) && !next.Equals(before[next.Id]))
                {
                    changed.Add(next.Id);
                    walk.Enqueue(next.Id);
                }
            }
        }

        return changed;
    }

    // What is worked out once from the stored lists rather than searched on every call (Index() builds it again
    // whenever those lists change: teams on Configure, the draw on Start, the whole record on activation).
    private Dictionary<string, GroupMatchRecord>? _groupMatchesById;
    private ILookup<string, GroupMatchRecord>? _groupMatchesByGroup;
    private Dictionary<string, string>? _teamNames;
    private int _unplayedGroupMatches;

    private Dictionary<string, GroupMatchRecord> GroupMatchesById => _groupMatchesById ??= IndexGroupMatches();

    private ILookup<string, GroupMatchRecord> GroupMatchesByGroup => _groupMatchesByGroup ??= Record.GroupMatches.ToLookup(m => m.Group);

    private Dictionary<string, GroupMatchRecord> IndexGroupMatches()
    {
        var byId = new Dictionary<string, GroupMatchRecord>(StringComparer.Ordinal);
        foreach (var match in Record.GroupMatches)
        {
            byId.TryAdd(match.MatchId, match); // a repeated id (only a hand edit makes one): the first counts, as it always did
        }

        return byId;
    }

    private void Index()
    {
        _bySeed = null;
        _teamNames = null;
        _plainTables = null;
        _storedRules = default;
        _groupMatchesById = IndexGroupMatches();
        _groupMatchesByGroup = null;
        _unplayedGroupMatches = _groupMatchesById.Keys.Count(id => !Record.Results.ContainsKey(id));
    }

    private string TeamName(string? teamId)
    {
        _teamNames ??= Record.Teams.GroupBy(t => t.TeamId).ToDictionary(g => g.Key, g => g.First().Name);
        return teamId is not null && _teamNames.TryGetValue(teamId, out var name) ? name : teamId ?? "";
    }
}

/// <summary>One entry of a tournament's journal (its ledger stream): what it says, as stored.</summary>
internal abstract record JournalEntry
{
    [JsonIgnore]
    public abstract string Kind { get; init; }
}

/// <summary>Scoring has begun on a match.</summary>
internal sealed record MatchStartedEntry([property: JsonPropertyName("matchId")] string MatchId) : JournalEntry
{
    public const string Name = "match-started";

    [JsonIgnore]
    public override string Kind { get; init; } = Name;
}

/// <summary>
/// A result ("result") or a corrected result ("correction"): the fields the audit trail always had (matchId,
/// Winner, Ending, sets as "21:15"), the bracket side that won when the bracket moves, and for a correction
/// the matches it reset and those of them prepared again with their new teams.
/// </summary>
internal sealed record ResultEntry(
    [property: JsonPropertyName("matchId")] string MatchId,
    string Winner,
    string Ending,
    [property: JsonPropertyName("sets")] IReadOnlyList<string> Sets,
    [property: JsonPropertyName("side"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Side,
    [property: JsonPropertyName("reset"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Reset,
    [property: JsonPropertyName("prepared"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Prepared) : JournalEntry
{
    public const string ResultName = "result";
    public const string CorrectionName = "correction";

    [JsonIgnore]
    public override string Kind { get; init; } = ResultName;

    [JsonIgnore]
    public Side? WinnerSide => Side is null ? null : Enum.Parse<Side>(Side);

    public static ResultEntry Of(string matchId, MatchOutcome outcome, Side? side) =>
        new(matchId, outcome.Winner, outcome.Ending, Points(outcome), side?.ToString(), null, null);

    public static ResultEntry Of(string matchId, MatchOutcome outcome, Side? side, IReadOnlyList<string> reset, IReadOnlyDictionary<string, string> prepared) =>
        new(matchId, outcome.Winner, outcome.Ending, Points(outcome), side?.ToString(), reset, prepared) { Kind = CorrectionName };

    /// <remarks>A List, not an array: the grain stores it, and storage serialisers need a type they know.</remarks>
    public MatchOutcome Outcome() => new(
        Sets.Select(s => s.Split(':') is [var a, var b]
            ? new SetPoints(int.Parse(a, CultureInfo.InvariantCulture), int.Parse(b, CultureInfo.InvariantCulture))
            : throw new FormatException($"set '{s}'")).ToList(),
        Winner,
        Ending);

    private static List<string> Points(MatchOutcome outcome) =>
        outcome.Sets.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.A}:{s.B}")).ToList();
}

/// <summary>A match's court and time.</summary>
internal sealed record ScheduleEntry(
    [property: JsonPropertyName("matchId")] string MatchId,
    [property: JsonPropertyName("court")] string? Court,
    [property: JsonPropertyName("startsAt")] DateTimeOffset? StartsAt) : JournalEntry
{
    public const string Name = "schedule";

    [JsonIgnore]
    public override string Kind { get; init; } = Name;
}

/// <summary>Match grains set up with their two teams and court (the key <see cref="TournamentRecord.Prepared"/> keeps).</summary>
internal sealed record PreparedEntry([property: JsonPropertyName("matches")] IReadOnlyDictionary<string, string> Matches) : JournalEntry
{
    public const string Name = "prepared";

    [JsonIgnore]
    public override string Kind { get; init; } = Name;
}
