using System.Globalization;

namespace Engagement.Selection.Rules;

public enum VoteScoreMethod
{
    /// <summary>100 × votes ÷ most votes: proportional, so every extra vote counts.</summary>
    MaxNormalised,

    /// <summary>12, 10, 8 … 1 points by place: caps what ballot stuffing can gain at one place.</summary>
    RankPoints,
}

/// <summary>Turns a round's vote counts into a vote score per case on a 0–100 scale.</summary>
public static class VoteScore
{
    /// <summary>Points by place, 1st to 10th; later places get none.</summary>
    public static IReadOnlyList<int> PlacePoints { get; } = Array.AsReadOnly(new[] { 12, 10, 8, 7, 6, 5, 4, 3, 2, 1 });

    private const decimal TopPlacePoints = 12m;

    /// <summary>
    /// <see cref="VoteScoreMethod.MaxNormalised"/>: 100 × votes ÷ max votes (all 0 when no one voted).
    /// <see cref="VoteScoreMethod.RankPoints"/>: competition ranking by votes (ties share the better place,
    /// the next place is skipped), each case gets its place's points, scaled so 12 points = 100.
    /// A case with no votes scores 0 either way. Full precision; round only to display.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A vote count is negative.</exception>
    public static IReadOnlyDictionary<string, decimal> Compute(IReadOnlyDictionary<string, int> votes, VoteScoreMethod method)
    {
        ArgumentNullException.ThrowIfNull(votes);
        foreach (var (caseId, count) in votes)
        {
            if (count < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(votes), count, $"Negative vote count for case {caseId}.");
            }
        }

        var max = votes.Count == 0 ? 0 : votes.Values.Max();
        var scores = new Dictionary<string, decimal>(votes.Count, StringComparer.Ordinal);
        foreach (var (caseId, count) in votes)
        {
            scores[caseId] = count == 0 ? 0m : method switch
            {
                VoteScoreMethod.MaxNormalised => 100m * count / max,
                VoteScoreMethod.RankPoints => PointsForPlace(1 + votes.Values.Count(v => v > count)) * 100m / TopPlacePoints,
                _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
            };
        }

        return scores;
    }

    /// <summary>
    /// The formula as published on the results page before voting opens, with the round's weights, e.g.
    /// "最终得分 = 0.7 × 评委得分 + 0.3 × 投票得分（投票得分 = 100 × 得票数 ÷ 最高得票数）".
    /// </summary>
    /// <exception cref="ArgumentException">The weights are not a valid pair (see <see cref="Ranking.Rank"/>).</exception>
    public static string Formula(VoteScoreMethod method, decimal judgeWeight, decimal voteWeight, bool english)
    {
        Ranking.CheckWeights(judgeWeight, voteWeight);
        var jw = Weight(judgeWeight);
        var vw = Weight(voteWeight);
        var points = string.Join(english ? ", " : "、", PlacePoints);
        var text = (method, english) switch
        {
            (VoteScoreMethod.MaxNormalised, false) =>
                $"最终得分 = {jw} × 评委得分 + {vw} × 投票得分（投票得分 = 100 × 得票数 ÷ 最高得票数）",
            (VoteScoreMethod.MaxNormalised, true) =>
                $"Final score = {jw} × judge score + {vw} × vote score (vote score = 100 × votes ÷ most votes)",
            (VoteScoreMethod.RankPoints, false) =>
                $"最终得分 = {jw} × 评委得分 + {vw} × 投票得分（投票得分 = 名次积分 × 100 ÷ 12；按得票数排名，第 1–10 名依次得 {points} 分，"
                + "得票相同者名次并列、积分相同，第 10 名以后及零票得 0 分）",
            (VoteScoreMethod.RankPoints, true) =>
                $"Final score = {jw} × judge score + {vw} × vote score (vote score = place points × 100 ÷ 12; "
                + $"ranked by votes, places 1–10 earn {points} points, cases with equal votes share a place and its points, "
                + "later places and cases without votes earn 0)",
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
        };

        // A round without judges publishes only the vote part, not "0 × judge score".
        return judgeWeight == 0
            ? text.Replace($"{jw} × 评委得分 + ", string.Empty).Replace($"{jw} × judge score + ", string.Empty)
            : text;
    }

    private static int PointsForPlace(int place) => place <= PlacePoints.Count ? PlacePoints[place - 1] : 0;

    // 0.70m prints as 0.7: the published formula shows the weight, not the decimal's scale.
    private static string Weight(decimal weight) => weight.ToString("0.############################", CultureInfo.InvariantCulture);
}
