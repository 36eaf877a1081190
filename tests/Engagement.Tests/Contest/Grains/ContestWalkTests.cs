using CsCheck;
using Engagement.Contest;
using Engagement.Ledger;
using Engagement.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Tests.Contest.Grains;

/// <summary>
/// Generated walks through a hall round — host steps (mostly the next one, sometimes any), answers from a few members
/// with valid, invalid and repeated ids, a finish, restarts at any point — checked against a model of the rules
/// written apart from the grain: every call is accepted or refused as the model says, the counts agree, and a
/// restart always shows what was there before it.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ContestWalkTests(ClusterFixture fixture)
{
    private static readonly string[][] Choices = [["A", "B", "C", "D", "Z"], ["A", "AC", "BD", "Z"], ["A", "B", "Z"]];

    private static readonly Gen<Op> Ops = Gen.Select(Gen.Int[0, 19], Gen.Int[1, 3], Gen.Int[0, 4], Gen.Int[0, 4], Gen.Int[0, 1])
        .Select((kind, n, member, choice, id) => new Op(kind switch { < 6 => Kind.NextStep, < 8 => Kind.AnyStep, < 17 => Kind.Answer, 17 => Kind.Finish, _ => Kind.Restart }, n, member, choice, id));

    private int _opened;
    private int _badChoices;

    private IGrainFactory Grains => fixture.Client;

    private ILedger Ledger => fixture.Cluster.GetSiloServiceProvider().GetRequiredService<ILedger>();

    [Fact]
    public async Task Generated_walks_agree_with_the_model_and_survive_restarts()
    {
        await Ops.List[5, 40].SampleAsync(Walk, iter: 25, threads: 1);

        // The walks must reach answering and refuse a bad choice at least once, or they checked little.
        Assert.True(_opened > 0 && _badChoices > 0, $"{_opened} opened, {_badChoices} bad choices");
    }

    private async Task Walk(List<Op> ops)
    {
        var test = await TestContest.RunningAsync(Grains, seconds: 60);
        var contest = test.Grain(Grains);
        var model = new Model();
        foreach (var op in ops)
        {
            switch (op.Kind)
            {
                case Kind.NextStep or Kind.AnyStep:
                    var step = op.Kind == Kind.NextStep ? model.Next() : new HostStep(op.N, (HallPhase)(op.Choice % 4 + 1));
                    var stepped = await Outcome(() => contest.Step(step));
                    Assert.Equal(model.Step(step), stepped);
                    _opened += stepped == "ok" && step.Phase == HallPhase.Open ? 1 : 0;
                    break;
                case Kind.Answer:
                    var choices = Choices[op.N - 1];
                    var answer = TestContest.Answer(op.Member, op.N, choices[op.Choice % choices.Length], $"walk-{op.Member}-{op.N}-{op.Id}");
                    var answered = await Outcome(() => contest.Answer(answer));
                    Assert.Equal(model.Answer(answer), answered);
                    _badChoices += answered == "answer.bad-choice" ? 1 : 0;
                    break;
                case Kind.Finish:
                    Assert.Equal(model.Finish(), await Outcome(contest.Finish));
                    break;
                case Kind.Restart:
                    var before = await contest.Get();
                    await fixture.Cluster.DeactivateAsync(contest);
                    Assert.Equal(TestContest.Seen(before), TestContest.Seen(await contest.Get()));
                    break;
            }
        }

        var view = await contest.Get();
        Assert.Equal((model.Status, model.Current, model.Phase, model.AnsweredCurrent), (view.Status, view.Current, view.Phase, view.Answered));
        await fixture.Cluster.DeactivateAsync(contest);
        Assert.Equal(TestContest.Seen(view), TestContest.Seen(await contest.Get()));
        var stream = await Ledger.ReadAsync(test.Stream);
        Assert.Null(LedgerEntry.FirstBroken(stream));
        Assert.Equal(model.Answers, stream.Count(e => e.Kind == "answer"));
    }

    private static async Task<string> Outcome<T>(Func<Task<T>> call)
    {
        try
        {
            await call();
            return "ok";
        }
        catch (RuleViolation refused)
        {
            return refused.Code;
        }
    }

    private enum Kind
    {
        NextStep,
        AnyStep,
        Answer,
        Finish,
        Restart,
    }

    private sealed record Op(Kind Kind, int N, int Member, int Choice, int Id);

    /// <summary>The hall round's rules as the brief states them (no deadline: the countdown is longer than a walk).</summary>
    private sealed class Model
    {
        private readonly HashSet<int> _shown = [];
        private readonly Dictionary<(string, int), string> _answers = [];

        public ContestStatus Status { get; private set; } = ContestStatus.Running;
        public int Current { get; private set; }
        public HallPhase Phase { get; private set; }
        public int Answers => _answers.Count;
        public int AnsweredCurrent => _answers.Keys.Count(k => k.Item2 == Current);

        public HostStep Next() => Phase switch
        {
            HallPhase.None => new HostStep(1, HallPhase.Shown),
            HallPhase.Revealed => new HostStep(Math.Min(Current + 1, 3), HallPhase.Shown),
            _ => new HostStep(Current, Phase + 1),
        };

        public string Step(HostStep step)
        {
            if (Status != ContestStatus.Running)
            {
                return "contest.not-running";
            }

            if (step.QuestionNo == Current && step.Phase == Phase)
            {
                return "ok";
            }

            var ok = step.Phase switch
            {
                HallPhase.Shown => Phase is HallPhase.None or HallPhase.Revealed && !_shown.Contains(step.QuestionNo),
                _ => step.QuestionNo == Current && step.Phase == Phase + 1,
            };
            if (!ok)
            {
                return "contest.bad-step";
            }

            (Current, Phase) = (step.QuestionNo, step.Phase);
            _shown.Add(Current);
            return "ok";
        }

        public string Answer(AnswerRequest answer)
        {
            var key = (answer.MemberNo, answer.QuestionNo);
            if (_answers.TryGetValue(key, out var id))
            {
                return id == answer.AnswerId ? "ok" : "answer.already-answered";
            }

            if (Status != ContestStatus.Running)
            {
                return "contest.not-running";
            }

            if (answer.QuestionNo < Current || (answer.QuestionNo == Current && Phase > HallPhase.Open))
            {
                return "answer.closed";
            }

            if (answer.QuestionNo > Current || Phase != HallPhase.Open)
            {
                return "answer.not-open";
            }

            if (answer.Choice == "Z")
            {
                return "answer.bad-choice";
            }

            _answers[key] = answer.AnswerId;
            return "ok";
        }

        public string Finish()
        {
            if (Status == ContestStatus.Finished)
            {
                return "ok";
            }

            if (Phase is not (HallPhase.None or HallPhase.Revealed))
            {
                return "contest.question-in-progress";
            }

            Status = ContestStatus.Finished;
            return "ok";
        }
    }
}
