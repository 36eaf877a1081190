using System.Text.Json;
using Engagement.Contest;
using Engagement.Ledger;
using Engagement.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Tests.Contest.Grains;

/// <summary>One answer per member per question, atomic, idempotent, durable, by the server's clock; nothing shown early.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ContestAnswerTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    private ILedger Ledger => fixture.Cluster.GetSiloServiceProvider().GetRequiredService<ILedger>();

    private async Task<IReadOnlyList<LedgerEntry>> Answers(TestContest test) =>
        (await Ledger.ReadAsync(test.Stream)).Where(e => e.Kind == "answer").ToList();

    [Fact]
    public async Task Two_hundred_members_answering_at_once_give_two_hundred_answers_each_once_on_the_ledger()
    {
        var test = await TestContest.RunningAsync(Grains, seconds: 30);
        var contest = test.Grain(Grains);
        await test.OpenAsync(Grains, 1);

        var receipts = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => contest.Answer(TestContest.Answer(i, 1, i % 3 == 0 ? "B" : "A"))));

        Assert.Equal(200, receipts.Select(r => r.Receipt).Distinct().Count());
        Assert.Equal(200, (await contest.Get()).Answered);
        var stored = await Answers(test);
        Assert.Equal(200, stored.Count);
        Assert.Equal(200, stored.Select(e => e.Actor).Distinct().Count());
        Assert.Equal(receipts.Select(r => r.Receipt).Order(), stored.Select(e => e.Receipt!).Order());
        Assert.All(receipts, r => Assert.InRange(r.ElapsedMs, 0, 30_000));

        await contest.Step(new HostStep(1, HallPhase.Locked));
        var revealed = await contest.Step(new HostStep(1, HallPhase.Revealed));
        Assert.Equal((200, 67), (revealed.Live.Reveal!.Answered, revealed.Live.Reveal.Correct));
        Assert.Equal(200, (await contest.GetStandings()).Members.Count);
        Assert.Equal(3, revealed.Live.Standings!.Members.Count);
        Assert.Equal(2, revealed.Live.Standings.Branches.Count);
        Assert.Equal(2, revealed.Live.Standings.Districts.Count);
    }

    [Fact]
    public async Task The_same_answer_id_sent_concurrently_counts_once_with_one_receipt_and_another_id_is_refused()
    {
        var test = await TestContest.RunningAsync(Grains, seconds: 30);
        var contest = test.Grain(Grains);
        await test.OpenAsync(Grains, 1);
        var answer = TestContest.Answer(7, 1, "B");

        var receipts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => contest.Answer(answer)));
        var retried = await contest.Answer(answer with { Choice = "C" });

        Assert.Single(receipts.Select(r => r.Receipt).Distinct());
        Assert.Equal((receipts[0].Receipt, "B"), (retried.Receipt, retried.Choice));
        var other = await Assert.ThrowsAsync<RuleViolation>(() => contest.Answer(TestContest.Answer(7, 1, "C", "another-answer-id")));
        Assert.Equal(("answer.already-answered", ViolationKind.Conflict), (other.Code, other.Kind));
        Assert.Single(await Answers(test));
        Assert.Equal(1, (await contest.Get()).Answered);
    }

    [Fact]
    public async Task Answers_are_refused_before_opening_after_the_deadline_and_with_a_bad_choice_and_each_refusal_is_recorded_once()
    {
        var test = await TestContest.RunningAsync(Grains);
        var contest = test.Grain(Grains);
        await contest.Step(new HostStep(1, HallPhase.Shown));
        var early = await Assert.ThrowsAsync<RuleViolation>(() => contest.Answer(TestContest.Answer(1, 1, "B")));
        await Assert.ThrowsAsync<RuleViolation>(() => contest.Answer(TestContest.Answer(1, 1, "B")));
        var open = await contest.Step(new HostStep(1, HallPhase.Open));
        var bad = await Assert.ThrowsAsync<RuleViolation>(() => contest.Answer(TestContest.Answer(2, 1, "AB")));
        var ahead = await Assert.ThrowsAsync<RuleViolation>(() => contest.Answer(TestContest.Answer(2, 2, "AC")));
        await contest.Answer(TestContest.Answer(3, 1, "B"));

        await Task.Delay(open.ClosesAt!.Value - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(20));
        var late = await Assert.ThrowsAsync<RuleViolation>(() => contest.Answer(TestContest.Answer(4, 1, "B")));

        Assert.Equal(("answer.not-open", "answer.bad-choice", "answer.not-open", "answer.closed"), (early.Code, bad.Code, ahead.Code, late.Code));
        Assert.Equal((ViolationKind.Conflict, ViolationKind.Invalid), (late.Kind, bad.Kind));
        // The accepted answer's retry still gets its receipt after the deadline.
        Assert.Equal(1, (await contest.Answer(TestContest.Answer(3, 1, "B"))).QuestionNo);
        var stream = await Ledger.ReadAsync(test.Stream);
        var refused = stream.Where(e => e.Kind == "refused").Select(e => (e.Actor, JsonDocument.Parse(e.Data).RootElement.GetProperty("r").GetString())).ToList();
        Assert.Equal([("M0001", "answer.not-open"), ("M0002", "answer.bad-choice"), ("M0002", "answer.not-open"), ("M0004", "answer.closed")], refused);
        Assert.Single(stream, e => e.Kind == "answer");

        // The deadline's timer locks the question through the lane, with its own entry.
        await WaitUntil(async () => (await contest.Get()).Phase == HallPhase.Locked);
        Assert.Contains((await Ledger.ReadAsync(test.Stream)), e => e.Kind == "step" && e.Data.Contains("\"deadline\""));
    }

    [Fact]
    public async Task Nothing_leaks_the_question_before_it_is_shown_nor_the_key_before_it_is_revealed()
    {
        var test = await TestContest.RunningAsync(Grains, seconds: 30);
        var contest = test.Grain(Grains);
        var question = TestContest.Questions[0];
        string Json(object live) => JsonSerializer.Serialize(live);

        var before = (ContestLive)(await contest.GetSnapshot()).Payload;
        Assert.Null(before.Question);
        Assert.DoesNotContain(question.Stem, Json(before));

        await contest.Step(new HostStep(1, HallPhase.Shown));
        var shown = (ContestLive)(await contest.GetSnapshot()).Payload;
        await contest.Step(new HostStep(1, HallPhase.Open));
        await contest.Answer(TestContest.Answer(1, 1, "B"));
        var open = (await contest.GetPhoneView("M0001"));
        var locked = await contest.Step(new HostStep(1, HallPhase.Locked));

        foreach (var live in new[] { shown, open.Live, locked.Live })
        {
            Assert.Equal(question.Stem, live.Question!.Stem);
            Assert.Null(live.Reveal);
            Assert.DoesNotContain(question.Explanation, Json(live));
            Assert.DoesNotContain("\"Answer\"", Json(live));
            // The second question's text is nowhere either.
            Assert.DoesNotContain(TestContest.Questions[1].Stem, Json(live));
        }

        var mine = Assert.Single(open.Answers);
        Assert.Equal(("B", (bool?)null, (int?)null), (mine.Choice, mine.Correct, mine.Points));
        Assert.Null(open.Me);

        await contest.Step(new HostStep(1, HallPhase.Revealed));
        var phone = await contest.GetPhoneView("M0001");
        Assert.Equal(("B", "1921 年 7 月在上海召开。"), (phone.Live.Reveal!.Answer, phone.Live.Reveal.Explanation));
        Assert.Equal((true, 10), (phone.Answers[0].Correct!.Value, phone.Answers[0].Points!.Value));
        Assert.Equal((1, 10, 1), (phone.Me!.Rank, phone.Me.Points, phone.Ranked));
        var stranger = await contest.GetPhoneView("M9999");
        Assert.Equal((0, (MemberStanding?)null), (stranger.Answers.Count, stranger.Me));
    }

    [Fact]
    public async Task The_public_standings_carry_only_the_top_members_and_every_branch_and_district()
    {
        var test = await TestContest.RunningAsync(Grains, seconds: 30);
        var contest = test.Grain(Grains);
        await test.OpenAsync(Grains, 1);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => contest.Answer(TestContest.Answer(i, 1, "B"))));
        await contest.Step(new HostStep(1, HallPhase.Locked));
        await contest.Step(new HostStep(1, HallPhase.Revealed));

        var live = (ContestLive)(await contest.GetSnapshot()).Payload;
        var record = await contest.GetRecord();

        Assert.Equal(3, live.Standings!.Members.Count);
        Assert.Equal(8, record.Standings.Members.Count);
        Assert.Equal(["b1", "b2"], live.Standings.Branches.Select(b => b.Key).Order());
        Assert.Equal(8, record.Answers.Count);
        Assert.All(record.Answers, a => Assert.Equal((true, 10), (a.Correct!.Value, a.Points!.Value)));
        Assert.Equal(8, live.Participants);
    }

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        var until = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < until, "the condition did not come true within 10 s");
            await Task.Delay(100);
        }
    }
}
