using Engagement.Access;
using Engagement.Contest;
using Engagement.Contest.Rules;
using Engagement.Organisation;

namespace Engagement.Web.Demo;

/// <summary>
/// The demo 党史知识竞赛: the embedded bank imported, a hall round of five drawn questions already played by a few
/// hundred demo members on their phones (standings by branch and district), and a stage final of four branch teams
/// under way: the 必答 round judged, two buzzer questions judged and the next one on stage, a desk link per team.
/// </summary>
public static class DemoContest
{
    public const string Title = "党史知识竞赛";
    private const int Seed = 20210701;

    /// <summary>The stage's questions from the bank: a 必答 and a 风险 question per team, and four 抢答 questions.</summary>
    private static readonly string[] Required = ["KD-001", "KD-002", "KD-003", "KD-004"];
    private static readonly string[] Buzzer = ["DS-010", "DS-020", "LL-004", "PD-006"];
    private static readonly string[] Risk = ["DS-012", "DS-025", "DS-026", "DZ-004"];

    public static async Task SeedAsync(IGrainFactory grains, ILogger logger)
    {
        try
        {
            await SeedContestAsync(grains, logger);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The tournament is seeded after this; a failure here must not keep it (or the rest of the demo) away.
            logger.LogError(e, "Seeding the demo contest failed");
        }
    }

    private static async Task SeedContestAsync(IGrainFactory grains, ILogger logger)
    {
        var contests = grains.GetGrain<IContestsGrain>(0);
        if ((await contests.List()).Count > 0)
        {
            return;
        }

        var bank = grains.GetGrain<IQuestionBankGrain>(OrganisationIds.Default);
        var imported = await bank.Import(DemoContestBank.Questions());
        var bankView = await bank.Get();

        var overview = await grains.GetGrain<IOrganisationGrain>(OrganisationIds.Default).GetOverview();
        var created = await contests.Create($"2026年{Title}");
        var contest = grains.GetGrain<IContestGrain>(created.ContestId);
        await contest.Configure(new ContestSettings(created.Title, new HallScoring(SpeedBonus: true, WrongPenalty: 0, PartialCredit.None, AnswerSeconds: 20),
            GroupRanking.AverageTimesParticipation, TopMembers: 10));
        await contest.Draw(bankView, new QuestionDrawRequest([new DrawRule("党史", null, 3), new DrawRule("理论", null, 1), new DrawRule("党章", null, 1)], Seed));
        var started = await contest.Start(overview.Branches.Select(b => new ContestBranch(b.BranchId, b.Name, b.District, b.MemberCount)).ToList());

        var answers = await PlayHallRound(contest, started.Questions, overview);
        await contest.Finish();
        logger.LogInformation("Demo contest seeded: {ContestId}, bank {Rows} questions, {Answers} hall answers", created.ContestId, imported.Rows, answers);

        await SeedStageAsync(grains, created.ContestId, bankView, overview);
        logger.LogInformation("Demo stage final seeded: {ContestId}, four teams, the 必答 round and two 抢答 questions judged", created.ContestId);
    }

    /// <summary>Steps through every question as the host would while demo members answer, in waves so their times differ.</summary>
    private static async Task<int> PlayHallRound(IContestGrain contest, IReadOnlyList<Question> questions, OrganisationOverview overview)
    {
        var branchIds = overview.Branches.ToDictionary(b => b.Name, b => b.BranchId);
        var random = new Random(Seed);
        // Participation differs by branch (the standings rank by average × participation): roughly 40–90% of each.
        var rates = overview.Branches.ToDictionary(b => b.BranchId, _ => 0.4 + random.NextDouble() / 2);
        var players = DemoOrganisation.Build()
            .Where(m => branchIds.ContainsKey(m.Branch))
            .Select(m => (Member: m, BranchId: branchIds[m.Branch], Skill: 0.45 + random.NextDouble() / 2))
            .Where(p => random.NextDouble() < rates[p.BranchId])
            .Take(400)
            .ToList();

        var count = 0;
        for (var n = 1; n <= questions.Count; n++)
        {
            var question = questions[n - 1];
            await contest.Step(new HostStep(n, HallPhase.Shown));
            await contest.Step(new HostStep(n, HallPhase.Open));
            var answering = players.Where(_ => random.NextDouble() < 0.92).ToList();
            const int waves = 3;
            for (var wave = 0; wave < waves; wave++)
            {
                var batch = answering.Where((_, i) => i % waves == wave)
                    .Select(p => new AnswerRequest($"demo-{n}-{p.Member.MemberNo}", p.Member.MemberNo, p.Member.Name, p.BranchId, n,
                        random.NextDouble() < p.Skill ? question.Answer : WrongChoice(question, random)))
                    .ToList();
                await Task.WhenAll(batch.Select(contest.Answer));
                count += batch.Count;
                await Task.Delay(TimeSpan.FromMilliseconds(150));
            }

            await contest.Step(new HostStep(n, HallPhase.Locked));
            await contest.Step(new HostStep(n, HallPhase.Revealed));
        }

        return count;
    }

    /// <summary>A plausible wrong answer: another option, or for multiple choice a set that misses or adds one.</summary>
    private static string WrongChoice(Question question, Random random)
    {
        var letters = question.Type == QuestionType.TrueFalse ? "AB" : string.Concat(question.Options.Select((_, i) => (char)('A' + i)));
        string choice;
        do
        {
            choice = question.Type == QuestionType.Multiple
                ? string.Concat(letters.Where(_ => random.Next(2) == 0))
                : letters[random.Next(letters.Length)].ToString();
        }
        while (choice.Length == 0 || choice == question.Answer);

        return choice;
    }

    private static async Task SeedStageAsync(IGrainFactory grains, string contestId, QuestionBankView bank, OrganisationOverview overview)
    {
        var byId = bank.Questions.ToDictionary(q => q.QuestionId);
        var roster = DemoOrganisation.Build();
        var teams = overview.Branches.Take(4)
            .Select((b, i) => new StageTeam($"t{i + 1}", b.Name.Replace("党支部", "代表队"), b.BranchId, b.District,
                roster.Where(m => m.Branch == b.Name).Take(3).Select(m => m.Name).ToList()))
            .ToList();
        // Numbered 1…12: the 必答 round (one per team), then 抢答, then 风险 (one per team).
        var questions = new List<StageQuestion>();
        questions.AddRange(Required.Select((id, i) => new StageQuestion(i + 1, StagePart.Required, byId[id], teams[i].TeamId)));
        questions.AddRange(Buzzer.Select((id, i) => new StageQuestion(Required.Length + i + 1, StagePart.Buzzer, byId[id], null)));
        questions.AddRange(Risk.Select((id, i) => new StageQuestion(Required.Length + Buzzer.Length + i + 1, StagePart.Risk, byId[id], teams[i].TeamId)));

        var stage = grains.GetGrain<IStageFinalGrain>(contestId);
        await stage.Configure(new StageSetup(StageScoring.Default, teams, questions));
        var grants = grains.GetGrain<IAccessGrantsGrain>(0);
        foreach (var team in teams)
        {
            await grants.Create(new NewAccessGrant(GrantRole.Team, team.Name, team.TeamId, contestId));
        }

        await stage.Start();
        const string host = "demo";
        bool[] required = [true, false, true, true];
        for (var i = 0; i < teams.Count; i++)
        {
            await stage.Present(i + 1, host);
            await stage.Judge(new JudgementRequest(i + 1, teams[i].TeamId, required[i], host));
        }

        // 抢答: the second team is first on question 5 and right; the third is first on question 6 and wrong.
        var five = Required.Length + 1;
        foreach (var (no, team, correct) in new[] { (five, teams[1], true), (five + 1, teams[2], false) })
        {
            await stage.Present(no, host);
            await stage.OpenBuzzing(no, host);
            await stage.Buzz(new BuzzRequest($"demo-buzz-{no}", team.TeamId, no));
            await stage.Judge(new JudgementRequest(no, team.TeamId, correct, host));
        }

        // The next buzzer question is on stage, waiting for the host's "开始"; the first team has picked its risk value.
        await stage.Present(five + 2, host);
        await stage.ChooseRisk(new RiskChoice(teams[0].TeamId, Required.Length + Buzzer.Length + 1, 20, teams[0].Name));
    }
}
