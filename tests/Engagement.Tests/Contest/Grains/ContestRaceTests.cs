using Engagement.Contest;
using Engagement.Ledger;
using Engagement.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Tests.Contest.Grains;

/// <summary>
/// Every pair of host actions sent at once (two laptops, a double click), from every phase of a question: what the two
/// answers say must be what one order of them would have said, the view must agree, a restart (a replay of the ledger)
/// must show the same, and each step is on the ledger once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ContestRaceTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    private ILedger Ledger => fixture.Cluster.GetSiloServiceProvider().GetRequiredService<ILedger>();

    public static TheoryData<HallPhase> Starts => new() { HallPhase.None, HallPhase.Shown, HallPhase.Open, HallPhase.Locked, HallPhase.Revealed };

    private static readonly HostAction?[] Actions =
    [
        new(1, HallPhase.Shown), new(1, HallPhase.Open), new(1, HallPhase.Locked), new(1, HallPhase.Revealed), new(2, HallPhase.Shown), null,
    ];

    [Theory]
    [MemberData(nameof(Starts))]
    public async Task Two_host_actions_at_once_end_as_one_order_of_them_would_and_a_restart_shows_the_same(HallPhase start)
    {
        for (var i = 0; i < Actions.Length; i++)
        {
            for (var j = i; j < Actions.Length; j++)
            {
                await RaceAsync(start, Actions[i], Actions[j]);
            }
        }
    }

    private async Task RaceAsync(HallPhase start, HostAction? a, HostAction? b)
    {
        var test = await TestContest.RunningAsync(Grains, seconds: 60);
        var contest = test.Grain(Grains);
        var model = new Model();
        foreach (var phase in new[] { HallPhase.Shown, HallPhase.Open, HallPhase.Locked, HallPhase.Revealed }.Where(p => p <= start))
        {
            await contest.Step(new HostStep(1, phase));
            model.Apply(new HostAction(1, phase));
        }

        if (start == HallPhase.Open)
        {
            await contest.Answer(TestContest.Answer(1, 1, "B"));
        }

        var (first, second) = await Race.AtOnce(() => Send(contest, a), () => Send(contest, b));
        var view = await contest.Get();

        var seen = (first.Accepted, second.Accepted, view.Status, view.Current, view.Phase);
        var orders = new[] { Order(model, a, b, false), Order(model, b, a, true) };
        Assert.True(orders.Contains(seen), $"{start}: {Name(a)} ∥ {Name(b)} gave {seen}; one order gives {orders[0]}, the other {orders[1]}");

        await fixture.Cluster.DeactivateAsync(contest);
        Assert.Equal(TestContest.Seen(view), TestContest.Seen(await contest.Get()));
        var stream = await Ledger.ReadAsync(test.Stream);
        Assert.Null(LedgerEntry.FirstBroken(stream));
        var steps = stream.Where(e => e.Kind == "step").Select(e => e.Data).ToList();
        Assert.Equal(steps.Count, steps.Distinct().Count());
        Assert.True(stream.Count(e => e.Kind == "finish") <= 1);
    }

    [Fact]
    public async Task Two_organiser_actions_on_a_draft_at_once_end_as_one_order_of_them_would_and_a_restart_shows_the_same()
    {
        var bank = new QuestionBankView(3, TestContest.Questions);
        Func<IContestGrain, Task<ContestView>>[] actions =
        [
            c => c.Configure(TestContest.Settings("改过名称的竞赛")),
            c => c.SetQuestions(TestContest.Questions.Take(2).ToList()),
            c => c.Draw(bank, new QuestionDrawRequest([new DrawRule(null, null, 1)], 7)),
            c => c.Start(TestContest.Branches),
        ];
        string[] names = ["configure", "questions", "draw", "start"];
        for (var i = 0; i < actions.Length; i++)
        {
            for (var j = i; j < actions.Length; j++)
            {
                var test = await TestContest.DraftAsync(Grains, seconds: 60);
                var contest = test.Grain(Grains);
                var (first, second) = await Race.AtOnce(() => actions[i](contest), () => actions[j](contest));
                var view = await contest.Get();

                // A start taken first refuses the other draft change; taken second, the change is in the contest.
                foreach (var (answer, k) in new[] { (first, i), (second, j) })
                {
                    Assert.True(answer.Accepted || (answer.Refusal!.Code == "contest.not-draft" && view.Status == ContestStatus.Running), $"{names[i]} ∥ {names[j]}: {names[k]} refused with {answer.Refusal?.Code}");
                    if (answer.Accepted && k != 3 && (i == 3 || j == 3))
                    {
                        Assert.True(k switch { 0 => view.Settings.Title == "改过名称的竞赛", 1 => view.Questions.Count == 2, _ => view.Questions.Count == 1 }, $"{names[k]} accepted but not in the view");
                    }
                }

                await fixture.Cluster.DeactivateAsync(contest);
                var after = await contest.Get();
                Assert.Equal(TestContest.Seen(view), TestContest.Seen(after));
                Assert.Equal((view.Settings.Title, string.Join(",", view.Questions.Select(q => q.QuestionId))), (after.Settings.Title, string.Join(",", after.Questions.Select(q => q.QuestionId))));
                Assert.True((await Ledger.ReadAsync(test.Stream)).Count(e => e.Kind == "start") <= 1);
            }
        }
    }

    private static Task<ContestView> Send(IContestGrain contest, HostAction? action) =>
        action is null ? contest.Finish() : contest.Step(new HostStep(action.No, action.Phase));

    private static string Name(HostAction? action) => action is null ? "finish" : $"{action.Phase}({action.No})";

    /// <summary>Both sent in this order: whether each is accepted, and where the round then stands.</summary>
    private static (bool, bool, ContestStatus, int, HallPhase) Order(Model start, HostAction? x, HostAction? y, bool swapped)
    {
        var model = start.Copy();
        var okX = model.Apply(x);
        var okY = model.Apply(y);
        return swapped ? (okY, okX, model.Status, model.Current, model.Phase) : (okX, okY, model.Status, model.Current, model.Phase);
    }

    private sealed record HostAction(int No, HallPhase Phase);

    /// <summary>The host's steps as the brief states them, written independently of the grain.</summary>
    private sealed class Model
    {
        public ContestStatus Status { get; private set; } = ContestStatus.Running;
        public int Current { get; private set; }
        public HallPhase Phase { get; private set; }
        private HashSet<int> _shown = [];

        public Model Copy() => new() { Status = Status, Current = Current, Phase = Phase, _shown = [.. _shown] };

        public bool Apply(HostAction? action)
        {
            if (action is null)
            {
                if (Status == ContestStatus.Finished)
                {
                    return true;
                }

                if (Phase is HallPhase.None or HallPhase.Revealed)
                {
                    Status = ContestStatus.Finished;
                    return true;
                }

                return false;
            }

            if (Status != ContestStatus.Running)
            {
                return false;
            }

            if (action.No == Current && action.Phase == Phase)
            {
                return true;
            }

            var ok = action.Phase switch
            {
                HallPhase.Shown => Phase is HallPhase.None or HallPhase.Revealed && !_shown.Contains(action.No),
                HallPhase.Open => action.No == Current && Phase == HallPhase.Shown,
                HallPhase.Locked => action.No == Current && Phase == HallPhase.Open,
                HallPhase.Revealed => action.No == Current && Phase == HallPhase.Locked,
                _ => false,
            };
            if (ok)
            {
                (Current, Phase) = (action.No, action.Phase);
                _shown.Add(action.No);
            }

            return ok;
        }
    }
}
