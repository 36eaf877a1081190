using Engagement.Access;
using Engagement.Organisation;
using Engagement.Screens;
using Engagement.Selection;

namespace Engagement.Web.Demo;

/// <summary>
/// The demo case selection: 24 cases from 24 branches, 7 judges (two affiliated with branches that have
/// cases, so recusal shows), an online preliminary round already voted on and published, and a live
/// final round open with its first case on stage, so a newcomer can watch the whole flow at once.
/// </summary>
public static class DemoSelection
{
    private static readonly string[] Themes =
    [
        "重温入党誓词 牢记初心使命", "走进红色教育基地 赓续红色血脉", "“红烛先锋”志愿服务进社区", "学习贯彻党的创新理论读书会",
        "党员教师示范课展评", "“双减”背景下的家校共育实践", "清廉校园建设主题党日", "退休老党员讲党课",
        "党建引领课后服务提质增效", "红色经典诵读会", "劳动教育实践基地共建", "“我为群众办实事”走访家访",
        "安全教育进课堂主题党日", "乡村学校结对帮扶", "党史知识竞赛", "师德师风专题研讨",
        "红色研学旅行路线设计", "“学雷锋”志愿服务月", "民族团结进步主题教育", "党员先锋岗亮诺践诺",
        "科技创新教育成果展", "心理健康教育主题党日", "书香校园共读一本书", "“五育并举”成果汇报",
    ];

    private static readonly (string Name, int? BranchIndex)[] Judges =
    [
        ("王建国（县委组织部）", null), ("李红梅（教育局）", 0), ("张志强（党校）", null), ("陈晓燕（教研室）", 2),
        ("刘卫东（退休干部）", null), ("赵丽华（宣传部）", null), ("孙明（教师代表）", null),
    ];

    public static async Task SeedAsync(IGrainFactory grains, ILogger logger)
    {
        var events = grains.GetGrain<ISelectionEventsGrain>(0);
        if ((await events.List()).Count > 0)
        {
            return;
        }

        var overview = await grains.GetGrain<IOrganisationGrain>(OrganisationIds.Default).GetOverview();
        var branches = overview.Branches.Take(Themes.Length).ToList();
        var created = await events.Create("2026年度优秀主题党日活动案例评选");
        var selection = grains.GetGrain<ISelectionEventGrain>(created.EventId);
        var caseIds = new List<string>();
        for (var i = 0; i < branches.Count; i++)
        {
            var submitted = await selection.SubmitCase(new CaseSubmission(
                branches[i].BranchId, branches[i].Name, Themes[i],
                $"{branches[i].Name}组织全体党员开展主题党日活动：{Themes[i]}。党员参与率高，形式新颖，成效明显。",
                new DateOnly(2026, 3 + (i % 8), 1 + i), []));
            await selection.ReviewCase(submitted.CaseId, CaseStatus.Accepted, null);
            caseIds.Add(submitted.CaseId);
        }

        var grants = grains.GetGrain<IAccessGrantsGrain>(0);
        foreach (var (name, branchIndex) in Judges)
        {
            await grants.Create(new NewAccessGrant(GrantRole.Judge, name, branchIndex is { } b ? branches[b].BranchId : null, created.EventId));
        }

        var opening = new RoundOpening(overview.Branches.Select(b => new BranchTurnout(b.BranchId, b.Name, 0, b.MemberCount)).ToList());

        // Round 1: the online preliminary, already voted on by some members and published.
        var preliminary = await selection.CreateRound(new RoundSettings("线上初评投票", RoundKind.Vote, caseIds, 1, 5, false,
            RevotePolicy.FirstBallotFinal, false, true, 0m, 1m, VoteMethod.MaxNormalised));
        var round = grains.GetGrain<IRoundGrain>(preliminary.RoundId);
        await round.Open(opening);
        var random = new Random(7);
        var voters = DemoOrganisation.Build().Take(360).ToList();
        var memberBranch = overview.Branches.ToDictionary(b => b.Name, b => b.BranchId);
        await Task.WhenAll(voters.Select(async (member, i) =>
        {
            var branchId = memberBranch[member.Branch];
            var choices = caseIds.Where((_, c) => branches[c].BranchId != branchId)
                .OrderBy(_ => random.Next(3 * caseIds.Count) - caseIds.IndexOf(_) / 2).Take(1 + i % 5).ToList();
            await round.Vote(new BallotRequest(member.MemberNo, branchId, $"demo-{i:D6}", choices));
        }));
        await round.Close();
        await selection.PublishRound(preliminary.RoundId, confirmUnscored: false);

        // Round 2: the live final of the top eight, open for voting, first case on stage.
        var results = (await round.Get()).Results!;
        var finalists = results.Ranking.OrderBy(r => r.Rank).Take(8).Select(r => r.CaseId).ToList();
        var final = await selection.CreateRound(new RoundSettings("现场终评", RoundKind.LiveFinal, finalists, 1, 3, false,
            RevotePolicy.FirstBallotFinal, false, true, 0.7m, 0.3m, VoteMethod.MaxNormalised));
        await grains.GetGrain<IRoundGrain>(final.RoundId).Open(opening);
        var onStage = (await grains.GetGrain<IRoundGrain>(final.RoundId).Get()).Cases[0];
        var panel = (await grants.List()).Where(g => g.Role == GrantRole.Judge && g.Scope == created.EventId)
            .Select(g => new JudgeSeat(g.GrantId, g.Name, g.BranchId)).ToList();
        var rubric = (await selection.Get())!;
        await grains.GetGrain<IJudgingGrain>(final.RoundId).PresentCase(
            new StageCase(onStage.CaseId, onStage.Title, onStage.BranchId, onStage.BranchName), panel, rubric.Rubric, rubric.TrimK, rubric.WhenTooFewToTrim);
        await grains.GetGrain<IScreenGrain>(ScreenIds.Main).Show(new ScreenContent(created.Title, "现场终评投票进行中", ScreenMode.Voting, final.RoundId));
        logger.LogInformation("Demo selection seeded: event {EventId}, preliminary {Preliminary} published, live final {Final} open",
            created.EventId, preliminary.RoundId, final.RoundId);
    }
}
