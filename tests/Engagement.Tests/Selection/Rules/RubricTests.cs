using Engagement.Selection.Rules;
using static Engagement.Tests.Selection.Rules.Decimals;

namespace Engagement.Tests.Selection.Rules;

public sealed class RubricTests
{
    private const string FullMarks = "theme=30 form=25 participation=20 results=25";

    [Fact]
    public void The_default_rubric_is_the_four_common_criteria_out_of_100()
    {
        var rubric = Rubric.Default;

        Assert.Equal(100m, rubric.MaxTotal);
        Assert.Equal(["theme", "form", "participation", "results"], rubric.Criteria.Select(c => c.Id));
        Assert.Equal(["主题突出", "形式创新", "参与广泛", "成效显著"], rubric.Criteria.Select(c => c.Name));
        Assert.Equal([30m, 25m, 20m, 25m], rubric.Criteria.Select(c => c.MaxPoints));
        Assert.All(rubric.Criteria, c => Assert.Equal(1m, c.Weight));
        RubricRules.Validate(rubric);
    }

    [Fact]
    public void The_maximum_total_is_the_weighted_sum_of_maximum_points_and_follows_a_changed_copy()
    {
        var weighted = Rubric.Default with
        {
            Criteria = [new Criterion("a", "甲", 10m, 2m), new Criterion("b", "乙", 20m, 0.5m)],
        };

        Assert.Equal(30m, weighted.MaxTotal);
        Assert.Equal(100m, Rubric.Default.MaxTotal);
    }

    [Theory]
    [InlineData(FullMarks, "100")]
    [InlineData("theme=28 form=22.5 participation=18 results=23", "91.5")]
    [InlineData("theme=0 form=0 participation=0 results=0", "0")]
    [InlineData("results=0.5 participation=0.1 form=24.9 theme=29.9", "55.4")] // any key order
    [InlineData("theme=27.50 form=20.0 participation=15.00 results=20", "82.5")] // trailing zeros are still one decimal
    public void The_default_total_is_the_sum_of_the_marks(string marks, string total)
    {
        Assert.Equal(D(total), RubricRules.Total(Rubric.Default, Marks(marks)));
    }

    [Theory]
    [InlineData("a=7.5 b=9", "19.5")] // 2 × 7.5 + 0.5 × 9
    [InlineData("a=10 b=20", "30")]
    [InlineData("a=0.1 b=0.1", "0.25")]
    public void Weighted_totals_multiply_each_mark_by_its_weight(string marks, string total)
    {
        var rubric = new Rubric([new Criterion("a", "甲", 10m, 2m), new Criterion("b", "乙", 20m, 0.5m)]);

        Assert.Equal(D(total), RubricRules.Total(rubric, Marks(marks)));
    }

    [Theory]
    [InlineData("theme=28 form=22 participation=18", RubricViolation.MarksMissing, "results")]
    [InlineData("", RubricViolation.MarksMissing, "theme")]
    [InlineData(FullMarks + " organise=5", RubricViolation.MarksUnknown, "organise")]
    [InlineData("Theme=28 form=22 participation=18 results=20", RubricViolation.MarksUnknown, "Theme")]
    [InlineData("theme=30.5 form=22 participation=18 results=20", RubricViolation.MarksOutOfRange, "theme")]
    [InlineData("theme=28 form=22 participation=-1 results=20", RubricViolation.MarksOutOfRange, "participation")]
    [InlineData("theme=28 form=22 participation=18 results=25.1", RubricViolation.MarksOutOfRange, "results")]
    [InlineData("theme=28 form=22.25 participation=18 results=20", RubricViolation.MarksPrecision, "form")]
    [InlineData("theme=28 form=22 participation=18 results=20.01", RubricViolation.MarksPrecision, "results")]
    [InlineData("theme=28.333 form=22 participation=18 results=20", RubricViolation.MarksPrecision, "theme")]
    public void Marks_breaking_the_rubric_are_refused_with_a_code_and_the_criterion(string marks, string code, string criterion)
    {
        var violation = Assert.Throws<RubricViolation>(() => RubricRules.Total(Rubric.Default, Marks(marks)));

        Assert.Equal(code, violation.Code);
        Assert.Equal([criterion], violation.Args);
    }

    [Fact]
    public void Ids_are_matched_ordinally_even_in_a_case_insensitive_dictionary()
    {
        var marks = Marks("THEME=28 form=22 participation=18 results=20", StringComparer.OrdinalIgnoreCase);

        var violation = Assert.Throws<RubricViolation>(() => RubricRules.Total(Rubric.Default, marks));

        Assert.Equal(RubricViolation.MarksUnknown, violation.Code);
    }

    public static TheoryData<Criterion[], string> InvalidRubrics() => new()
    {
        { [], RubricRules.TooFewOrManyCriteria },
        { Enumerable.Range(1, 11).Select(i => new Criterion($"c{i}", $"项{i}", 10m)).ToArray(), RubricRules.TooFewOrManyCriteria },
        { [new Criterion("", "主题突出", 30m)], RubricRules.EmptyId },
        { [new Criterion(" ", "主题突出", 30m)], RubricRules.EmptyId },
        { [new Criterion("a", "甲", 30m), new Criterion("a", "乙", 30m)], RubricRules.DuplicateId },
        { [new Criterion("a", "", 30m)], RubricRules.EmptyName },
        { [new Criterion(new string('a', RubricRules.MaxIdLength + 1), "主题突出", 30m)], RubricRules.LongId },
        { [new Criterion("a", new string('主', RubricRules.MaxNameLength + 1), 30m)], RubricRules.LongName },
        { [new Criterion("a", "\u3000 ", 30m)], RubricRules.EmptyName },
        { [new Criterion("a", "主题突出", 30m), new Criterion("b", "主题突出 ", 30m)], RubricRules.DuplicateName },
        { [new Criterion("a", "甲", 0m)], RubricRules.NonPositiveMaxPoints },
        { [new Criterion("a", "甲", -5m)], RubricRules.NonPositiveMaxPoints },
        { [new Criterion("a", "甲", 10m, 0m)], RubricRules.NonPositiveWeight },
        { [new Criterion("a", "甲", 10m, -1m)], RubricRules.NonPositiveWeight },
    };

    [Theory]
    [MemberData(nameof(InvalidRubrics))]
    public void Invalid_rubric_definitions_are_refused_with_the_reason(Criterion[] criteria, string reason)
    {
        var violation = Assert.Throws<RubricViolation>(() => RubricRules.Validate(new Rubric(criteria)));

        Assert.Equal(RubricViolation.RubricInvalid, violation.Code);
        Assert.Equal(reason, violation.Args[0]);
    }

    public static TheoryData<Criterion[]> ValidRubrics() => new()
    {
        { [new Criterion(new string('a', RubricRules.MaxIdLength), new string('主', RubricRules.MaxNameLength) + "  ", 30m)] },
        { [new Criterion("only", "唯一", 100m)] },
        { Enumerable.Range(1, 10).Select(i => new Criterion($"c{i}", $"项{i}", 10m)).ToArray() },
        { [new Criterion("a", "Theme", 0.5m, 0.1m), new Criterion("A", "theme", 50m, 3m)] }, // ids and names are case-sensitive
    };

    [Theory]
    [MemberData(nameof(ValidRubrics))]
    public void Rubrics_of_one_to_ten_distinct_positive_criteria_are_valid(Criterion[] criteria)
    {
        RubricRules.Validate(new Rubric(criteria));
    }

    [Fact]
    public void Marks_against_an_invalid_rubric_are_refused_as_a_rubric_problem()
    {
        var rubric = new Rubric([new Criterion("a", "甲", 10m), new Criterion("a", "乙", 10m)]);

        var violation = Assert.Throws<RubricViolation>(() => RubricRules.Total(rubric, Marks("a=5")));

        Assert.Equal(RubricViolation.RubricInvalid, violation.Code);
    }
}
