using Engagement.Tournament.Rules;
using static Engagement.Tests.Tournament.Rules.ScoreText;

namespace Engagement.Tests.Tournament.Rules;

/// <summary>
/// The printed score sheet (记分表) keeps every begun set: who won each rally in order, the timeouts each
/// team took in that set, and who served first; an untouched next set is not on it.
/// </summary>
public sealed class MatchScoreSheetTests
{
    [Fact]
    public void Each_set_keeps_its_rallies_in_order_and_its_own_timeouts()
    {
        var score = MatchScore.Start(RuleSet.AirVolleyball)
            .Timeout(Team.B).Rallies("ABA").Timeout(Team.A).Timeout(Team.B).Reach(19, 18).ConfirmSetEnd() // 2:1, then on to 21:19
            .ChooseFirstServer(Team.A).Rallies("BB").Timeout(Team.A);

        var sheet = score.Sheet;

        Assert.Equal(2, sheet.Count);
        Assert.Equal(1, sheet[0].Number);
        Assert.Equal(Team.A, sheet[0].FirstServer);
        Assert.Equal("ABA", string.Concat(sheet[0].Rallies.Take(3)));
        Assert.Equal(21 + 19, sheet[0].Rallies.Count);
        Assert.Equal((21, 19), (sheet[0].Rallies.Count(t => t == Team.A), sheet[0].Rallies.Count(t => t == Team.B)));
        Assert.Equal((1, 2), (sheet[0].TimeoutsA, sheet[0].TimeoutsB));
        Assert.Equal(2, sheet[1].Number);
        Assert.Equal("BB", string.Concat(sheet[1].Rallies));
        Assert.Equal((1, 0), (sheet[1].TimeoutsA, sheet[1].TimeoutsB));
    }

    [Fact]
    public void An_untouched_next_set_is_not_on_the_sheet_and_an_undone_rally_is_gone()
    {
        var score = MatchScore.Start(RuleSet.AirVolleyball).PlaySets("21:10");
        Assert.Single(score.Sheet);

        var undone = MatchScore.Start(RuleSet.AirVolleyball).Rallies("AB").Undo();
        Assert.Equal("A", string.Concat(Assert.Single(undone.Sheet).Rallies));
    }
}
