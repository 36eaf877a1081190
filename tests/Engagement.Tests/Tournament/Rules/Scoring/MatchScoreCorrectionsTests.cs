using Engagement.Tournament.Rules;
using static Engagement.Tests.Tournament.Rules.ScoreText;

namespace Engagement.Tests.Tournament.Rules;

public sealed class MatchScoreCorrectionsTests
{
    private static MatchScore Air => MatchScore.Start(RuleSet.AirVolleyball);

    private static void Refused(string code, Func<MatchScore> entry) =>
        Assert.Equal(code, Assert.Throws<ScoringViolation>(() => entry()).Code);

    [Theory]
    [InlineData("AAB", 2, 0, "A")]
    [InlineData("ABB", 1, 1, "B")]
    [InlineData("BBA", 0, 2, "B")]
    public void Undo_takes_back_the_last_rally_and_its_serve(string rallies, int a, int b, string serving)
    {
        var undone = Air.Rallies(rallies).Undo();

        Assert.Equal(new SetScore(a, b), undone.Current);
        Assert.Equal(ParseTeam(serving), undone.Serving);
        Assert.Equal(MatchScoreStatus.InProgress, undone.Status);
    }

    [Fact]
    public void Undoing_the_only_rally_returns_the_match_to_not_started()
    {
        Assert.Equal(MatchScoreStatus.NotStarted, Air.Rally(Team.B).Undo().Status);
    }

    [Fact]
    public void Undo_with_no_rally_is_refused()
    {
        Refused(ScoringViolation.NothingToUndo, Air.Undo);
        Refused(ScoringViolation.NothingToUndo, () => Air.Rally(Team.A).Undo().Undo());
    }

    [Fact]
    public void Undo_after_the_rules_ended_a_set_reopens_play_in_it()
    {
        var undone = Air.Reach(21, 19).Undo();

        Assert.Equal(MatchScoreStatus.InProgress, undone.Status);
        Assert.Equal(new SetScore(20, 19), undone.Current);
        Assert.Equal(MatchScoreStatus.InProgress, undone.Rally(Team.B).Status); // 20:20, play goes on
    }

    [Fact]
    public void Undo_is_refused_into_a_confirmed_set()
    {
        var nextSet = Air.PlaySets("21:19");
        var matchOver = Air.PlaySets("21:19 21:17");

        Refused(ScoringViolation.SetConfirmed, nextSet.Undo);
        Refused(ScoringViolation.SetConfirmed, () => nextSet.Rally(Team.A).Undo().Undo());
        Refused(ScoringViolation.SetConfirmed, matchOver.Undo);
        Refused(ScoringViolation.MatchClosed, () => matchOver.ConfirmMatchEnd().Undo());
    }

    [Fact]
    public void Undo_does_not_take_back_timeouts()
    {
        var score = Air.Rallies("AB").Timeout(Team.A).Undo();

        Assert.Equal(RuleSet.AirVolleyball.TimeoutsPerSet - 1, score.TimeoutsLeft(Team.A));
        Assert.Equal(new SetScore(1, 0), score.Current);
    }

    [Fact]
    public void The_organiser_can_reopen_a_confirmed_set_and_correct_it()
    {
        var reopened = Air.PlaySets("21:19").ReopenSet();

        Assert.Equal(MatchScoreStatus.SetOver, reopened.Status);
        Assert.Equal((1, new SetScore(21, 19)), (reopened.SetNumber, reopened.Current));
        Assert.Empty(reopened.Sets);

        var corrected = reopened.Undo().Undo().Rallies("BB").ConfirmSetEnd();
        Assert.Equal([new SetScore(19, 21)], corrected.Sets);
        Assert.Equal(Team.B, corrected.Serving); // set 1 started with A, so set 2 starts with B
    }

    [Fact]
    public void Reopening_the_deciding_set_undecides_the_match()
    {
        var reopened = Air.PlaySets("21:19 21:17").ReopenSet();

        Assert.Equal(MatchScoreStatus.SetOver, reopened.Status);
        Assert.Null(reopened.Winner);
        Assert.Equal([new SetScore(21, 19)], reopened.Sets);
        Assert.Equal(new SetScore(21, 17), reopened.Current);
    }

    public static TheoryData<string, Func<MatchScore, MatchScore>> NextSetBegun() => new()
    {
        { "rally", s => s.Rally(Team.A) },
        { "timeout", s => s.Timeout(Team.B) },
        { "toss", s => s.ChooseFirstServer(Team.A) },
        { "timeout after an undone rally", s => s.Rally(Team.A).Undo().Timeout(Team.A) },
    };

    [Theory]
    [MemberData(nameof(NextSetBegun))]
    public void A_set_cannot_be_reopened_once_the_next_set_has_begun(string what, Func<MatchScore, MatchScore> begin)
    {
        var begun = begin(Air.PlaySets("21:19"));

        Assert.False(string.IsNullOrEmpty(what));
        Refused(ScoringViolation.SetUnderWay, begun.ReopenSet);
    }

    [Fact]
    public void A_rally_entered_and_undone_in_the_next_set_does_not_block_reopening()
    {
        Assert.Equal(MatchScoreStatus.SetOver, Air.PlaySets("21:19").Rally(Team.B).Undo().ReopenSet().Status);
    }

    [Fact]
    public void Reopening_needs_a_confirmed_set_and_an_open_score_sheet()
    {
        Refused(ScoringViolation.NothingToReopen, Air.ReopenSet);
        Refused(ScoringViolation.NothingToReopen, () => Air.Reach(21, 19).ReopenSet());
        Refused(ScoringViolation.MatchClosed, () => Air.PlaySets("21:19 21:17").ConfirmMatchEnd().ReopenSet());
        Refused(ScoringViolation.MatchClosed, () => Air.PlaySets("21:19").Forfeit(Team.A).ReopenSet());
    }
}
