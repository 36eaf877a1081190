using Engagement.Contest;

namespace Engagement.Tests.Contest.Grains;

/// <summary>
/// A hall round made through the grain API for tests: created in the directory, configured with a short countdown,
/// three questions (single choice B, multiple choice AC, true/false A; 10 points each, no bonus, no penalty) and two
/// branches in two districts.
/// </summary>
public sealed record TestContest(string ContestId)
{
    public const int Seconds = 5;

    public string Stream => $"contest:{ContestId}";

    public static IReadOnlyList<Question> Questions { get; } =
    [
        new("H1", QuestionType.Single, "中国共产党第一次全国代表大会在哪一年召开？", ["1919", "1921", "1927", "1949"], "B", "1921 年 7 月在上海召开。", 10, "党史", "易"),
        new("H2", QuestionType.Multiple, "下列哪些城市召开过党的全国代表大会？", ["上海", "北京", "嘉兴", "拉萨"], "AC", "一大在上海开幕、嘉兴南湖闭幕。", 10, "党史", "中"),
        new("H3", QuestionType.TrueFalse, "遵义会议于 1935 年召开。", [], "A", "1935 年 1 月。", 10, "党史", "易"),
    ];

    public static IReadOnlyList<ContestBranch> Branches { get; } =
    [
        new("b1", "第一支部", "东区", 100),
        new("b2", "第二支部", "西区", 150),
    ];

    public static ContestSettings Settings(string title = "党史知识竞赛", int seconds = Seconds) =>
        new(title, new HallScoring(SpeedBonus: false, WrongPenalty: 0, PartialCredit.None, seconds), GroupRanking.Average, TopMembers: 3);

    public IContestGrain Grain(IGrainFactory grains) => grains.GetGrain<IContestGrain>(ContestId);

    /// <summary>Created and configured, with its questions, not started.</summary>
    public static async Task<TestContest> DraftAsync(IGrainFactory grains, int seconds = Seconds)
    {
        var created = await grains.GetGrain<IContestsGrain>(0).Create("党史知识竞赛");
        var contest = new TestContest(created.ContestId);
        await contest.Grain(grains).Configure(Settings(seconds: seconds));
        await contest.Grain(grains).SetQuestions(Questions);
        return contest;
    }

    public static async Task<TestContest> RunningAsync(IGrainFactory grains, int seconds = Seconds)
    {
        var contest = await DraftAsync(grains, seconds);
        await contest.Grain(grains).Start(Branches);
        return contest;
    }

    /// <summary>Shows and opens question <paramref name="n"/> (the one before must be revealed).</summary>
    public async Task<ContestView> OpenAsync(IGrainFactory grains, int n)
    {
        await Grain(grains).Step(new HostStep(n, HallPhase.Shown));
        return await Grain(grains).Step(new HostStep(n, HallPhase.Open));
    }

    /// <summary>What a person would compare in a view: where the round stands, its counts, revision and hash.</summary>
    public static object Seen(ContestView v) =>
        (v.Status, v.Questions.Count, v.Current, v.Phase, v.OpenedAt, v.ClosesAt, v.Answered, v.Revision, v.Live.Participants, v.Live.FinalHash,
            v.Live.Reveal?.Answered, v.Live.Reveal?.Correct, string.Join(",", v.Live.Standings?.Members.Select(m => $"{m.MemberNo}:{m.Points}:{m.Rank}") ?? []));

    public static AnswerRequest Answer(int member, int n, string choice, string? answerId = null) =>
        new(answerId ?? $"answer-{member:D4}-{n:D2}", $"M{member:D4}", $"成员{member}", member % 2 == 0 ? "b1" : "b2", n, choice);
}
