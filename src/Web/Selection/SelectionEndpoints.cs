using Engagement.Access;
using Engagement.Organisation;
using Engagement.Selection;
using Engagement.Web.Access;

namespace Engagement.Web.Selection;

/// <summary>The organiser's side of case selection: events, cases, rubric, rounds and the live stage.</summary>
public static class SelectionEndpoints
{
    public sealed record TitleRequest(string? Title);
    /// <param name="WhenTooFewToTrim">Left out: <see cref="TooFewToTrim.AverageAll"/>, the rule before it was a choice.</param>
    public sealed record RubricRequest(IReadOnlyList<RubricCriterion> Criteria, int TrimK, TooFewToTrim? WhenTooFewToTrim = null);
    /// <summary>
    /// A case from the console or a member's page. BranchId may be left out because a member's branch comes from
    /// their sign-in; the console must still name one (it is refused as case.no-branch otherwise).
    /// </summary>
    public sealed record CaseRequest(string? Title, string? Summary, DateOnly? ThemeDayDate, IReadOnlyList<string>? AttachmentIds, string? BranchId = null);
    public sealed record ReviewRequest(CaseStatus Status, string? Note);
    public sealed record StageRequest(string? CaseId);
    public sealed record PhaseRequest(StagePhase Phase);
    /// <param name="JudgeIds">Grant ids of the judges chosen for the round; null (or left out) for every judge of the event.</param>
    public sealed record PanelRequest(IReadOnlyList<string>? JudgeIds);
    /// <param name="Chosen">The round's choice; null when every judge of the event is on the panel.</param>
    /// <param name="Judges">Every judge whose link is valid for the round's event, each marked if it is on the round's panel.</param>
    public sealed record PanelView(IReadOnlyList<string>? Chosen, IReadOnlyList<PanelJudge> Judges);
    public sealed record PanelJudge(string GrantId, string Name, string? BranchId, bool OnPanel);
    /// <param name="Tally">Null while a secret round is not yet closed: turnout only (Round.Ballots), for the organiser too.</param>
    public sealed record RoundDetails(RoundView Round, IReadOnlyDictionary<string, int>? Tally, StageView? Stage);

    /// <param name="ClosesAt">An instant with its offset (ISO 8601, e.g. 2026-12-02T20:00:00+08:00); null removes the closing time.</param>
    public sealed record ClosingTimeRequest(DateTimeOffset? ClosesAt);

    /// <param name="ConfirmUnscored">The organiser has seen the cases never scored on stage and publishes them as 未评分.</param>
    public sealed record PublishRequest(bool ConfirmUnscored = false);

    public static void MapSelectionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/selection").RequireAuthorization(Roles.Organiser).WithTags("Selection");

        api.MapGet("/events", (IGrainFactory grains) => grains.GetGrain<ISelectionEventsGrain>(0).List());
        api.MapPost("/events", async (TitleRequest request, IGrainFactory grains) =>
        {
            var created = await grains.GetGrain<ISelectionEventsGrain>(0).Create(request.Title ?? string.Empty);
            return TypedResults.Created($"/api/selection/events/{created.EventId}", created);
        });
        api.MapGet("/events/{eventId}", async (string eventId, IGrainFactory grains) =>
            await Event(grains, eventId).Get() ?? throw RuleViolation.NotFound("selection.not-found"));
        api.MapPut("/events/{eventId}", (string eventId, TitleRequest request, IGrainFactory grains) =>
            Event(grains, eventId).Rename(request.Title ?? string.Empty));
        api.MapPut("/events/{eventId}/rubric", (string eventId, RubricRequest request, IGrainFactory grains) =>
            Event(grains, eventId).SetRubric(request.Criteria ?? [], request.TrimK, request.WhenTooFewToTrim ?? TooFewToTrim.AverageAll));

        api.MapPost("/events/{eventId}/cases", async (string eventId, CaseRequest request, IGrainFactory grains) =>
        {
            var created = await Event(grains, eventId).SubmitCase(await Submission(grains, request));
            return TypedResults.Created($"/api/selection/events/{eventId}/cases/{created.CaseId}", created);
        });
        api.MapPut("/events/{eventId}/cases/{caseId}", async (string eventId, string caseId, CaseRequest request, IGrainFactory grains) =>
            await Event(grains, eventId).UpdateCase(caseId, await Submission(grains, request)));
        api.MapPost("/events/{eventId}/cases/{caseId}/review", (string eventId, string caseId, ReviewRequest request, IGrainFactory grains) =>
            Event(grains, eventId).ReviewCase(caseId, request.Status, request.Note));
        api.MapDelete("/events/{eventId}/cases/{caseId}", async (string eventId, string caseId, IGrainFactory grains) =>
        {
            await Event(grains, eventId).RemoveCase(caseId);
            return TypedResults.NoContent();
        });

        api.MapPost("/events/{eventId}/rounds", async (string eventId, RoundSettings settings, IGrainFactory grains) =>
        {
            var round = await Event(grains, eventId).CreateRound(settings);
            return TypedResults.Created($"/api/selection/rounds/{round.RoundId}", round);
        });
        api.MapGet("/rounds/{roundId}", async (string roundId, IGrainFactory grains) =>
        {
            var round = await RequireRound(grains, roundId);
            var stage = round.Settings.Kind == RoundKind.LiveFinal ? await grains.GetGrain<IJudgingGrain>(roundId).GetStage() : null;
            return new RoundDetails(round, await grains.GetGrain<IRoundGrain>(roundId).GetTally(), stage);
        });
        api.MapPut("/rounds/{roundId}", async (string roundId, RoundSettings settings, IGrainFactory grains) =>
            await Event(grains, (await RequireRound(grains, roundId)).EventId).ConfigureRound(roundId, settings));
        api.MapPost("/rounds/{roundId}/open", async (string roundId, IGrainFactory grains) =>
        {
            await RequireRound(grains, roundId);
            var overview = await grains.GetGrain<IOrganisationGrain>(OrganisationIds.Default).GetOverview();
            var branches = overview.Branches.Select(b => new BranchTurnout(b.BranchId, b.Name, 0, b.MemberCount)).ToList();
            return await grains.GetGrain<IRoundGrain>(roundId).Open(new RoundOpening(branches));
        });
        api.MapPost("/rounds/{roundId}/close", async (string roundId, IGrainFactory grains) =>
        {
            await RequireRound(grains, roundId);
            return await grains.GetGrain<IRoundGrain>(roundId).Close();
        });
        // A closing time for a draft or open round (null removes it): the round closes itself then.
        api.MapPut("/rounds/{roundId}/closing-time", async (string roundId, ClosingTimeRequest request, IGrainFactory grains) =>
        {
            await RequireRound(grains, roundId);
            return await grains.GetGrain<IRoundGrain>(roundId).SetClosingTime(request.ClosesAt);
        });
        // The body is optional: without it, a live final with unscored cases is refused with their names (409).
        api.MapPost("/rounds/{roundId}/publish", async (string roundId, PublishRequest? request, IGrainFactory grains) =>
            await Event(grains, (await RequireRound(grains, roundId)).EventId).PublishRound(roundId, request?.ConfirmUnscored == true));

        api.MapPost("/rounds/{roundId}/stage", async (string roundId, StageRequest request, IGrainFactory grains) =>
        {
            var round = await RequireRound(grains, roundId);
            if (round.Settings.Kind != RoundKind.LiveFinal)
            {
                throw RuleViolation.Conflict("judging.not-live");
            }

            if (round.Status is not (RoundStatus.Open or RoundStatus.Closed))
            {
                throw RuleViolation.Conflict("judging.round-not-live");
            }

            var onStage = round.Cases.FirstOrDefault(c => c.CaseId == request.CaseId) ?? throw RuleViolation.NotFound("case.not-found");
            var selection = await Event(grains, round.EventId).Get() ?? throw RuleViolation.NotFound("selection.not-found");
            var panel = (await EventJudges(grains, round.EventId)).Select(g => new JudgeSeat(g.GrantId, g.Name, g.BranchId)).ToList();
            return await grains.GetGrain<IJudgingGrain>(roundId).PresentCase(
                new StageCase(onStage.CaseId, onStage.Title, onStage.BranchId, onStage.BranchName), panel, selection.Rubric, selection.TrimK, selection.WhenTooFewToTrim);
        });
        // The round's panel: which of the event's judges score its cases (from the next case put on stage).
        api.MapGet("/rounds/{roundId}/panel", async (string roundId, IGrainFactory grains) =>
        {
            var round = await RequireLiveRound(grains, roundId);
            return Panel(await grains.GetGrain<IJudgingGrain>(roundId).GetPanel(), await EventJudges(grains, round.EventId));
        });
        api.MapPut("/rounds/{roundId}/panel", async (string roundId, PanelRequest request, IGrainFactory grains) =>
        {
            var round = await RequireLiveRound(grains, roundId);
            var judges = await EventJudges(grains, round.EventId);
            if (request.JudgeIds?.Any(id => judges.All(j => j.GrantId != id)) == true)
            {
                throw RuleViolation.Invalid("judging.panel-unknown");
            }

            return Panel(await grains.GetGrain<IJudgingGrain>(roundId).SetPanel(request.JudgeIds), judges);
        });
        api.MapPost("/rounds/{roundId}/stage/phase", async (string roundId, PhaseRequest request, IGrainFactory grains) =>
        {
            await RequireRound(grains, roundId);
            return await grains.GetGrain<IJudgingGrain>(roundId).Advance(request.Phase);
        });
        api.MapGet("/rounds/{roundId}/scores", async (string roundId, IGrainFactory grains) =>
        {
            await RequireRound(grains, roundId);
            return await grains.GetGrain<IJudgingGrain>(roundId).GetScores();
        });
        api.MapGet("/rounds/{roundId}/export.xlsx", ResultsExport.Handle);
        api.MapGet("/rounds/{roundId}/audit", async (string roundId, int? limit, IGrainFactory grains) =>
        {
            var round = await RequireRound(grains, roundId);
            var streams = new List<string> { $"round:{roundId}" };
            if (round.Settings.Secret)
            {
                streams.Add($"round:{roundId}:voters");

                // The ballot box holds every choice: counting it would be the tally a secret round keeps until close.
                if (round.Status is RoundStatus.Closed or RoundStatus.Published)
                {
                    streams.Add($"round:{roundId}:box");
                }
            }

            if (round.Settings.Kind == RoundKind.LiveFinal)
            {
                streams.Add($"judging:{roundId}");
            }

            var audit = grains.GetGrain<IAuditGrain>(0);
            return await Task.WhenAll(streams.Select(s => audit.Read(s, limit ?? 200)));
        });
    }

    /// <summary>Judges whose link is valid for the event: issued for it, or for any event.</summary>
    private static async Task<IReadOnlyList<AccessGrant>> EventJudges(IGrainFactory grains, string eventId) =>
        (await grains.GetGrain<IAccessGrantsGrain>(0).List())
            .Where(g => g.Role == GrantRole.Judge && (g.Scope is null || g.Scope == eventId))
            .ToList();

    private static PanelView Panel(RoundPanel panel, IReadOnlyList<AccessGrant> judges) =>
        new(panel.JudgeIds, judges.Select(j => new PanelJudge(j.GrantId, j.Name, j.BranchId, panel.JudgeIds?.Contains(j.GrantId) ?? true)).ToList());

    private static async Task<RoundView> RequireLiveRound(IGrainFactory grains, string roundId)
    {
        var round = await RequireRound(grains, roundId);
        return round.Settings.Kind == RoundKind.LiveFinal ? round : throw RuleViolation.Conflict("judging.not-live");
    }

    private static async Task<CaseSubmission> Submission(IGrainFactory grains, CaseRequest request)
    {
        var branch = string.IsNullOrWhiteSpace(request.BranchId) ? null : await grains.GetGrain<IBranchGrain>(request.BranchId).GetSummary();
        if (branch is null)
        {
            throw RuleViolation.Invalid("case.no-branch");
        }

        return await Submission(grains, branch, request);
    }

    /// <summary>A case for the given branch, with its already uploaded files looked up by id.</summary>
    public static async Task<CaseSubmission> Submission(IGrainFactory grains, BranchSummary branch, CaseRequest request)
    {
        var attachments = new List<AttachmentRef>();
        foreach (var id in (request.AttachmentIds ?? []).Take(10))
        {
            var content = await grains.GetGrain<IAttachmentGrain>(id).Read() ?? throw RuleViolation.Invalid("attachment.not-found", id);
            attachments.Add(content.Ref);
        }

        return new CaseSubmission(branch.BranchId, branch.Name, request.Title ?? string.Empty, request.Summary ?? string.Empty, request.ThemeDayDate, attachments);
    }

    public static async Task<RoundView> RequireRound(IGrainFactory grains, string roundId)
    {
        var round = await grains.GetGrain<IRoundGrain>(roundId).Get();
        return string.IsNullOrEmpty(round.EventId) ? throw RuleViolation.NotFound("round.not-found") : round;
    }

    private static ISelectionEventGrain Event(IGrainFactory grains, string eventId) => grains.GetGrain<ISelectionEventGrain>(eventId);
}
