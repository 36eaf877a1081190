using System.Text.Json;
using Engagement.Ledger;
using Engagement.Live;
using Engagement.Tournament.Rules;

namespace Engagement.Tournament;

/// <summary>
/// A match scored rally by rally, event-sourced on the ledger stream "match:{key}": the setup, every
/// rally, undo, timeout, confirmation, forfeit and reset is appended before it takes effect, and an
/// activation replays the stream through the pure <see cref="MatchScore"/> engine.
/// </summary>
public sealed class MatchGrain(ILedger ledger) : Grain, IMatchGrain
{
    private LedgerChain _chain = null!;
    private LiveTopicPublisher _live = null!;
    private MatchSetup? _setup;
    private MatchScore? _score;

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
    }

    public Task<MatchView> Get() => Task.FromResult(View());

    public Task<TopicUpdate> GetSnapshot() => Task.FromResult(Snapshot());

    public async Task Prepare(MatchSetup setup)
    {
        RuleSets.ToRules(setup.Rules);
        if (_setup == setup && _score?.Status == MatchScoreStatus.NotStarted)
        {
            return;
        }

        await Append("prepare", "tournament", JsonSerializer.Serialize(setup));
    }

    public async Task<MatchView> Score(ScoringAction action, string? team, string scorer)
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
        await Append(action.ToString(), scorer, JsonSerializer.Serialize(new { team = side.ToString() }));
        await Report(before, after.Status);
        return View();
    }

    public async Task<MatchView> Reopen(string organiser)
    {
        if (_score is null)
        {
            throw RuleViolation.Conflict("match.not-ready");
        }

        Try(() => _score.ReopenSet());
        await Append("Reopen", organiser, "{}");
        return View();
    }

    public async Task Reset(string reason)
    {
        if (_setup is null)
        {
            return;
        }

        await Append("reset", "tournament", JsonSerializer.Serialize(new { reason }));
    }

    /// <summary>Tells the tournament when scoring starts and when the match has a result.</summary>
    private async Task Report(MatchScoreStatus before, MatchScoreStatus after)
    {
        var tournament = GrainFactory.GetGrain<ITournamentGrain>(_setup!.TournamentId);
        if (before == MatchScoreStatus.NotStarted && after != MatchScoreStatus.NotStarted)
        {
            await tournament.MatchStarted(_setup.MatchId);
        }

        if (after is MatchScoreStatus.Finished or MatchScoreStatus.Forfeited or MatchScoreStatus.Retired && before != after)
        {
            var winner = _score!.Winner == Team.A ? _setup.TeamA : _setup.TeamB;
            await tournament.RecordResult(_setup.MatchId, new MatchOutcome(Sets(), winner, after.ToString()));
        }
    }

    private async Task Append(string kind, string actor, string data)
    {
        await _chain.CommitAsync(ledger, [(kind, actor, data)]);
        Apply(kind, data);
        _live.Changed();
    }

    private void Apply(string kind, string data)
    {
        switch (kind)
        {
            case "prepare":
                _setup = JsonSerializer.Deserialize<MatchSetup>(data)!;
                _score = MatchScore.Start(RuleSets.ToRules(_setup.Rules));
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
