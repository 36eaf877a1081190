using Engagement.Selection.Rules;
using Engagement.Storage;

namespace Engagement.Selection;

/// <summary>
/// A selection event's cases, rubric and rounds. A round copies the titles and branches of its cases
/// when it is configured, so later edits to a case never change a round members are voting in.
/// </summary>
public sealed class SelectionEventGrain(
    [PersistentState("selection", StorageNames.Durable)] IPersistentState<SelectionEventRecord> state) : Grain, ISelectionEventGrain
{
    public const int MaxTitleLength = 80;
    public const int MaxSummaryLength = 2000;
    public const int MaxReviewNote = 200;
    public const int MaxImages = 4;

    private SelectionEventRecord Record => state.State;
    private string EventId => this.GetPrimaryKeyString();

    public Task<SelectionEvent?> Get() => Task.FromResult(state.RecordExists ? View() : null);

    public async Task<SelectionEvent> Create(string title)
    {
        if (state.RecordExists)
        {
            return View();
        }

        Record.Title = RequireText(title, MaxTitleLength, "selection.bad-title");
        Record.Rubric = DefaultRubric.ToList();
        Record.TrimK = 1;
        await state.WriteOrRetireAsync(this);
        return View();
    }

    public async Task<SelectionEvent> Rename(string title)
    {
        RequireEvent();
        Record.Title = RequireText(title, MaxTitleLength, "selection.bad-title");
        await state.WriteOrRetireAsync(this);
        await GrainFactory.GetGrain<ISelectionEventsGrain>(0).Renamed(EventId, Record.Title);
        return View();
    }

    public async Task<SelectionEvent> SetRubric(IReadOnlyList<RubricCriterion> rubric, int trimK, TooFewToTrim whenTooFewToTrim)
    {
        RequireEvent();
        try
        {
            // A null criterion (a hand-made request) is refused by the rules as a criterion without an id.
            RubricRules.Validate(new Rubric(rubric.Select(c => c is null ? null! : new Criterion(c.Id, c.Name, c.MaxPoints, c.Weight)).ToList()));
        }
        catch (RubricViolation violation)
        {
            // "rubric.invalid" carries the reason first (e.g. "id-duplicate") and the criterion second.
            throw violation.Code == RubricViolation.RubricInvalid && violation.Args.Count > 0
                ? RuleViolation.Invalid($"rubric.{violation.Args[0]}", violation.Args.Skip(1).ToArray())
                : RuleViolation.Invalid(violation.Code, violation.Args.ToArray());
        }

        if (trimK is < 0 or > 3)
        {
            throw RuleViolation.Invalid("selection.bad-trim");
        }

        if (!Enum.IsDefined(whenTooFewToTrim))
        {
            throw RuleViolation.Invalid("selection.bad-too-few-rule");
        }

        Record.Rubric = rubric.ToList();
        Record.TrimK = trimK;
        Record.WhenTooFewToTrim = whenTooFewToTrim;
        await state.WriteOrRetireAsync(this);
        return View();
    }

    public async Task<CaseInfo> SubmitCase(CaseSubmission submission)
    {
        RequireEvent();
        var checkedCase = Check(submission);
        var info = new CaseInfo("c" + Guid.NewGuid().ToString("N")[..10], checkedCase.BranchId, checkedCase.BranchName, checkedCase.Title,
            checkedCase.Summary, checkedCase.ThemeDayDate, checkedCase.Attachments, CaseStatus.Submitted, null, DateTimeOffset.UtcNow);
        Record.Cases.Add(info);
        await state.WriteOrRetireAsync(this);
        return info;
    }

    public async Task<CaseInfo> UpdateCase(string caseId, CaseSubmission submission)
    {
        var existing = RequireCase(caseId);
        var checkedCase = Check(submission);
        var updated = existing with
        {
            Title = checkedCase.Title,
            Summary = checkedCase.Summary,
            ThemeDayDate = checkedCase.ThemeDayDate,
            Attachments = checkedCase.Attachments,
            BranchId = checkedCase.BranchId,
            BranchName = checkedCase.BranchName,
        };
        Record.Cases[Record.Cases.IndexOf(existing)] = updated;
        await state.WriteOrRetireAsync(this);
        return updated;
    }

    public async Task<CaseInfo> ReviewCase(string caseId, CaseStatus status, string? note)
    {
        var existing = RequireCase(caseId);
        var cleaned = Text.Clean(note);
        if (cleaned.Length > MaxReviewNote)
        {
            throw RuleViolation.Invalid("case.note-too-long", MaxReviewNote.ToString());
        }

        if (!Enum.IsDefined(status))
        {
            throw RuleViolation.Invalid("case.bad-status");
        }

        var updated = existing with { Status = status, ReviewNote = cleaned.Length > 0 ? cleaned : null };
        Record.Cases[Record.Cases.IndexOf(existing)] = updated;
        await state.WriteOrRetireAsync(this);
        return updated;
    }

    public async Task RemoveCase(string caseId)
    {
        var existing = RequireCase(caseId);
        Record.Cases.Remove(existing);
        await state.WriteOrRetireAsync(this);
    }

    public async Task<RoundView> CreateRound(RoundSettings settings)
    {
        RequireEvent();
        var roundId = $"{EventId}-r{Record.RoundIds.Count + 1}";
        var view = await GrainFactory.GetGrain<IRoundGrain>(roundId).Configure(EventId, settings, RoundCases(settings));
        Record.RoundIds.Add(roundId);
        await state.WriteOrRetireAsync(this);
        return view;
    }

    public Task<RoundView> ConfigureRound(string roundId, RoundSettings settings)
    {
        RequireRound(roundId);
        return GrainFactory.GetGrain<IRoundGrain>(roundId).Configure(EventId, settings, RoundCases(settings));
    }

    public async Task<RoundView> PublishRound(string roundId, bool confirmUnscored)
    {
        RequireRound(roundId);
        var round = GrainFactory.GetGrain<IRoundGrain>(roundId);
        var view = await round.Get();
        if (view.Status == RoundStatus.Published)
        {
            return view;
        }

        if (view.Status != RoundStatus.Closed)
        {
            throw RuleViolation.Conflict("round.not-closed");
        }

        var judging = GrainFactory.GetGrain<IJudgingGrain>(roundId);
        var tally = await round.GetTally();
        var scores = view.Settings.Kind == RoundKind.LiveFinal ? await judging.GetScores() : [];
        var chains = (await round.GetLedgerHeads()).ToList();
        if (view.Settings.Kind == RoundKind.LiveFinal)
        {
            chains.Add(await judging.GetLedgerHead());
        }

        // A case never scored on stage would otherwise count 0 from the judges without anyone deciding so.
        var unscored = RoundResultsBuilder.Unscored(view, scores);
        if (unscored.Count > 0 && !confirmUnscored)
        {
            throw RuleViolation.Conflict("round.unscored-cases", string.Join("、", unscored.Select(c => c.Title)), unscored.Count.ToString());
        }

        // Closed, so the tally is visible to the publication even in a secret round.
        var counted = tally ?? throw RuleViolation.Conflict("round.not-closed");
        var terms = new JudgingTerms(Record.Rubric.Sum(c => c.Weight * c.MaxPoints), Record.TrimK, Record.WhenTooFewToTrim);
        var results = RoundResultsBuilder.Build(view, counted, scores, chains, DateTimeOffset.UtcNow, terms) with { EventTitle = Record.Title };
        return await round.Publish(results);
    }

    private IReadOnlyList<RoundCase> RoundCases(RoundSettings settings)
    {
        var byId = Record.Cases.ToDictionary(c => c.CaseId);
        return settings.CaseIds.Select(id =>
            byId.TryGetValue(id, out var c) && c.Status == CaseStatus.Accepted
                ? new RoundCase(c.CaseId, c.BranchId, c.Title, c.BranchName)
                : throw RuleViolation.Invalid("round.case-not-accepted", id)).ToList();
    }

    private CaseSubmission Check(CaseSubmission submission)
    {
        var title = RequireText(submission.Title, MaxTitleLength, "case.bad-title");
        var summary = Text.Clean(submission.Summary);
        if (summary.Length > MaxSummaryLength)
        {
            throw RuleViolation.Invalid("case.summary-too-long", MaxSummaryLength.ToString());
        }

        var pdfs = submission.Attachments.Count(a => a.ContentType == "application/pdf");
        var images = submission.Attachments.Count - pdfs;
        if ((pdfs > 0 && images > 0) || pdfs > 1 || images > MaxImages)
        {
            throw RuleViolation.Invalid("case.too-many-attachments", MaxImages.ToString());
        }

        if (string.IsNullOrWhiteSpace(submission.BranchId))
        {
            throw RuleViolation.Invalid("case.no-branch");
        }

        return submission with { Title = title, Summary = summary, BranchName = Text.Clean(submission.BranchName) };
    }

    private static string RequireText(string? value, int max, string code)
    {
        var text = Text.Clean(value);
        return text.Length is > 0 && text.Length <= max ? text : throw RuleViolation.Invalid(code, max.ToString());
    }

    private void RequireEvent()
    {
        if (!state.RecordExists)
        {
            throw RuleViolation.NotFound("selection.not-found");
        }
    }

    private void RequireRound(string roundId)
    {
        RequireEvent();
        if (!Record.RoundIds.Contains(roundId))
        {
            throw RuleViolation.NotFound("round.not-found");
        }
    }

    private CaseInfo RequireCase(string caseId)
    {
        RequireEvent();
        return Record.Cases.FirstOrDefault(c => c.CaseId == caseId) ?? throw RuleViolation.NotFound("case.not-found");
    }

    private SelectionEvent View() => new(EventId, Record.Title, Record.Cases, Record.Rubric, Record.RoundIds, Record.TrimK, Record.WhenTooFewToTrim);

    public static IReadOnlyList<RubricCriterion> DefaultRubric { get; } =
        Rubric.Default.Criteria.Select(c => new RubricCriterion(c.Id, c.Name, c.MaxPoints, c.Weight)).ToList();
}

[GenerateSerializer]
public sealed class SelectionEventRecord
{
    [Id(0)] public string Title { get; set; } = string.Empty;
    [Id(1)] public List<CaseInfo> Cases { get; set; } = [];
    [Id(2)] public List<RubricCriterion> Rubric { get; set; } = [];
    [Id(3)] public int TrimK { get; set; } = 1;
    [Id(4)] public List<string> RoundIds { get; set; } = [];
    [Id(5)] public TooFewToTrim WhenTooFewToTrim { get; set; }
}
