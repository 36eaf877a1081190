using CsCheck;
using Engagement.Tournament.Rules.Brackets;

namespace Engagement.Tests.Tournament.Rules.Brackets;

/// <summary>
/// A change resolves only the matches that depend on it (<see cref="Bracket"/>'s remarks). These properties play generated
/// brackets step by step — starts, results, corrections — and after every step compare the incremental bracket with the
/// same step resolved over the whole bracket, the way brackets were resolved before.
/// </summary>
public sealed class BracketIncrementalTests
{
    private enum Step
    {
        Start,
        Complete,
        Correct,
    }

    /// <summary>Single elimination (BYEs for any field that is not a power of two), double elimination, or a knockout fed by groups.</summary>
    private static readonly Gen<(string Name, Func<Bracket> Build)> GenBracket = Gen.OneOf(
        from teams in Gen.Int[2, 70]
        from third in Gen.Bool
        let withThird = third && teams >= 3
        select ($"knockout {teams}{(withThird ? " +3rd" : "")}", (Func<Bracket>)(() => Knockout.Build(teams, withThird))),
        from teams in Gen.Int[3, 70]
        from reset in Gen.Bool
        select ($"double {teams}{(reset ? " +reset" : "")}", (Func<Bracket>)(() => DoubleElimination.Build(teams, reset))),
        from groups in Gen.Int[1, 8]
        from advance in Gen.Int[1, 8]
        where groups * advance is >= 2 and <= 64
        from third in Gen.Bool
        let withThird = third && groups * advance >= 3
        select ($"groups {groups}x{advance}{(withThird ? " +3rd" : "")}", (Func<Bracket>)(() => Knockout.BuildFromGroups(groups, advance, withThird))));

    private static readonly Gen<(Step Step, int Pick, bool Top)[]> GenSteps =
        Gen.Select(Gen.Int[0, 9], Gen.Int[0, 1_000_000], Gen.Bool,
            (kind, pick, top) => (kind switch { < 2 => Step.Start, < 8 => Step.Complete, _ => Step.Correct }, pick, top)).Array[0, 400];

    [Fact]
    public void Playing_step_by_step_gives_after_every_step_the_bracket_a_full_resolve_gives()
    {
        Gen.Select(GenBracket, GenSteps).Sample((shape, steps) =>
        {
            var bracket = shape.Build();
            AssertConsistent(bracket, shape.Name);
            foreach (var (step, pick, top) in steps)
            {
                bracket = Apply(bracket, step, pick, top ? Side.Top : Side.Bottom, shape.Name);
            }

            // Then to the end, results only, so every match (the grand-final reset and third-place match too) is reached.
            var n = 0;
            while (bracket.Playable.Count > 0)
            {
                n++;
                bracket = Apply(bracket, Step.Complete, n * 7919, n % 3 == 0 ? Side.Bottom : Side.Top, shape.Name);
            }

            Assert.True(bracket.IsFinished, shape.Name);
            Assert.NotNull(bracket.Champion);
        }, iter: 400);
    }

    [Fact]
    public void A_correction_resets_the_same_matches_as_a_full_resolve_at_any_point_of_play()
    {
        Gen.Select(GenBracket, Gen.Int[0, 1_000_000], Gen.Int[0, 1_000_000]).Sample((shape, stopAfter, pick) =>
        {
            // Play a prefix (a mix of winners), then correct every played result in turn against the full resolve.
            var bracket = shape.Build();
            var total = bracket.Matches.Count;
            var played = 0;
            while (bracket.Playable.Count > 0 && played < stopAfter % (total + 1))
            {
                var match = bracket.Playable[(pick + played) % bracket.Playable.Count];
                bracket = bracket.Complete(match.Id, (pick >> (played % 20)) % 2 == 0 ? Side.Top : Side.Bottom);
                played++;
            }

            foreach (var match in bracket.Matches.Where(m => m.Status == MatchStatus.Completed && m.IsPlayed))
            {
                var flipped = match.Winner!.Value.Other();
                var incremental = bracket.Correct(match.Id, flipped);
                var (full, reset) = bracket.ResolvedInFull(match with { Winner = flipped });
                Assert.Equal(full, incremental.Bracket);
                Assert.Equal(reset, incremental.Reset);
                AssertConsistent(incremental.Bracket, $"{shape.Name}, {match.Id} corrected");
            }
        }, iter: 300);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(1000)]
    public void A_double_elimination_of_a_thousand_teams_plays_through_to_the_top_seed(int teams)
    {
        var bracket = Play.Through(DoubleElimination.Build(teams, grandFinalReset: true), Play.Favourite);

        Assert.True(bracket.IsFinished);
        Assert.Equal(new Seed(1), bracket.Champion);
        Assert.Equal(bracket, Bracket.Create(bracket.Matches));
        Assert.Equal((2 * Seeding.BracketSize(teams)) - 1, bracket.Matches.Count);
    }

    /// <summary>Applies one step incrementally and in full and checks they agree; a step the bracket refuses is skipped by both.</summary>
    private static Bracket Apply(Bracket bracket, Step step, int pick, Side side, string name)
    {
        switch (step)
        {
            case Step.Start when bracket.Playable.Count > 0:
            {
                var match = bracket.Playable[pick % bracket.Playable.Count];
                var incremental = bracket.Start(match.Id);
                var expected = match.Status == MatchStatus.Running ? bracket : bracket.ResolvedInFull(match with { Status = MatchStatus.Running }).Bracket;
                return Agree(expected, incremental, $"{name}: start {match.Id}");
            }

            case Step.Complete when bracket.Playable.Count > 0:
            {
                var match = bracket.Playable[pick % bracket.Playable.Count];
                var incremental = bracket.Complete(match.Id, side);
                var (expected, reset) = bracket.ResolvedInFull(match with { Status = MatchStatus.Completed, Winner = side });
                Assert.Empty(reset);
                return Agree(expected, incremental, $"{name}: {match.Id} won by {side}");
            }

            case Step.Correct when bracket.Matches.Where(m => m.Status == MatchStatus.Completed && m.IsPlayed).ToArray() is { Length: > 0 } played:
            {
                var match = played[pick % played.Length];
                var correction = bracket.Correct(match.Id, side);
                if (match.Winner == side)
                {
                    Assert.False(correction.WinnerChanged);
                    Assert.Empty(correction.Reset);
                    return Agree(bracket, correction.Bracket, $"{name}: {match.Id} corrected to the same winner");
                }

                var (expected, reset) = bracket.ResolvedInFull(match with { Winner = side });
                Assert.True(correction.WinnerChanged);
                Assert.Equal(reset, correction.Reset);
                return Agree(expected, correction.Bracket, $"{name}: {match.Id} corrected to {side}");
            }

            default:
                return bracket;
        }
    }

    private static Bracket Agree(Bracket expected, Bracket actual, string what)
    {
        var differing = expected.Matches.Zip(actual.Matches).FirstOrDefault(p => !p.First.Equals(p.Second));
        Assert.True(differing == default, $"{what}: full {differing.First} but incremental {differing.Second}");
        Assert.Equal(expected, actual);
        AssertConsistent(actual, what);
        return actual;
    }

    /// <summary>The kept count of open matches says what a pass over the matches says, and the bracket is its own full resolve.</summary>
    private static void AssertConsistent(Bracket bracket, string what)
    {
        Assert.True(bracket.IsFinished == bracket.Matches.All(m => m.Status == MatchStatus.Completed), $"{what}: IsFinished is {bracket.IsFinished}");
        Assert.True(Bracket.Create(bracket.Matches).Equals(bracket), $"{what}: not its own full resolve");
    }
}
