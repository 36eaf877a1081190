using Engagement.Tournament.Rules.Brackets;

namespace Engagement.Tests.Tournament.Rules.Brackets;

public sealed class KnockoutFromGroupsTests
{
    [Theory]
    [InlineData(2, 1, "A1 B1")]
    [InlineData(4, 1, "A1 D1 B1 C1")]
    [InlineData(3, 1, "A1 BYE B1 C1")]
    [InlineData(2, 2, "A1 B2 B1 A2")]
    [InlineData(4, 2, "A1 B2 D1 C2 B1 A2 C1 D2")]
    [InlineData(2, 4, "A1 B4 B2 A3 B1 A4 A2 B3")]
    [InlineData(3, 2, "A1 BYE C2 B2 B1 BYE C1 A2")]
    public void Group_places_cross_as_tabled(int groups, int advance, string expected)
    {
        var line = Knockout.FromGroups(groups, advance);

        Assert.Equal(expected, string.Join(' ', line.Select(p => p?.ToString() ?? "BYE")));
    }

    [Fact]
    public void Four_groups_of_two_pair_each_winner_with_the_neighbour_groups_runner_up()
    {
        var bracket = Knockout.BuildFromGroups(4, 2, thirdPlace: false);

        var pairs = bracket.Round(BracketPart.Main, 1).Select(m => $"{m.Top.Occupant} v {m.Bottom.Occupant}");
        Assert.Equal(["A1 v B2", "B1 v A2", "C1 v D2", "D1 v C2"], pairs.Order());
        Assert.Equal(7, bracket.Matches.Count);
        Assert.All(bracket.Round(BracketPart.Main, 1), m => Assert.Equal(MatchStatus.Ready, m.Status));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(12)]
    [InlineData(16)]
    public void With_two_per_group_same_group_teams_meet_only_in_the_final(int groups)
    {
        var line = Knockout.FromGroups(groups, 2);
        var half = line.Count / 2;

        for (var g = 0; g < groups; g++)
        {
            var positions = Positions(line, g);
            Assert.Equal(2, positions.Length);
            Assert.NotEqual(positions[0] < half, positions[1] < half);
        }

        AssertWinnersSeededApart(line, groups);
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(4, 3)]
    [InlineData(2, 4)]
    [InlineData(4, 4)]
    [InlineData(8, 4)]
    [InlineData(3, 4)]
    [InlineData(16, 16)] // 256 qualifiers
    [InlineData(26, 39)] // 1,014: BYEs in a 1,024-line bracket
    [InlineData(16, 64)] // 1,024, the largest bracket: weights beyond a long
    public void With_more_per_group_no_first_round_game_is_between_group_mates(int groups, int advance)
    {
        var line = Knockout.FromGroups(groups, advance);

        for (var i = 0; i < line.Count; i += 2)
        {
            if (line[i] is { } a && line[i + 1] is { } b)
            {
                Assert.NotEqual(a.Group, b.Group);
            }
        }

        // Every group is split as evenly as it can be between the halves.
        for (var g = 0; g < groups; g++)
        {
            var inTop = Positions(line, g).Count(p => p < line.Count / 2);
            Assert.InRange(inTop, advance / 2, (advance + 1) / 2);
        }

        Assert.Equal(groups * advance, line.Count(p => p is not null));
        AssertWinnersSeededApart(line, groups);
    }

    [Fact]
    public void Group_places_read_as_letter_and_place()
    {
        Assert.Equal("C2", new GroupPlace(2, 2).ToString());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(0, 2)]
    [InlineData(2, 0)]
    [InlineData(27, 1)]
    [InlineData(26, 40)] // 1,040 qualifiers: more than the largest bracket
    [InlineData(1, 1025)]
    public void Impossible_crossings_are_rejected(int groups, int advance)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Knockout.FromGroups(groups, advance));
    }

    private static int[] Positions(IReadOnlyList<GroupPlace?> line, int group) =>
        line.Select((p, i) => (p, i)).Where(x => x.p?.Group == group).Select(x => x.i).ToArray();

    /// <summary>The group winners stand where seeds 1..G would, in group order.</summary>
    private static void AssertWinnersSeededApart(IReadOnlyList<GroupPlace?> line, int groups)
    {
        var standard = Seeding.Standard(line.Count);
        for (var g = 0; g < groups; g++)
        {
            Assert.Equal(new GroupPlace(g, 1), line[standard.ToList().IndexOf(g + 1)]);
        }
    }
}
