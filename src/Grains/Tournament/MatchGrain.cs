using System.Text.Json;
using Engagement.Ledger;
using Engagement.Live;
using Engagement.Ordering;
using Engagement.Tournament.Rules;
using Microsoft.Extensions.Logging;

namespace Engagement.Tournament;

/// <summary>
/// A match scored rally by rally, event-sourced on the ledger stream "match:{key}": the setup, every
/// rally, undo, timeout, confirmation, forfeit and reset is appended before it takes effect, and an
/// activation replays the stream through the pure <see cref="MatchScore"/> engine.
/// Calls go one way: the tournament commands (prepare, reset) and the match reports (started, result)
/// through an outbox that retries until the report lands, so the two grains never wait on each other.
/// A reminder stands guard while a report is owed, so even a killed silo's match reports on its return.
/// </summary>
public sealed class MatchGrain(ILedger ledger, ILogger<MatchGrain> logger) : Grain, IMatchGrain, IRemindable
{
    private const string ReportReminder = "report";

    private readonly OrderedLane _lane = new();
    private readonly MatchOutbox _outbox = new();
    private LedgerChain _chain = null!;
    private LiveTopicPublisher _live = null!;
    private MatchSetup? _setup;
    private MatchScore? _score;
    private Task? _delivering;
    private IGrainTimer? _retry;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _live = new LiveTopicPublisher(this, GrainFactory, Snapshot);
        var entries = await ledger.ReadAsync($"match:{Key}", cancellationToken);
        _chain = LedgerChain.From($"match:{Key}", entries);
        foreach (var entry in entries)
        {
            Apply(entry.Kind, entry.Data);
        }

        // Whatever the last activation may not have delivered is owed again; the tournament ignores repeats.
        if (OwedReports(MatchScoreStatus.NotStarted) is { Count: > 0 } owed)
        {
            _outbox.Add(owed);
            Deliver().Ignore();
        }
    }

    public Task<MatchView> Get() => Task.FromResult(View());

    public Task<MatchSheet> GetSheet() => Task.FromResult(new MatchSheet(
        _setup?.MatchId ?? Key, _score?.Status.ToString() ?? "Unprepared",
        _score?.Sheet.Select(s => new SheetSetView(s.Number, s.FirstServer.ToString(), string.Concat(s.Rallies.Select(t => t.ToString())), s.TimeoutsA, s.TimeoutsB)).ToList() ?? []));

    public Task<TopicUpdate> GetSnapshot() => Task.FromResult(Snapshot());

    public Task Prepare(MatchSetup setup) => _lane.Run(async () =>
    {
        RuleSets.ToRules(setup.Rules);
        if (_setup == setup && _score?.Status == MatchScoreStatus.NotStarted)
        {
            return;
        }

        await Append("prepare", "tournament", JsonSerializer.Serialize(setup));
    });

    public async Task<MatchView> Score(ScoringAction action, string? team, string scorer)
    {
        var (reports, scored) = await _lane.Run(async () =>
        {
            if (_setup is null || _score is null)
            {
                throw RuleViolation.Conflict("match.not-ready");
            }

            var side = team switch
            {
                "A" => Team.A,
                "B" => Team.B,
                _ when action is ScoringAction.Rally or ScoringAction.Timeout or ScoringAction.FirstServer or ScoringAction.Forfeit or ScoringAction.Retire
                    => throw RuleViolation.Invalid("match.bad-team"),
                _ => Team.A,
            };
            var before = _score.Status;
            var after = Try(() => _score.Apply(ToEvent(action, side)));
            if (after.Status != before)
            {
                // The guard goes up before the tap is stored: a crash between the two leaves a reminder
                // that finds nothing owed, never a stored result that nobody reports.
                await this.RegisterOrUpdateReminder(ReportReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            }

            await Append(action.ToString(), scorer, JsonSerializer.Serialize(new { team = side.ToString() }));
            return (OwedReports(before), View());
        });

        if (reports.Count > 0)
        {
            _outbox.Add(reports);
            // The tap is durable whatever happens to the report; the scorer waits for the report only so
            // the bracket usually moves before the tablet shows the result, and never fails because of it.
            await Deliver();
        }

        // The match as this tap left it: while the report waited, the tournament may have reset or
        // re-prepared the match (a correction upstream), and that change reaches the tablet by push, after.
        return scored;
    }

    public async Task<MatchView> Reopen(string organiser)
    {
        await _lane.Run(async () =>
        {
            if (_score is null)
            {
                throw RuleViolation.Conflict("match.not-ready");
            }

            Try(() => _score.ReopenSet());
            await Append("Reopen", organiser, "{}");
        });
        return View();
    }

    public Task Reset(string reason, MatchSetup? next = null) => _lane.Run(async () =>
    {
        if (next is not null)
        {
            RuleSets.ToRules(next.Rules);
        }

        var entries = new List<(string Kind, string Actor, string Data)>();
        if (_setup is not null)
        {
            entries.Add(("reset", "tournament", JsonSerializer.Serialize(new { reason })));
        }

        if (next is not null)
        {
            entries.Add(("prepare", "tournament", JsonSerializer.Serialize(next)));
        }

        await Append(entries);
    });

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (OwedReports(MatchScoreStatus.NotStarted) is { Count: > 0 } owed && _outbox.IsEmpty)
        {
            _outbox.Add(owed);
        }

        await Deliver();
    }

    /// <summary>What the tournament must hear after a change from <paramref name="before"/> to the current status.</summary>
    private List<MatchReport> OwedReports(MatchScoreStatus before)
    {
        if (_setup is null || _score is null)
        {
            return [];
        }

        var after = _score.Status;
        var reports = new List<MatchReport>();
        if (before == MatchScoreStatus.NotStarted && after != MatchScoreStatus.NotStarted)
        {
            reports.Add(new MatchReport(_setup.TournamentId, _setup.MatchId, _setup.TeamA, _setup.TeamB, null));
        }

        if (after is MatchScoreStatus.Finished or MatchScoreStatus.Forfeited or MatchScoreStatus.Retired && before != after)
        {
            var winner = _score.Winner == Team.A ? _setup.TeamA : _setup.TeamB;
            reports.Add(new MatchReport(_setup.TournamentId, _setup.MatchId, _setup.TeamA, _setup.TeamB, new MatchOutcome(Sets(), winner, after.ToString())));
        }

        return reports;
    }

    /// <summary>Sends the outbox in order; one delivery runs at a time and later callers join it.</summary>
    private Task Deliver()
    {
        if (_delivering is { IsCompleted: false })
        {
            return _delivering;
        }

        _delivering = DeliverAll();
        return _delivering;
    }

    private async Task DeliverAll()
    {
        while (_outbox.Peek() is { } report)
        {
            try
            {
                var tournament = GrainFactory.GetGrain<ITournamentGrain>(report.TournamentId);
                await (report.Outcome is { } outcome
                    ? tournament.RecordResult(report.MatchId, report.TeamA, report.TeamB, outcome)
                    : tournament.MatchStarted(report.MatchId, report.TeamA, report.TeamB));
                _outbox.Delivered(report);
            }
            catch (RuleViolation refused)
            {
                // The tournament will never take this report (e.g. the match was corrected away): drop it.
                logger.LogWarning("Match {Key}: tournament refused report {Report}: {Code}", Key, report, refused.Code);
                _outbox.Delivered(report);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Match {Key}: report to the tournament failed; retrying", Key);
                _retry ??= this.RegisterGrainTimer(
                    () =>
                    {
                        _retry?.Dispose();
                        _retry = null;
                        return Deliver();
                    },
                    new GrainTimerCreationOptions(TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan) { Interleave = true });
                return;
            }
        }

        try
        {
            if (await this.GetReminder(ReportReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception e)
        {
            // A tap registering the guard again at this moment wins (its ETag is newer); the next tick
            // finds nothing owed and takes the guard down then.
            logger.LogDebug(e, "Match {Key}: report reminder left for its next tick", Key);
        }
    }

    private Task Append(string kind, string actor, string data) => Append([(kind, actor, data)]);

    /// <summary>Writes the entries in one commit, then applies them: nobody sees the match between them.</summary>
    private async Task Append(IReadOnlyList<(string Kind, string Actor, string Data)> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await _chain.CommitAsync(ledger, entries.Select(e => (e.Kind, (string?)e.Actor, e.Data)).ToList());
        foreach (var (kind, _, data) in entries)
        {
            Apply(kind, data);
        }

        _live.Changed();
    }

    private void Apply(string kind, string data)
    {
        switch (kind)
        {
            case "prepare":
                var setup = JsonSerializer.Deserialize<MatchSetup>(data)!;
                // The same two teams on a new court or at a new time: the score stands.
                var sameTeams = _setup is not null && _score is not null && _setup.TeamA == setup.TeamA && _setup.TeamB == setup.TeamB;
                _score = sameTeams ? _score : MatchScore.Start(RuleSets.ToRules(setup.Rules));
                _setup = setup;
                break;
            case "reset":
                // A reset match waits for the tournament to prepare it again once its teams are known.
                _setup = null;
                _score = null;
                break;
            case "Reopen":
                _score = _score?.ReopenSet();
                break;
            default:
                if (_score is not null && Enum.TryParse<ScoringAction>(kind, out var action))
                {
                    var team = JsonDocument.Parse(data).RootElement.GetProperty("team").GetString() == "B" ? Team.B : Team.A;
                    _score = _score.Apply(ToEvent(action, team));
                }

                break;
        }
    }

    private static MatchEvent ToEvent(ScoringAction action, Team team) => action switch
    {
        ScoringAction.Rally => new RallyWon(team),
        ScoringAction.Undo => new RallyUndone(),
        ScoringAction.Timeout => new TimeoutTaken(team),
        ScoringAction.FirstServer => new FirstServerChosen(team),
        ScoringAction.ConfirmSet => new SetEndConfirmed(),
        ScoringAction.ConfirmMatch => new MatchEndConfirmed(),
        ScoringAction.Forfeit => new MatchForfeited(team),
        ScoringAction.Retire => new TeamRetired(team),
        _ => throw RuleViolation.Invalid("match.bad-action"),
    };

    private static MatchScore Try(Func<MatchScore> step)
    {
        try
        {
            return step();
        }
        catch (ScoringViolation violation)
        {
            throw RuleViolation.Conflict(violation.Code, violation.Args.ToArray());
        }
    }

    private IReadOnlyList<SetPoints> Sets() => _score?.Sets.Select(s => new SetPoints(s.A, s.B)).ToList() ?? [];

    private MatchView View()
    {
        var s = _score;
        var status = s?.Status.ToString() ?? "Unprepared";
        var winner = s?.Winner is { } w ? (w == Team.A ? _setup!.TeamA : _setup!.TeamB) : null;
        return new MatchView(
            _setup?.TournamentId ?? Key.Split('/')[0], _setup?.MatchId ?? Key, _setup?.Label ?? string.Empty,
            _setup?.TeamA, _setup?.TeamB, _setup?.TeamAName, _setup?.TeamBName, status, Sets(),
            s?.Current is { } c ? new SetPoints(c.A, c.B) : null, s?.SetNumber ?? 0,
            s?.Serving?.ToString(), s?.SideSwitchDue ?? false, s?.TimeoutsLeft(Team.A) ?? 0, s?.TimeoutsLeft(Team.B) ?? 0,
            winner, s?.SetsWon(Team.A) ?? 0, s?.SetsWon(Team.B) ?? 0, _setup?.Court, _chain.Seq);
    }

    private TopicUpdate Snapshot() => new(Topics.Match(Key), _chain.Seq, View());
}
