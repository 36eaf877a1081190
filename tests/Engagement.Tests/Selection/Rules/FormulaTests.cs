using Engagement.Selection;
using Engagement.Selection.Rules;
using static Engagement.Tests.Selection.Rules.Decimals;

namespace Engagement.Tests.Selection.Rules;

public sealed class FormulaTests
{
    [Fact]
    public void The_published_Chinese_formula_puts_the_judge_score_on_100_and_says_how_it_is_trimmed()
    {
        Assert.Equal(
            "最终得分 = 0.7 × 评委得分 + 0.3 × 投票得分（评委得分 = 100 × 评委平均分 ÷ 评分标准满分 100，平均分去掉 1 个最高分和 1 个最低分；"
            + "评委不足 5 位时少去或不去；投票得分 = 100 × 得票数 ÷ 最高得票数）",
            Formula.Text(new FormulaTerms(VoteScoreMethod.MaxNormalised, 0.70m, 0.30m), english: false));
    }

    [Fact]
    public void The_published_English_formula_reads_the_same()
    {
        Assert.Equal(
            "Final score = 0.7 × judge score + 0.3 × vote score (judge score = 100 × judges' mean total ÷ the rubric's maximum 30, "
            + "the mean dropping the 1 highest and 1 lowest totals; with fewer than 5 judges fewer or none are dropped; "
            + "vote score = 100 × votes ÷ most votes)",
            Formula.Text(new FormulaTerms(VoteScoreMethod.MaxNormalised, 0.7m, 0.3m, RubricMax: 30m), english: true));
    }

    [Theory]
    [InlineData(false, "30", 1, TooFewToTrim.AverageAll, "÷ 评分标准满分 30", "评委不足 5 位时少去或不去")]
    [InlineData(false, "10", 2, TooFewToTrim.ReplaceRecused, "÷ 评分标准满分 10", "回避后评委不足 7 位时，回避评委的分数以其余评委的平均分代替")]
    [InlineData(false, null, 1, TooFewToTrim.AverageAll, "÷ 评分标准满分，", "去掉 1 个最高分和 1 个最低分")]
    [InlineData(false, "100", 0, TooFewToTrim.AverageAll, "÷ 评分标准满分 100", "平均分取全部评委总分的平均")]
    [InlineData(true, "30", 1, TooFewToTrim.ReplaceRecused, "÷ the rubric's maximum 30", "each recused judge's total is the mean of the others'")]
    [InlineData(true, null, 2, TooFewToTrim.AverageAll, "÷ the rubric's maximum,", "dropping the 2 highest and 2 lowest")]
    public void The_formula_states_the_rubric_maximum_and_the_rule_for_too_few_judges(
        bool english, string? rubricMax, int k, TooFewToTrim whenTooFew, string scalePart, string trimPart)
    {
        var formula = Formula.Text(new FormulaTerms(VoteScoreMethod.MaxNormalised, 0.7m, 0.3m, N(rubricMax), k, whenTooFew), english);

        Assert.Contains(scalePart, formula);
        Assert.Contains(trimPart, formula);
    }

    [Theory]
    [InlineData(VoteScoreMethod.MaxNormalised, false, "0.6", "0.4", "0.6 × 评委得分", "0.4 × 投票得分", "最高得票数")]
    [InlineData(VoteScoreMethod.RankPoints, false, "0.65", "0.35", "0.65 × 评委得分", "0.35 × 投票得分", "12、10、8、7、6、5、4、3、2、1")]
    [InlineData(VoteScoreMethod.MaxNormalised, true, "0.7", "0.3", "0.7 × judge score", "0.3 × vote score", "most votes")]
    [InlineData(VoteScoreMethod.RankPoints, true, "0.5", "0.5", "0.5 × judge score", "0.5 × vote score", "12, 10, 8, 7, 6, 5, 4, 3, 2, 1")]
    [InlineData(VoteScoreMethod.MaxNormalised, true, "1", "0", "1 × judge score", "0 × vote score", "most votes")]
    public void The_formula_states_both_weights_and_the_vote_method(
        VoteScoreMethod method, bool english, string judgeWeight, string voteWeight, string judgePart, string votePart, string methodPart)
    {
        var formula = Formula.Text(new FormulaTerms(method, D(judgeWeight), D(voteWeight)), english);

        Assert.Contains(judgePart, formula);
        Assert.Contains(votePart, formula);
        Assert.Contains(methodPart, formula);
        Assert.Equal(english, formula.StartsWith("Final score", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, "最终得分 = 1 × 投票得分（投票得分 = 100 × 得票数 ÷ 最高得票数）")]
    [InlineData(true, "Final score = 1 × vote score (vote score = 100 × votes ÷ most votes)")]
    public void A_round_without_judges_publishes_only_the_vote_part(bool english, string expected)
    {
        Assert.Equal(expected, Formula.Text(new FormulaTerms(VoteScoreMethod.MaxNormalised, 0m, 1m, RubricMax: 30m), english));
    }

    [Theory]
    [InlineData("-0.1", "1")]
    [InlineData("0", "0")]
    public void A_formula_with_impossible_weights_is_refused(string judgeWeight, string voteWeight)
    {
        Assert.Throws<ArgumentException>(() => Formula.Text(new FormulaTerms(VoteScoreMethod.MaxNormalised, D(judgeWeight), D(voteWeight)), false));
    }
}
