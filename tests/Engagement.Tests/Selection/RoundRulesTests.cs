using Engagement.Selection;

namespace Engagement.Tests.Selection;

public sealed class RoundRulesTests
{
    private static readonly RoundCase[] Cases =
    [
        new("c1", "b1", "红色家书诵读", "第一中学党支部"),
        new("c2", "b2", "走进革命纪念馆", "实验小学党支部"),
        new("c3", "b3", "社区志愿服务", "教育局机关党支部"),
    ];

    private static readonly RoundSettings Sound =
        new("决赛网络投票", RoundKind.LiveFinal, ["c1", "c2", "c3"], 1, 2, AllowOwnBranch: false, RevotePolicy.FirstBallotFinal,
            Secret: false, ShowLiveTallies: false, JudgeWeight: 0.7m, VoteWeight: 0.3m, VoteMethod.MaxNormalised);

    public static TheoryData<string, RoundSettings> SoundSettings => new()
    {
        { "the usual live final", Sound },
        { "a name of exactly 60 characters", Sound with { Name = new string('案', RoundRules.MaxNameLength) } },
        { "a name that is 60 characters once cleaned", Sound with { Name = "  " + new string('案', RoundRules.MaxNameLength) + "\t" } },
        { "one case, choose exactly one", Sound with { CaseIds = ["c2"], MinChoices = 1, MaxChoices = 1 } },
        { "choose all the cases", Sound with { MinChoices = 3, MaxChoices = 3 } },
        { "a secret round where the first ballot is final", Sound with { Secret = true, Revote = RevotePolicy.FirstBallotFinal } },
        { "re-voting in an open round", Sound with { Revote = RevotePolicy.LastBallotCounts } },
        { "a live final scored by judges only", Sound with { JudgeWeight = 1m, VoteWeight = 0m } },
        { "a vote-only round", Sound with { Kind = RoundKind.Vote, JudgeWeight = 0m, VoteWeight = 1m } },
        { "weights of 0.65 and 0.35", Sound with { JudgeWeight = 0.65m, VoteWeight = 0.35m } },
        { "weights of 0.33 and 0.67", Sound with { JudgeWeight = 0.33m, VoteWeight = 0.67m } },
        { "weights written with trailing zeros", Sound with { JudgeWeight = 0.700m, VoteWeight = 0.30m } },
        { "a live final scored by the votes only", Sound with { JudgeWeight = 0m, VoteWeight = 1m } },
    };

    public static TheoryData<string, RoundSettings, string, string[]> UnsoundSettings => new()
    {
        { "an empty name", Sound with { Name = "" }, "round.bad-name", ["60"] },
        { "a name of spaces only", Sound with { Name = " \u3000 " }, "round.bad-name", ["60"] },
        { "a name of 61 characters", Sound with { Name = new string('案', 61) }, "round.bad-name", ["60"] },
        { "no cases", Sound with { CaseIds = [], MinChoices = 0, MaxChoices = 0 }, "round.no-cases", [] },
        { "a case listed twice", Sound with { CaseIds = ["c1", "c2", "c1"] }, "round.repeated-case", [] },
        { "a case not in the event", Sound with { CaseIds = ["c1", "c9"] }, "round.unknown-case", ["c9"] },
        { "min 0", Sound with { MinChoices = 0 }, "round.bad-choice-range", ["3"] },
        { "max below min", Sound with { MinChoices = 2, MaxChoices = 1 }, "round.bad-choice-range", ["3"] },
        { "max above the number of cases", Sound with { MaxChoices = 4 }, "round.bad-choice-range", ["3"] },
        { "min above the number of cases", Sound with { CaseIds = ["c1", "c2"], MinChoices = 3, MaxChoices = 3 }, "round.bad-choice-range", ["2"] },
        { "a secret round where the last ballot counts", Sound with { Secret = true, Revote = RevotePolicy.LastBallotCounts }, "round.secret-revote", [] },
        { "a negative judge weight", Sound with { JudgeWeight = -0.1m, VoteWeight = 1.1m }, "round.bad-weights", [] },
        { "a negative vote weight", Sound with { JudgeWeight = 1.1m, VoteWeight = -0.1m }, "round.bad-weights", [] },
        { "both weights zero", Sound with { JudgeWeight = 0m, VoteWeight = 0m }, "round.bad-weights", [] },
        { "a vote-only round that ignores the votes", Sound with { Kind = RoundKind.Vote, JudgeWeight = 1m, VoteWeight = 0m }, "round.bad-weights", [] },
        { "percentages, 70 and 30", Sound with { JudgeWeight = 70m, VoteWeight = 30m }, "round.weights-not-one", ["70", "30", "100"] },
        { "weights adding to less than 1", Sound with { JudgeWeight = 0.6m, VoteWeight = 0.3m }, "round.weights-not-one", ["0.6", "0.3", "0.9"] },
        { "weights adding to more than 1", Sound with { JudgeWeight = 0.7m, VoteWeight = 0.4m }, "round.weights-not-one", ["0.7", "0.4", "1.1"] },
        { "thirds cut short", Sound with { JudgeWeight = 0.333m, VoteWeight = 0.667m + 0.0001m }, "round.weights-not-one", ["0.333", "0.6671", "1.0001"] },
        { "one weight of 2", Sound with { JudgeWeight = 2m, VoteWeight = 0m }, "round.weights-not-one", ["2", "0", "2"] },
    };

    [Theory]
    [MemberData(nameof(SoundSettings))]
    public void Sound_settings_pass(string why, RoundSettings settings)
    {
        var error = Record.Exception(() => RoundRules.Validate(settings, Cases));

        Assert.True(error is null, $"{why}: {error?.Message}");
    }

    [Theory]
    [MemberData(nameof(UnsoundSettings))]
    public void Unsound_settings_are_refused_with_the_reason(string why, RoundSettings settings, string code, string[] args)
    {
        var violation = Assert.Throws<RuleViolation>(() => RoundRules.Validate(settings, Cases));

        Assert.True(code == violation.Code, $"{why}: expected {code}, got {violation.Code}");
        Assert.Equal(ViolationKind.Invalid, violation.Kind);
        Assert.Equal(args, violation.Args);
    }

    [Fact]
    public void The_name_is_checked_first_then_cases_then_choices_then_secrecy_then_weights()
    {
        var everythingWrong = Sound with
        {
            Name = "",
            CaseIds = ["c1", "c1"],
            MinChoices = 0,
            Secret = true,
            Revote = RevotePolicy.LastBallotCounts,
            JudgeWeight = -1m,
        };

        Assert.Equal("round.bad-name", Assert.Throws<RuleViolation>(() => RoundRules.Validate(everythingWrong, Cases)).Code);
        Assert.Equal("round.repeated-case", Assert.Throws<RuleViolation>(() => RoundRules.Validate(everythingWrong with { Name = "初赛" }, Cases)).Code);
        Assert.Equal("round.bad-choice-range", Assert.Throws<RuleViolation>(() =>
            RoundRules.Validate(everythingWrong with { Name = "初赛", CaseIds = ["c1", "c2"] }, Cases)).Code);
        Assert.Equal("round.secret-revote", Assert.Throws<RuleViolation>(() =>
            RoundRules.Validate(everythingWrong with { Name = "初赛", CaseIds = ["c1", "c2"], MinChoices = 1 }, Cases)).Code);
    }
}
