using Engagement.Selection;

namespace Engagement.Tests.Selection.Conformance;

/// <summary>
/// An open round made through the grain API (event → cases → review → round → open), with an
/// electorate of members DY0000, DY0001 … spread over four branches, each with a case in the round.
/// </summary>
public sealed record TestRound(string EventId, string RoundId, IReadOnlyList<string> CaseIds)
{
    public static readonly IReadOnlyList<(string Id, string Name)> Branches =
    [
        ("b1", "第一中学党支部"),
        ("b2", "实验小学党支部"),
        ("b3", "教育局机关党支部"),
        ("b4", "退休党支部"),
    ];

    public const int EligiblePerBranch = 100;

    public static async Task<TestRound> OpenAsync(IGrainFactory grains, RevotePolicy revote = RevotePolicy.FirstBallotFinal, bool secret = false)
    {
        var round = await DraftAsync(grains, revote, secret);
        var opened = await grains.GetGrain<IRoundGrain>(round.RoundId).Open(Opening);
        Assert.Equal(RoundStatus.Open, opened.Status);
        return round;
    }

    /// <summary>A configured round not yet open, named <see cref="DraftName"/>.</summary>
    public static async Task<TestRound> DraftAsync(IGrainFactory grains, RevotePolicy revote = RevotePolicy.FirstBallotFinal, bool secret = false)
    {
        var summary = await grains.GetGrain<ISelectionEventsGrain>(0).Create("2026年度优秀主题党日活动案例评选");
        var selection = grains.GetGrain<ISelectionEventGrain>(summary.EventId);
        var caseIds = new List<string>();
        foreach (var (id, name) in Branches)
        {
            var info = await selection.SubmitCase(new CaseSubmission(id, name, $"{name}主题党日", "重温入党誓词，参观革命旧址。", null, []));
            await selection.ReviewCase(info.CaseId, CaseStatus.Accepted, null);
            caseIds.Add(info.CaseId);
        }

        var round = await selection.CreateRound(Settings(caseIds, revote, secret));
        Assert.Equal(RoundStatus.Draft, round.Status);
        return new TestRound(summary.EventId, round.RoundId, caseIds);
    }

    public const string DraftName = "网络投票";

    public static RoundSettings Settings(IReadOnlyList<string> caseIds, RevotePolicy revote = RevotePolicy.FirstBallotFinal, bool secret = false, string name = DraftName) =>
        new(name, RoundKind.Vote, caseIds.ToList(), MinChoices: 1, MaxChoices: 2, AllowOwnBranch: true, revote, secret,
            ShowLiveTallies: false, JudgeWeight: 0m, VoteWeight: 1m, VoteMethod.MaxNormalised);

    /// <summary>The four branches' electorates, as the organiser's open sends them.</summary>
    public static RoundOpening Opening { get; } =
        new(Branches.Select(b => new BranchTurnout(b.Id, b.Name, 0, EligiblePerBranch)).ToList());

    public string MainStream => $"round:{RoundId}";

    public string VoterStream => $"round:{RoundId}:voters";

    public string BoxStream => $"round:{RoundId}:box";

    public static string MemberNo(int member) => $"DY{member:D4}";

    public static string BranchOf(int member) => Branches[member % Branches.Count].Id;

    /// <summary>Member <paramref name="member"/>'s ballot number <paramref name="variant"/>: one or two cases, varying with both.</summary>
    public BallotRequest Ballot(int member, int variant = 0)
    {
        var first = (member + variant) % CaseIds.Count;
        IReadOnlyList<string> choices = (member + variant) % 3 == 0 ? [CaseIds[first], CaseIds[(first + 1) % CaseIds.Count]] : [CaseIds[first]];
        return new BallotRequest(MemberNo(member), BranchOf(member), $"ballot-{member:D4}-{variant}", choices);
    }

    /// <summary>The tally the given counted ballots must add up to, every case listed.</summary>
    public IReadOnlyDictionary<string, int> TallyOf(IEnumerable<BallotRequest> counted)
    {
        var tally = CaseIds.ToDictionary(c => c, _ => 0);
        foreach (var choice in counted.SelectMany(b => b.Choices))
        {
            tally[choice]++;
        }

        return tally;
    }
}

/// <summary>What became of one ballot: a receipt, or a refusal with its code. Anything else fails the test.</summary>
public sealed record BallotOutcomeSeen(BallotRequest Ballot, BallotReceipt? Receipt, string? Refusal)
{
    public static async Task<BallotOutcomeSeen> Of(BallotRequest ballot, Task<BallotReceipt> vote)
    {
        try
        {
            return new BallotOutcomeSeen(ballot, await vote, null);
        }
        catch (RuleViolation violation)
        {
            return new BallotOutcomeSeen(ballot, null, violation.Code);
        }
    }
}
