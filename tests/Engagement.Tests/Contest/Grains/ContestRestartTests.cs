using Engagement.Contest;
using Engagement.Ledger;
using Engagement.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Tests.Contest.Grains;

/// <summary>A contest comes back from state and ledger alone: at the step it was in, every answer once, the deadline kept.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ContestRestartTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    private ILedger Ledger => fixture.Cluster.GetSiloServiceProvider().GetRequiredService<ILedger>();

    [Fact]
    public async Task A_restart_mid_question_keeps_the_view_counts_each_answer_once_and_still_enforces_the_deadline()
    {
        var test = await TestContest.RunningAsync(Grains, seconds: 8);
        var contest = test.Grain(Grains);
        var open = await test.OpenAsync(Grains, 1);
        var answers = Enumerable.Range(0, 20).Select(i => TestContest.Answer(i, 1, "B")).ToList();
        var receipts = await Task.WhenAll(answers.Select(contest.Answer));
        var before = await contest.Get();

        await fixture.Cluster.DeactivateAsync(contest);
        var after = await contest.Get();

        Assert.Equal(TestContest.Seen(before), TestContest.Seen(after));
        Assert.Equal((HallPhase.Open, 20, open.ClosesAt), (after.Phase, after.Answered, after.ClosesAt));
        var again = await Task.WhenAll(answers.Select(contest.Answer));
        Assert.Equal(receipts.Select(r => r.Receipt), again.Select(r => r.Receipt));
        Assert.Equal("answer.already-answered", (await Assert.ThrowsAsync<RuleViolation>(() => contest.Answer(answers[0] with { AnswerId = "other-answer-id" }))).Code);
        await contest.Answer(TestContest.Answer(100, 1, "A"));
        Assert.Equal(21, (await contest.Get()).Answered);

        // The new activation's timer locks at the closing time, and answers after it are refused.
        await Task.Delay(open.ClosesAt!.Value - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(20));
        Assert.Equal("answer.closed", (await Assert.ThrowsAsync<RuleViolation>(() => contest.Answer(TestContest.Answer(101, 1, "B")))).Code);
        var until = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10);
        while ((await contest.Get()).Phase != HallPhase.Locked)
        {
            Assert.True(DateTimeOffset.UtcNow < until, "not locked by its closing time");
            await Task.Delay(100);
        }

        var stream = await Ledger.ReadAsync(test.Stream);
        Assert.Equal(21, stream.Count(e => e.Kind == "answer"));
        Assert.Null(LedgerEntry.FirstBroken(stream));
    }

    [Fact]
    public async Task A_question_whose_deadline_passed_while_no_activation_was_there_is_locked_when_the_contest_comes_back()
    {
        var test = await TestContest.RunningAsync(Grains);
        var contest = test.Grain(Grains);
        var open = await test.OpenAsync(Grains, 1);
        await contest.Answer(TestContest.Answer(1, 1, "B"));
        await fixture.Cluster.DeactivateAsync(contest);

        await Task.Delay(open.ClosesAt!.Value - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50));
        Assert.Equal("answer.closed", (await Assert.ThrowsAsync<RuleViolation>(() => contest.Answer(TestContest.Answer(2, 1, "B")))).Code);
        var until = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10);
        while ((await contest.Get()).Phase != HallPhase.Locked)
        {
            Assert.True(DateTimeOffset.UtcNow < until, "not locked on activation");
            await Task.Delay(100);
        }

        var revealed = await contest.Step(new HostStep(1, HallPhase.Revealed));
        Assert.Equal((1, 1), (revealed.Live.Reveal!.Answered, revealed.Live.Reveal.Correct));
    }

    [Fact]
    public async Task Marks_standings_and_the_final_hash_are_the_same_after_a_restart()
    {
        var test = await TestContest.RunningAsync(Grains, seconds: 30);
        var contest = test.Grain(Grains);
        for (var n = 1; n <= 3; n++)
        {
            await test.OpenAsync(Grains, n);
            await Task.WhenAll(Enumerable.Range(0, 12).Select(i => contest.Answer(TestContest.Answer(i, n, i % n == 0 ? TestContest.Questions[n - 1].Answer : "B"))));
            await contest.Step(new HostStep(n, HallPhase.Locked));
            await contest.Step(new HostStep(n, HallPhase.Revealed));
        }

        var finished = await contest.Finish();
        var record = await contest.GetRecord();
        var phone = await contest.GetPhoneView("M0003");

        await fixture.Cluster.DeactivateAsync(contest);

        Assert.Equal(TestContest.Seen(finished), TestContest.Seen(await contest.Get()));
        var reloaded = await contest.GetRecord();
        Assert.Equal(record.Answers, reloaded.Answers);
        Assert.Equal(record.Standings.Members, reloaded.Standings.Members);
        Assert.Equal(record.Standings.Branches, reloaded.Standings.Branches);
        Assert.Equal(record.Reveals.Select(r => (r.No, r.Answered, r.Correct, string.Join(",", r.Distribution))),
            reloaded.Reveals.Select(r => (r.No, r.Answered, r.Correct, string.Join(",", r.Distribution))));
        var phoneAgain = await contest.GetPhoneView("M0003");
        Assert.Equal(phone.Answers, phoneAgain.Answers);
        Assert.Equal(phone.Me, phoneAgain.Me);
        Assert.Equal((await Ledger.ReadAsync(test.Stream))[^1].Hash, (await contest.Get()).Live.FinalHash);
    }

    [Fact]
    public async Task An_entry_the_grain_cannot_read_is_skipped_on_replay_and_the_contest_still_loads()
    {
        var test = await TestContest.RunningAsync(Grains, seconds: 60);
        var contest = test.Grain(Grains);
        await test.OpenAsync(Grains, 1);
        await contest.Answer(TestContest.Answer(1, 1, "B"));
        await fixture.Cluster.DeactivateAsync(contest);
        var chain = LedgerChain.From(test.Stream, await Ledger.ReadAsync(test.Stream));
        await Ledger.AppendAsync([chain.Append("step", "organiser", null, "not json", DateTimeOffset.UtcNow), chain.Append("answer", "M0002", "X", "{}", DateTimeOffset.UtcNow)]);

        var view = await contest.Get();

        Assert.Equal((HallPhase.Open, 1), (view.Phase, view.Answered));
        Assert.Single((await contest.GetRecord()).Answers);
        Assert.Equal(1, (await contest.Answer(TestContest.Answer(1, 1, "B"))).QuestionNo);
    }
}
