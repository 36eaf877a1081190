using System.Text.Json;
using Engagement.Contest;
using Engagement.Ledger;
using Engagement.Selection;
using Engagement.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Tests.Contest.Grains;

/// <summary>The directory and a hall round's life: draft, draw, start, the host's steps, finish with the chain's hash.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ContestLifecycleTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    private ILedger Ledger => fixture.Cluster.GetSiloServiceProvider().GetRequiredService<ILedger>();

    private static async Task<RuleViolation> Refused(Func<Task> call) => await Assert.ThrowsAsync<RuleViolation>(call);

    [Fact]
    public async Task The_directory_creates_contests_with_a_cleaned_title_and_lists_them_newest_first()
    {
        var directory = Grains.GetGrain<IContestsGrain>(0);
        var first = await directory.Create("  党史   知识竞赛 ");
        var second = await directory.Create("理论知识竞赛");

        Assert.Equal("党史 知识竞赛", first.Title);
        var list = await directory.List();
        Assert.True(list.ToList().FindIndex(c => c.ContestId == second.ContestId) < list.ToList().FindIndex(c => c.ContestId == first.ContestId));
        Assert.Equal("contest.bad-title", (await Refused(() => directory.Create("   "))).Code);
        Assert.Equal("contest.bad-title", (await Refused(() => directory.Create(new string('题', 61)))).Code);

        // A new contest exists at once, a draft with the directory's title.
        var view = await Grains.GetGrain<IContestGrain>(first.ContestId).Get();
        Assert.Equal((ContestStatus.Draft, "党史 知识竞赛"), (view.Status, view.Settings.Title));
    }

    [Fact]
    public async Task A_contest_the_directory_never_made_is_not_found()
    {
        var ghost = Grains.GetGrain<IContestGrain>(ClusterFixture.NewKey("ghost"));
        Assert.Equal((ViolationKind.NotFound, "contest.not-found"), ((await Refused(ghost.Get)).Kind, (await Refused(ghost.Get)).Code));
        Assert.Equal("contest.not-found", (await Refused(() => ghost.Answer(TestContest.Answer(1, 1, "B")))).Code);
    }

    [Fact]
    public async Task Start_needs_settings_and_questions_and_oral_or_repeated_questions_are_refused_for_the_hall()
    {
        var created = await Grains.GetGrain<IContestsGrain>(0).Create("竞赛");
        var contest = Grains.GetGrain<IContestGrain>(created.ContestId);
        Assert.Equal("contest.not-configured", (await Refused(() => contest.Start(TestContest.Branches))).Code);
        await contest.Configure(TestContest.Settings());
        Assert.Equal("contest.no-questions", (await Refused(() => contest.Start(TestContest.Branches))).Code);

        var oral = new Question("O1", QuestionType.Oral, "简述遵义会议的意义。", [], "确立了毛泽东的领导地位", "", 20, "党史", "难");
        Assert.Equal("contest.oral-in-hall", (await Refused(() => contest.SetQuestions([TestContest.Questions[0], oral]))).Code);
        Assert.Equal("contest.duplicate-question", (await Refused(() => contest.SetQuestions([TestContest.Questions[0], TestContest.Questions[0]]))).Code);
        Assert.Empty((await contest.Get()).Questions);

        await contest.SetQuestions(TestContest.Questions);
        var started = await contest.Start(TestContest.Branches);
        Assert.Equal(ContestStatus.Running, started.Status);
        Assert.Equal(TestContest.Seen(started), TestContest.Seen(await contest.Start(TestContest.Branches)));
        Assert.Equal("contest.not-draft", (await Refused(() => contest.Configure(TestContest.Settings("改名")))).Code);
        Assert.Equal("contest.not-draft", (await Refused(() => contest.SetQuestions(TestContest.Questions))).Code);
    }

    [Fact]
    public async Task A_draw_takes_its_seed_or_chooses_one_records_it_on_the_ledger_and_never_picks_an_oral_question()
    {
        var oral = new Question("O1", QuestionType.Oral, "简述。", [], "参考答案", "", 20, "党史", "易");
        var bank = new QuestionBankView(7, [.. TestContest.Questions, oral]);
        var contest = Grains.GetGrain<IContestGrain>((await Grains.GetGrain<IContestsGrain>(0).Create("抽题")).ContestId);
        await contest.Configure(TestContest.Settings());

        var seeded = await contest.Draw(bank, new QuestionDrawRequest([new DrawRule("党史", null, 3)], 42));
        var again = await contest.Draw(bank, new QuestionDrawRequest([new DrawRule("党史", null, 3)], 42));
        var chosen = await contest.Draw(bank, new QuestionDrawRequest([new DrawRule(null, null, 2)], null));

        Assert.Equal(seeded.Draw!.QuestionIds, again.Draw!.QuestionIds);
        Assert.Equal((42, 7L), (seeded.Draw.Seed, seeded.Draw.BankRevision));
        Assert.DoesNotContain("O1", seeded.Draw.QuestionIds);
        Assert.Equal(seeded.Draw.QuestionIds, seeded.Questions.Select(q => q.QuestionId));
        Assert.Equal(2, chosen.Questions.Count);
        var draws = (await Ledger.ReadAsync($"contest:{seeded.ContestId}")).Where(e => e.Kind == "draw").ToList();
        Assert.Equal(3, draws.Count);
        using var last = JsonDocument.Parse(draws[^1].Data);
        Assert.Equal(chosen.Draw!.Seed, last.RootElement.GetProperty("seed").GetInt32());
        Assert.Equal(chosen.Draw.QuestionIds, last.RootElement.GetProperty("ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(7, last.RootElement.GetProperty("bank").GetInt64());
    }

    [Fact]
    public async Task The_host_steps_show_open_lock_reveal_in_order_a_double_click_changes_nothing_and_a_wrong_step_says_where_it_stands()
    {
        var test = await TestContest.RunningAsync(Grains);
        var contest = test.Grain(Grains);

        var wrong = await Refused(() => contest.Step(new HostStep(1, HallPhase.Open)));
        Assert.Equal(("contest.bad-step", ViolationKind.Conflict), (wrong.Code, wrong.Kind));
        Assert.Equal("None", wrong.Args[0]);
        Assert.Equal("contest.bad-question-no", (await Refused(() => contest.Step(new HostStep(4, HallPhase.Shown)))).Code);

        var shown = await contest.Step(new HostStep(1, HallPhase.Shown));
        Assert.Equal(TestContest.Seen(shown), TestContest.Seen(await contest.Step(new HostStep(1, HallPhase.Shown))));
        Assert.Equal("Shown", (await Refused(() => contest.Step(new HostStep(2, HallPhase.Shown)))).Args[0]);
        var open = await contest.Step(new HostStep(1, HallPhase.Open));
        Assert.Equal(TestContest.Seconds, (open.ClosesAt!.Value - open.OpenedAt!.Value).TotalSeconds);
        Assert.Equal("Open", (await Refused(() => contest.Step(new HostStep(1, HallPhase.Revealed)))).Args[0]);
        await contest.Answer(TestContest.Answer(1, 1, "b"));
        await contest.Answer(TestContest.Answer(2, 1, "C"));
        await contest.Step(new HostStep(1, HallPhase.Locked));
        var revealed = await contest.Step(new HostStep(1, HallPhase.Revealed));
        Assert.Equal(TestContest.Seen(revealed), TestContest.Seen(await contest.Step(new HostStep(1, HallPhase.Revealed))));
        Assert.Equal("Revealed", (await Refused(() => contest.Step(new HostStep(1, HallPhase.Shown)))).Args[0]);

        Assert.Equal((1, HallPhase.Revealed, 2), (revealed.Current, revealed.Phase, revealed.Answered));
        Assert.Equal(new Dictionary<string, int> { ["A"] = 0, ["B"] = 1, ["C"] = 1, ["D"] = 0 }, revealed.Live.Reveal!.Distribution);
        Assert.Equal((2, 1), (revealed.Live.Reveal.Answered, revealed.Live.Reveal.Correct));
        Assert.Equal(["M0001", "M0002"], revealed.Live.Standings!.Members.Select(m => m.MemberNo));
        Assert.Equal((10, 0), (revealed.Live.Standings.Members[0].Points, revealed.Live.Standings.Members[1].Points));

        // The host may go on to any question not shown yet.
        await contest.Step(new HostStep(3, HallPhase.Shown));
        Assert.Equal("contest.question-in-progress", (await Refused(contest.Finish)).Code);
    }

    [Fact]
    public async Task Finish_ends_the_round_once_with_the_finish_entry_hash_and_answers_are_refused_after_it()
    {
        var test = await TestContest.RunningAsync(Grains);
        var contest = test.Grain(Grains);
        await test.OpenAsync(Grains, 1);
        await contest.Answer(TestContest.Answer(1, 1, "B"));
        await contest.Step(new HostStep(1, HallPhase.Locked));
        await contest.Step(new HostStep(1, HallPhase.Revealed));

        var finished = await contest.Finish();
        var twice = await contest.Finish();

        Assert.Equal(ContestStatus.Finished, finished.Status);
        Assert.Equal(TestContest.Seen(finished), TestContest.Seen(twice));
        var stream = await Ledger.ReadAsync(test.Stream);
        Assert.Null(LedgerEntry.FirstBroken(stream));
        Assert.Equal("finish", stream[^1].Kind);
        Assert.Single(stream, e => e.Kind == "finish");
        Assert.Equal(stream[^1].Hash, finished.Live.FinalHash);
        Assert.Equal("contest.not-running", (await Refused(() => contest.Answer(TestContest.Answer(2, 1, "B")))).Code);
        Assert.Equal("contest.not-running", (await Refused(() => contest.Step(new HostStep(2, HallPhase.Shown)))).Code);
        Assert.Equal(stream.Count, (await Ledger.ReadAsync(test.Stream)).Count);
        Assert.Equal(new LedgerHead(test.Stream, stream[^1].Seq, stream[^1].Hash), Assert.Single(await contest.GetLedgerHeads()));
    }

    [Fact]
    public async Task Missing_or_odd_inputs_are_refused_as_rule_violations_never_as_server_errors()
    {
        var draft = Grains.GetGrain<IContestGrain>((await Grains.GetGrain<IContestsGrain>(0).Create("空值")).ContestId);
        var bank = Grains.GetGrain<IQuestionBankGrain>(ClusterFixture.NewKey("org"));
        var calls = new List<Func<Task>>
        {
            () => draft.Configure(null!),
            () => draft.Configure(TestContest.Settings() with { Scoring = null! }),
            () => draft.SetQuestions(null!),
            () => draft.SetQuestions([null!]),
            () => draft.Draw(null!, null!),
            () => draft.Draw(new QuestionBankView(1, [.. TestContest.Questions, null!]), new QuestionDrawRequest(null!, 1)),
            () => draft.Start([null!]),
            () => bank.Import(null!),
            () => bank.Import([null!]),
            () => bank.Save(null!),
            () => bank.Remove(null!),
        };
        var running = (await TestContest.RunningAsync(Grains)).Grain(Grains);
        calls.Add(() => running.Step(null!));
        calls.Add(() => running.Step(new HostStep(1, (HallPhase)99)));
        calls.Add(() => running.Answer(null!));
        calls.Add(() => running.Answer(new AnswerRequest(null!, "M1", null!, null!, 1, null!)));
        calls.Add(() => running.Answer(new AnswerRequest("answer-null-choice", "M1", null!, null!, -5, null!)));
        calls.Add(() => running.GetPhoneView(null!));

        foreach (var call in calls)
        {
            var error = await Record.ExceptionAsync(call);
            Assert.True(error is null or RuleViolation, $"{error?.GetType().Name}: {error?.Message}");
        }

        Assert.Equal(ContestStatus.Draft, (await draft.Get()).Status);
        Assert.Empty((await bank.Get()).Questions);
    }
}
