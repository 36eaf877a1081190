using System.Security.Claims;
using Engagement.Selection;
using Engagement.Web.Access;

namespace Engagement.Web.Selection;

/// <summary>
/// A member's phone: the rounds they can vote in and their ballot. The member and their branch come
/// from their sign-in, never from the request body, so a code works only for its own member.
/// </summary>
public static class VotingEndpoints
{
    public sealed record BallotBody(string? BallotId, IReadOnlyList<string>? Choices);
    public sealed record MemberRound(RoundLive Round, RoundSettings Settings, MemberBallotView Mine, string? OwnBranchId);
    public sealed record ReceiptCheck(string Receipt, bool Counted);

    /// <summary>
    /// What a member's phone lists: the rounds they can vote in and the recently ended ones. Also sent with the
    /// member's sign-in (and /api/auth/me), so a phone that has just scanned its code shows the ballot without
    /// waiting for one more round trip on a slow network.
    /// </summary>
    public static async Task<List<MemberRound>> RoundsFor(ClaimsPrincipal user, IGrainFactory grains)
    {
        var memberNo = user.FindFirstValue(Claims.Subject)!;
        var rounds = new List<MemberRound>();
        foreach (var roundId in await ActiveRoundIds(grains))
        {
            var round = grains.GetGrain<IRoundGrain>(roundId);
            var view = await round.Get();
            var live = (RoundLive)(await round.GetSnapshot()).Payload;
            rounds.Add(new MemberRound(live, view.Settings, await round.GetMemberView(memberNo), user.FindFirstValue(Claims.BranchId)));
        }

        return rounds;
    }

    /// <summary>
    /// Grain references of rounds that took ballots on this host: resolving a reference from its id parses type
    /// names each time, a few percent of a ballot's cost in the profile (docs/benchmarks.md). References never go stale.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IRoundGrain> Rounds = new(StringComparer.Ordinal);
    private const int MaxRememberedRounds = 1024;

    public static void MapVotingApi(this IEndpointRouteBuilder app)
    {
        var member = app.MapGroup("/api/member").RequireAuthorization(Roles.Member).WithTags("Voting");

        member.MapGet("/rounds", (ClaimsPrincipal user, IGrainFactory grains) => RoundsFor(user, grains));

        member.MapPost("/rounds/{roundId}/ballots", async (string roundId, BallotBody body, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var ballot = new BallotRequest(
                user.FindFirstValue(Claims.Subject)!,
                user.FindFirstValue(Claims.BranchId) ?? string.Empty,
                body.BallotId ?? string.Empty,
                body.Choices ?? []);
            // The hot path: one grain call per ballot (the round itself answers "not found" for an unknown id).
            var round = Rounds.TryGetValue(roundId, out var known) ? known : grains.GetGrain<IRoundGrain>(roundId);
            var receipt = await round.Vote(ballot);
            if (known is null && Rounds.Count < MaxRememberedRounds)
            {
                // Only rounds that took a ballot are remembered, so made-up ids cannot grow the map.
                Rounds.TryAdd(roundId, round);
            }

            return receipt;
        }).RequireRateLimiting(Engagement.Web.Operations.RateLimits.Ballots);

        var open = app.MapGroup("/api/rounds").WithTags("Voting");
        open.MapGet("/{roundId}/live", async (string roundId, IGrainFactory grains) =>
        {
            await SelectionEndpoints.RequireRound(grains, roundId);
            return (RoundLive)(await grains.GetGrain<IRoundGrain>(roundId).GetSnapshot()).Payload;
        });
        open.MapGet("/{roundId}/stage", async (string roundId, IGrainFactory grains) =>
        {
            await SelectionEndpoints.RequireRound(grains, roundId);
            return await grains.GetGrain<IJudgingGrain>(roundId).GetStage();
        });
        open.MapGet("/{roundId}/receipts/{receipt}", async (string roundId, string receipt, IGrainFactory grains) =>
        {
            var round = await SelectionEndpoints.RequireRound(grains, roundId);
            if (round.Status != RoundStatus.Published)
            {
                throw RuleViolation.Conflict("round.not-published");
            }

            var normalised = BallotCodes.NormaliseReceipt(receipt);
            return new ReceiptCheck(normalised, await grains.GetGrain<IRoundGrain>(roundId).HasReceipt(normalised));
        });
        open.MapGet("/{roundId}/receipts", async (string roundId, IGrainFactory grains) =>
        {
            var round = await SelectionEndpoints.RequireRound(grains, roundId);
            return round.Status == RoundStatus.Published
                ? await grains.GetGrain<IRoundGrain>(roundId).GetReceipts()
                : throw RuleViolation.Conflict("round.not-published");
        });
        open.MapGet("/{roundId}/results", async (string roundId, IGrainFactory grains) =>
        {
            var round = await SelectionEndpoints.RequireRound(grains, roundId);
            return round.Results ?? throw RuleViolation.Conflict("round.not-published");
        });
    }

    /// <summary>How many closed or published rounds a phone lists besides the open ones: the newest events' last rounds.</summary>
    public const int MaxEndedRounds = 6;

    /// <summary>
    /// Rounds a member may see: every open one, and the most recent closed or published ones (newest event
    /// first), so a reload after the close keeps the member's receipt and choices and tells a non-voter it closed.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ActiveRoundIds(IGrainFactory grains)
    {
        var open = new List<string>();
        var ended = new List<string>();
        foreach (var summary in await grains.GetGrain<ISelectionEventsGrain>(0).List())
        {
            var selection = await grains.GetGrain<ISelectionEventGrain>(summary.EventId).Get();
            foreach (var roundId in (selection?.RoundIds ?? []).Reverse())
            {
                var status = (await grains.GetGrain<IRoundGrain>(roundId).Get()).Status;
                if (status == RoundStatus.Open)
                {
                    open.Add(roundId);
                }
                else if ((status is RoundStatus.Closed or RoundStatus.Published) && ended.Count < MaxEndedRounds)
                {
                    ended.Add(roundId);
                }
            }
        }

        return [.. open, .. ended];
    }
}
