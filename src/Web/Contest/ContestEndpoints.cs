using System.Security.Claims;
using Engagement.Contest;
using Engagement.Organisation;
using Engagement.Web.Access;

namespace Engagement.Web.Contest;

/// <summary>
/// The knowledge contest over HTTP for organisers: create and set up a contest, fix or draw its questions from the
/// bank, host the hall round step by step, run the stage final, and take the results away. Anyone may read what the
/// big screen shows (<c>/api/public/contests</c>); the grains decide what that reveals.
/// </summary>
public static class ContestEndpoints
{
    public sealed record TitleRequest(string? Title);
    public sealed record QuestionIdsRequest(IReadOnlyList<string> QuestionIds);

    /// <summary>A stage question names a bank question by id; the stage keeps its own copy.</summary>
    public sealed record StageQuestionRequest(int No, StagePart Part, string QuestionId, string? TeamId = null);
    public sealed record StageSetupRequest(StageRules Rules, IReadOnlyList<StageTeam> Teams, IReadOnlyList<StageQuestionRequest> Questions);
    public sealed record QuestionNoRequest(int QuestionNo);
    public sealed record JudgeRequest(int QuestionNo, string TeamId, bool Correct);
    public sealed record RiskRequest(string TeamId, int QuestionNo, int Value);
    public sealed record CorrectionRequest(long JudgementSeq, bool Correct, string Reason);
    public sealed record AdjustmentRequest(string TeamId, int Points, string Reason);

    /// <summary>Everything the contest pages register in Program.cs: one line there.</summary>
    public static void MapContestApi(this IEndpointRouteBuilder app)
    {
        app.MapQuestionBankApi();
        app.MapContestHostApi();
        app.MapAnswerApi();
        app.MapTeamDeskApi();
        app.MapContestAudit();
    }

    private static void MapContestHostApi(this IEndpointRouteBuilder app)
    {
        var org = app.MapGroup("/api/contests").RequireAuthorization(Roles.Organiser).WithTags("Contest");
        org.MapGet("/", (IGrainFactory grains) => Directory(grains).List());
        org.MapPost("/", async (TitleRequest request, IGrainFactory grains) =>
        {
            var created = await Directory(grains).Create(request.Title ?? string.Empty);
            return TypedResults.Created($"/api/contests/{created.ContestId}", created);
        });
        org.MapGet("/{id}", async (string id, IGrainFactory grains) => await (await Existing(grains, id)).Get());
        org.MapPut("/{id}/settings", async (string id, ContestSettings settings, IGrainFactory grains) =>
            await (await Existing(grains, id)).Configure(settings));
        org.MapPut("/{id}/questions", async (string id, QuestionIdsRequest request, IGrainFactory grains) =>
        {
            var contest = await Existing(grains, id);
            var bank = await QuestionBankEndpoints.Bank(grains).Get();
            return await contest.SetQuestions(request.QuestionIds.Select(q => FromBank(bank, q)).ToList());
        });
        org.MapPost("/{id}/draw", async (string id, QuestionDrawRequest draw, IGrainFactory grains) =>
        {
            var contest = await Existing(grains, id);
            return await contest.Draw(await QuestionBankEndpoints.Bank(grains).Get(), draw);
        });
        org.MapPost("/{id}/start", async (string id, IGrainFactory grains) =>
        {
            var contest = await Existing(grains, id);
            // Participation rates are against the roster as it is at the start, frozen in the contest.
            var overview = await grains.GetGrain<IOrganisationGrain>(OrganisationIds.Default).GetOverview();
            return await contest.Start(overview.Branches.Select(b => new ContestBranch(b.BranchId, b.Name, b.District, b.MemberCount)).ToList());
        });
        org.MapPost("/{id}/step", async (string id, HostStep step, IGrainFactory grains) => await (await Existing(grains, id)).Step(step));
        org.MapPost("/{id}/finish", async (string id, IGrainFactory grains) => await (await Existing(grains, id)).Finish());
        org.MapGet("/{id}/record", async (string id, IGrainFactory grains) => await (await Existing(grains, id)).GetRecord());
        org.MapGet("/{id}/print", async (string id, IGrainFactory grains) =>
        {
            await Existing(grains, id);
            return await ContestPaper.Print(grains, id);
        });
        org.MapGet("/{id}/export.xlsx", async (string id, IGrainFactory grains, HttpContext http) =>
        {
            await Existing(grains, id);
            return await ContestPaper.Export(grains, id, http.RequestAborted);
        });

        // The stage final: the host's laptop drives it; the actor on the ledger is the organiser's user name.
        org.MapGet("/{id}/stage", async (string id, IGrainFactory grains) => await (await Stage(grains, id)).Get());
        org.MapPut("/{id}/stage", async (string id, StageSetupRequest request, IGrainFactory grains) =>
        {
            var stage = await Stage(grains, id);
            var bank = await QuestionBankEndpoints.Bank(grains).Get();
            var questions = request.Questions.Select(q => new StageQuestion(q.No, q.Part, FromBank(bank, q.QuestionId), q.TeamId)).ToList();
            return await stage.Configure(new StageSetup(request.Rules, request.Teams, questions));
        });
        org.MapPost("/{id}/stage/start", async (string id, IGrainFactory grains) => await (await Stage(grains, id)).Start());
        org.MapPost("/{id}/stage/present", async (string id, QuestionNoRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            await (await Stage(grains, id)).Present(request.QuestionNo, Actor(user)));
        org.MapPost("/{id}/stage/open-buzzing", async (string id, QuestionNoRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            await (await Stage(grains, id)).OpenBuzzing(request.QuestionNo, Actor(user)));
        org.MapPost("/{id}/stage/judge", async (string id, JudgeRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            await (await Stage(grains, id)).Judge(new JudgementRequest(request.QuestionNo, request.TeamId, request.Correct, Actor(user))));
        org.MapPost("/{id}/stage/risk", async (string id, RiskRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            await (await Stage(grains, id)).ChooseRisk(new RiskChoice(request.TeamId, request.QuestionNo, request.Value, Actor(user))));
        org.MapPost("/{id}/stage/corrections", async (string id, CorrectionRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            await (await Stage(grains, id)).CorrectJudgement(new JudgementCorrection(request.JudgementSeq, request.Correct, request.Reason, Actor(user))));
        org.MapPost("/{id}/stage/adjustments", async (string id, AdjustmentRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
            await (await Stage(grains, id)).Adjust(new PointsAdjustment(request.TeamId, request.Points, request.Reason, Actor(user))));
        org.MapPost("/{id}/stage/finish", async (string id, ClaimsPrincipal user, IGrainFactory grains) =>
            await (await Stage(grains, id)).Finish(Actor(user)));

        var open = app.MapGroup("/api/public/contests").WithTags("Contest");
        open.MapGet("/{id}/live", async (string id, IGrainFactory grains) =>
            (ContestLive)(await (await Existing(grains, id)).GetSnapshot()).Payload);
        open.MapGet("/{id}/stage", async (string id, IGrainFactory grains) =>
            (StageLive)(await (await Stage(grains, id)).GetSnapshot()).Payload);
    }

    public static IContestsGrain Directory(IGrainFactory grains) => grains.GetGrain<IContestsGrain>(0);

    /// <summary>The contest, if the directory has it: an unknown id is a 404, never a new empty contest.</summary>
    public static async Task<IContestGrain> Existing(IGrainFactory grains, string id)
    {
        await RequireContest(grains, id);
        return grains.GetGrain<IContestGrain>(id);
    }

    public static async Task<IStageFinalGrain> Stage(IGrainFactory grains, string id)
    {
        await RequireContest(grains, id);
        return grains.GetGrain<IStageFinalGrain>(id);
    }

    public static async Task<ContestSummary> RequireContest(IGrainFactory grains, string id) =>
        (await Directory(grains).List()).FirstOrDefault(c => c.ContestId == id) ?? throw RuleViolation.NotFound("contest.not-found");

    /// <summary>A copy of the bank's question; an id the bank does not have is named in the refusal.</summary>
    private static Question FromBank(QuestionBankView bank, string questionId) =>
        bank.Questions.FirstOrDefault(q => q.QuestionId == questionId) ?? throw RuleViolation.Invalid("contest.unknown-question", questionId);

    private static string Actor(ClaimsPrincipal user) => user.FindFirstValue(Claims.Subject) ?? user.Identity?.Name ?? "organiser";
}
