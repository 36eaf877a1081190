using System.Text.Json;
using Engagement.Ledger;
using Engagement.Live;
using Engagement.Selection.Rules;

namespace Engagement.Selection;

/// <summary>
/// The live judging of a round, event-sourced on the ledger stream "judging:{roundId}": every stage
/// change, score, amendment, refusal and recusal is appended (durably) before it takes effect, and an
/// activation replays the stream. Scores are few, so each command is its own small write.
/// </summary>
public sealed class JudgingGrain(ILedger ledger) : Grain, IJudgingGrain
{
    private readonly Dictionary<string, CaseSheet> _sheets = [];
    private LedgerChain _chain = null!;
    private LiveTopicPublisher _live = null!;
    private StagePhase _phase = StagePhase.Idle;
    private string? _current;
    private IReadOnlyList<string>? _panelChoice;

    private string RoundId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _live = new LiveTopicPublisher(this, GrainFactory, Snapshot);
        var entries = await ledger.ReadAsync($"judging:{RoundId}", cancellationToken);
        _chain = LedgerChain.From($"judging:{RoundId}", entries);
        foreach (var entry in entries)
        {
            Apply(entry);
        }
    }

    public Task<StageView> GetStage() => Task.FromResult(View());

    public Task<TopicUpdate> GetSnapshot() => Task.FromResult(Snapshot());

    public Task<LedgerHead> GetLedgerHead() => Task.FromResult(new LedgerHead(_chain.Stream, _chain.Seq, _chain.Head));

    public async Task<StageView> PresentCase(
        StageCase stageCase, IReadOnlyList<JudgeSeat> panel, IReadOnlyList<RubricCriterion> rubric, int trimK, TooFewToTrim whenTooFewToTrim)
    {
        if (_sheets.TryGetValue(stageCase.CaseId, out var existing) && existing.Locked)
        {
            throw RuleViolation.Conflict("judging.case-locked", stageCase.Title);
        }

        if (_panelChoice is not null)
        {
            panel = panel.Where(j => _panelChoice.Contains(j.JudgeId)).ToList();
            if (panel.Count == 0)
            {
                // Every chosen judge's link was removed since: a case nobody may score is a mistake, not a stage.
                throw RuleViolation.Conflict("judging.panel-empty");
            }
        }

        var recused = panel.Where(j => Recusal.IsRecused(j.BranchId, stageCase.BranchId)).ToList();
        var entries = new List<(string Kind, string? Actor, string Data)>
        {
            ("present", "organiser", JsonSerializer.Serialize(new PresentData(stageCase, panel.ToList(), rubric.ToList(), trimK, whenTooFewToTrim))),
        };
        // Recusals are decided by the server when the case comes on stage, and logged.
        entries.AddRange(recused.Select(j => ("recused", (string?)j.JudgeId, JsonSerializer.Serialize(new { caseId = stageCase.CaseId, judge = j.Name }))));
        await Append(entries);
        return View();
    }

    public async Task<RoundPanel> SetPanel(IReadOnlyList<string>? judgeIds)
    {
        var chosen = judgeIds?.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).ToList();
        if (chosen is { Count: 0 })
        {
            throw RuleViolation.Invalid("judging.panel-empty");
        }

        if (chosen is null ? _panelChoice is not null : _panelChoice is null || !chosen.SequenceEqual(_panelChoice))
        {
            await Append([("panel", "organiser", JsonSerializer.Serialize(new PanelData(chosen)))]);
        }

        return new RoundPanel(_panelChoice);
    }

    public Task<RoundPanel> GetPanel() => Task.FromResult(new RoundPanel(_panelChoice));

    public async Task<StageView> Advance(StagePhase to)
    {
        var allowed = (_phase, to) switch
        {
            (StagePhase.Presenting, StagePhase.Scoring) => true,
            (StagePhase.Presenting or StagePhase.Scoring, StagePhase.Revealed) => true,
            (_, StagePhase.Final) => true,
            (StagePhase.Final, StagePhase.Idle) => true,
            _ => _phase == to,
        };
        if (!allowed)
        {
            throw RuleViolation.Conflict("judging.bad-phase", _phase.ToString(), to.ToString());
        }

        if (_phase != to)
        {
            await Append([("phase", "organiser", JsonSerializer.Serialize(new PhaseData(to, _current)))]);
        }

        return View();
    }

    public async Task<JudgeScoreView> Submit(JudgeSeat judge, string caseId, IReadOnlyDictionary<string, decimal> marks)
    {
        var refusal = RefusalFor(judge, caseId);
        decimal total = 0;
        if (refusal is null)
        {
            try
            {
                total = RubricRules.Total(ToRubric(_sheets[caseId].Rubric), marks);
            }
            catch (RubricViolation violation)
            {
                refusal = violation.Code;
            }
        }

        if (refusal is not null)
        {
            // A recused judge trying to score is part of the audit trail (and shows as 回避); a mistyped
            // mark or a stale tablet is only refused, so a judge link cannot fill the ledger with junk.
            if (refusal == "judging.recused")
            {
                await Append([("recused", judge.JudgeId, JsonSerializer.Serialize(new { caseId, reason = refusal }))]);
            }

            // Not on the panel is a fact of the stage (like recusal), not a malformed request: 409, and the tablet reloads its desk.
            throw refusal is "judging.recused" or "judging.case-locked" or "judging.not-on-stage" or "judging.not-on-panel"
                ? RuleViolation.Conflict(refusal)
                : RuleViolation.Invalid(refusal);
        }

        var amending = _sheets[caseId].Marks.ContainsKey(judge.JudgeId);
        await Append([(amending ? "amend" : "score", judge.JudgeId, JsonSerializer.Serialize(new ScoreData(caseId, new Dictionary<string, decimal>(marks), total)))]);
        return ForJudge(judge.JudgeId);
    }

    public Task<JudgeScoreView> GetForJudge(string judgeId) => Task.FromResult(ForJudge(judgeId));

    public Task<IReadOnlyList<CaseScores>> GetScores() =>
        Task.FromResult<IReadOnlyList<CaseScores>>(_sheets.Values.Select(s => s.Scores()).ToList());

    private string? RefusalFor(JudgeSeat judge, string caseId)
    {
        if (caseId != _current || _phase is not (StagePhase.Presenting or StagePhase.Scoring) || !_sheets.TryGetValue(caseId, out var sheet))
        {
            return _sheets.TryGetValue(caseId, out var other) && other.Locked ? "judging.case-locked" : "judging.not-on-stage";
        }

        if (sheet.Panel.All(j => j.JudgeId != judge.JudgeId))
        {
            return "judging.not-on-panel";
        }

        return sheet.Recused.Contains(judge.JudgeId) ? "judging.recused" : null;
    }

    private async Task Append(IReadOnlyList<(string Kind, string? Actor, string Data)> commands)
    {
        foreach (var entry in await _chain.CommitAsync(ledger, commands))
        {
            Apply(entry);
        }

        _live.Changed();
    }

    private void Apply(LedgerEntry entry)
    {
        switch (entry.Kind)
        {
            case "present":
                var present = JsonSerializer.Deserialize<PresentData>(entry.Data)!;
                var sheet = _sheets.TryGetValue(present.Case.CaseId, out var known) ? known : _sheets[present.Case.CaseId] = new CaseSheet(present.Case);
                sheet.Panel = present.Panel;
                sheet.Rubric = present.Rubric;
                sheet.TrimK = present.K;
                sheet.WhenTooFew = present.WhenTooFew;
                sheet.Recused = present.Panel.Where(j => Recusal.IsRecused(j.BranchId, present.Case.BranchId)).Select(j => j.JudgeId).ToHashSet();
                _current = present.Case.CaseId;
                _phase = StagePhase.Presenting;
                break;
            case "phase":
                var phase = JsonSerializer.Deserialize<PhaseData>(entry.Data)!;
                _phase = phase.Phase;
                if (phase.Phase == StagePhase.Revealed && phase.CaseId is not null && _sheets.TryGetValue(phase.CaseId, out var revealed))
                {
                    revealed.Locked = true;
                }

                break;
            case "panel":
                _panelChoice = JsonSerializer.Deserialize<PanelData>(entry.Data)!.JudgeIds;
                break;
            case "score" or "amend":
                var score = JsonSerializer.Deserialize<ScoreData>(entry.Data)!;
                _sheets[score.CaseId].Record(entry.Actor!, score.Marks, score.Total);
                break;
        }
    }

    private JudgeScoreView ForJudge(string judgeId)
    {
        var sheet = _current is null ? null : _sheets[_current];
        return new JudgeScoreView(
            _phase,
            sheet?.Case,
            sheet?.Rubric ?? [],
            sheet is not null && sheet.Marks.TryGetValue(judgeId, out var mine) ? mine.Marks : null,
            sheet?.Recused.Contains(judgeId) == true,
            sheet?.Locked == true,
            sheet?.Panel.Any(j => j.JudgeId == judgeId) == true);
    }

    private StageView View()
    {
        var sheet = _current is null ? null : _sheets[_current];
        var scores = sheet?.Scores();
        var revealed = _phase is StagePhase.Revealed or StagePhase.Final && scores is not null;
        return new StageView(
            RoundId,
            _phase,
            sheet?.Case,
            sheet?.Marks.Count ?? 0,
            sheet is null ? 0 : sheet.Panel.Count - sheet.Recused.Count,
            revealed ? [.. scores!.Marks.Select(m => new RevealedMark(m.JudgeName, m.Total, m.Dropped)), .. scores.Replacements ?? []] : null,
            revealed ? scores!.JudgeScore : null,
            sheet is null ? [] : sheet.Panel.Where(j => sheet.Recused.Contains(j.JudgeId)).Select(j => j.Name).ToList(),
            sheet?.Rubric ?? [],
            _chain.Seq,
            sheet?.TrimK ?? 1,
            revealed ? scores!.MeanTotal : null,
            scores?.MaxTotal ?? 100m,
            revealed && scores!.ShortOfTrim,
            sheet?.WhenTooFew ?? TooFewToTrim.AverageAll);
    }

    private TopicUpdate Snapshot() => new(Topics.Stage(RoundId), _chain.Seq, View());

    private static Rubric ToRubric(IReadOnlyList<RubricCriterion> criteria) =>
        new(criteria.Select(c => new Criterion(c.Id, c.Name, c.MaxPoints, c.Weight)).ToList());

    /// <param name="WhenTooFew">Absent from entries written before it was a choice: those were averaged (AverageAll).</param>
    private sealed record PresentData(StageCase Case, List<JudgeSeat> Panel, List<RubricCriterion> Rubric, int K, TooFewToTrim WhenTooFew = TooFewToTrim.AverageAll);

    private sealed record PanelData(List<string>? JudgeIds);

    private sealed record PhaseData(StagePhase Phase, string? CaseId);

    private sealed record ScoreData(string CaseId, Dictionary<string, decimal> Marks, decimal Total);

    /// <summary>One case's judging: its panel and rubric as fixed on stage, and the marks so far.</summary>
    private sealed class CaseSheet(StageCase stageCase)
    {
        public StageCase Case { get; } = stageCase;
        public List<JudgeSeat> Panel { get; set; } = [];
        public List<RubricCriterion> Rubric { get; set; } = [];
        public int TrimK { get; set; } = 1;
        public TooFewToTrim WhenTooFew { get; set; }
        public HashSet<string> Recused { get; set; } = [];
        public bool Locked { get; set; }

        /// <summary>By judge id, in the order judges first submitted (the order the trimmed mean sees).</summary>
        public Dictionary<string, (IReadOnlyDictionary<string, decimal> Marks, decimal Total, int Amendments)> Marks { get; } = [];

        public void Record(string judgeId, IReadOnlyDictionary<string, decimal> marks, decimal total) =>
            Marks[judgeId] = (marks, total, Marks.TryGetValue(judgeId, out var earlier) ? earlier.Amendments + 1 : 0);

        /// <summary>
        /// The case's judge score by the rules (exact, then shown as decimals). A stored sheet the rules
        /// cannot explain (a rubric without a positive maximum) reads as not scored rather than failing.
        /// </summary>
        public CaseScores Scores()
        {
            var judges = Marks.Keys.ToList();
            var recused = Panel.Where(j => Recused.Contains(j.JudgeId)).ToList();
            var max = Rubric.Sum(c => c.Weight * c.MaxPoints);
            var judgement = max > 0 && TrimK >= 0
                ? JudgeScore.Compute(judges.Select(j => Marks[j].Total).ToList(), recused.Count, max, TrimK, WhenTooFew)
                : new CaseJudgement(null, null, [], [], 0, false, 0, null);
            var dropped = judgement.DroppedHigh.Concat(judgement.DroppedLow).ToHashSet();
            var criterionMeans = Rubric
                .Select(c => judgement.MeanOf(judges.Select(j => Marks[j].Marks.GetValueOrDefault(c.Id)).ToList()))
                .ToList();
            var marks = judges.Select((j, i) => new JudgeMark(j, Panel.FirstOrDefault(p => p.JudgeId == j)?.Name ?? j, Marks[j].Marks, Marks[j].Total, dropped.Contains(i), Marks[j].Amendments)).ToList();
            var replacements = recused.Take(judgement.Replaced)
                .Select((j, r) => new RevealedMark(j.Name, Exact.ToDecimal(judgement.Replacement!.Value), dropped.Contains(judges.Count + r), Replaced: true))
                .ToList();
            return new CaseScores(
                Case.CaseId,
                marks,
                judgement.Score is { } score ? Exact.ToDecimal(score) : null,
                criterionMeans.Select(m => m is { } mean ? Exact.ToDecimal(mean) : (decimal?)null).ToList(),
                recused.Select(j => j.Name).ToList(),
                Locked,
                judgement.MeanTotal is { } total ? Exact.ToDecimal(total) : null,
                max > 0 ? max : 100m,
                judgement.Score is { } exact ? Exact.Text(exact) : null,
                criterionMeans.Select(m => m is { } mean ? Exact.Text(mean) : null).ToList(),
                judgement.ShortOfTrim,
                replacements);
        }
    }
}
