using System.Globalization;

namespace Engagement.Selection.Rules;

/// <summary>What the published formula states: the weights, the vote method and how the judge score is made.</summary>
/// <param name="RubricMax">The rubric's best total; null when cases were marked on rubrics of different maxima.</param>
/// <param name="TrimK">How many highest and lowest totals are dropped.</param>
/// <param name="WhenTooFew">What happens when recusal leaves too few judges to drop them all.</param>
public sealed record FormulaTerms(
    VoteScoreMethod Method,
    decimal JudgeWeight,
    decimal VoteWeight,
    decimal? RubricMax = 100m,
    int TrimK = 1,
    TooFewToTrim WhenTooFew = TooFewToTrim.AverageAll);

/// <summary>
/// The formula as published before voting opens and printed with the results, e.g.
/// "最终得分 = 0.7 × 评委得分 + 0.3 × 投票得分（评委得分 = 100 × 评委平均分 ÷ 满分 30，……；投票得分 = 100 × 得票数 ÷ 最高得票数）".
/// It says that the judge score is on the vote score's 0–100 scale, and how too few judges are handled.
/// </summary>
public static class Formula
{
    /// <exception cref="ArgumentException">The weights are not a valid pair (see <see cref="Ranking.Rank(IReadOnlyList{RankingInput}, decimal, decimal)"/>).</exception>
    public static string Text(FormulaTerms terms, bool english)
    {
        ArgumentNullException.ThrowIfNull(terms);
        Ranking.CheckWeights(terms.JudgeWeight, terms.VoteWeight);
        var jw = Number(terms.JudgeWeight);
        var vw = Number(terms.VoteWeight);
        var vote = VotePart(terms.Method, english);

        // A round without judges publishes only the vote part, not "0 × judge score".
        if (terms.JudgeWeight == 0)
        {
            return english
                ? $"Final score = {vw} × vote score ({vote})"
                : $"最终得分 = {vw} × 投票得分（{vote}）";
        }

        var judge = JudgePart(terms, english);
        return english
            ? $"Final score = {jw} × judge score + {vw} × vote score ({judge}; {vote})"
            : $"最终得分 = {jw} × 评委得分 + {vw} × 投票得分（{judge}；{vote}）";
    }

    private static string JudgePart(FormulaTerms terms, bool english)
    {
        var max = terms.RubricMax is { } m ? Number(m) : null;
        var scale = english
            ? $"judge score = 100 × judges' mean total ÷ {(max is null ? "the rubric's maximum" : $"the rubric's maximum {max}")}"
            : $"评委得分 = 100 × 评委平均分 ÷ {(max is null ? "评分标准满分" : $"评分标准满分 {max}")}";
        var k = terms.TrimK;
        if (k <= 0)
        {
            return scale + (english ? ", the mean of all judges' totals" : "，平均分取全部评委总分的平均");
        }

        var full = Number(2 * k + TrimmedMean.MinimumCounting);
        var trim = english
            ? $", the mean dropping the {k} highest and {k} lowest totals"
            : $"，平均分去掉 {k} 个最高分和 {k} 个最低分";
        var tooFew = (terms.WhenTooFew, english) switch
        {
            (TooFewToTrim.ReplaceRecused, false) => $"；回避后评委不足 {full} 位时，回避评委的分数以其余评委的平均分代替",
            (TooFewToTrim.ReplaceRecused, true) => $"; when recusal leaves fewer than {full} judges, each recused judge's total is the mean of the others'",
            (_, false) => $"；评委不足 {full} 位时少去或不去",
            (_, true) => $"; with fewer than {full} judges fewer or none are dropped",
        };
        return scale + trim + tooFew;
    }

    private static string VotePart(VoteScoreMethod method, bool english)
    {
        var points = string.Join(english ? ", " : "、", VoteScore.PlacePoints);
        return (method, english) switch
        {
            (VoteScoreMethod.MaxNormalised, false) => "投票得分 = 100 × 得票数 ÷ 最高得票数",
            (VoteScoreMethod.MaxNormalised, true) => "vote score = 100 × votes ÷ most votes",
            (VoteScoreMethod.RankPoints, false) =>
                $"投票得分 = 名次积分 × 100 ÷ 12；按得票数排名，第 1–10 名依次得 {points} 分，得票相同者名次并列、积分相同，第 10 名以后及零票得 0 分",
            (VoteScoreMethod.RankPoints, true) =>
                $"vote score = place points × 100 ÷ 12; ranked by votes, places 1–10 earn {points} points, cases with equal votes "
                + "share a place and its points, later places and cases without votes earn 0",
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
        };
    }

    // 0.70m prints as 0.7: the published formula shows the number, not the decimal's scale.
    private static string Number(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);
}
