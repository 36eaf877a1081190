using Engagement.Tournament.Rules.Brackets;

namespace Engagement.Tests.Tournament.Rules.Brackets;

public sealed class RoundRobinTests
{
    public static TheoryData<int> Sizes => new(Enumerable.Range(2, 11));

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Every_round_is_a_matching_and_every_pair_meets_once(int n)
    {
        var teams = Teams(n);

        var rounds = RoundRobin.Circle(teams);

        Assert.Equal(n % 2 == 0 ? n - 1 : n, rounds.Count);
        foreach (var round in rounds)
        {
            var playing = round.Fixtures.SelectMany(f => new[] { f.Home, f.Away }).ToArray();
            Assert.Equal(playing.Length, playing.Distinct().Count());
            var present = round.SittingOut is null ? playing : [.. playing, round.SittingOut];
            Assert.Equal(teams.Order(), present.Order()); // each team exactly once: playing or sitting out
            Assert.Equal(n % 2 == 0, round.SittingOut is null);
        }

        var pairs = rounds.SelectMany(r => r.Fixtures).Select(Pair).ToArray();
        Assert.Equal(n * (n - 1) / 2, pairs.Length);
        Assert.Equal(pairs.Length, pairs.Distinct().Count());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(11)]
    public void With_an_odd_count_each_team_sits_out_exactly_once(int n)
    {
        var rounds = RoundRobin.Circle(Teams(n));

        Assert.Equal(Teams(n).Order(), rounds.Select(r => r.SittingOut!).Order());
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Home_and_away_are_balanced_within_one_game(int n)
    {
        var fixtures = RoundRobin.Circle(Teams(n)).SelectMany(r => r.Fixtures).ToArray();

        foreach (var team in Teams(n))
        {
            var difference = fixtures.Count(f => f.Home == team) - fixtures.Count(f => f.Away == team);
            Assert.InRange(Math.Abs(difference), 0, n % 2 == 0 ? 1 : 0);
        }
    }

    [Fact]
    public void Four_teams_follow_the_circle_table()
    {
        var rounds = RoundRobin.Circle(["A", "B", "C", "D"]);

        Assert.Equal(
            ["A-D B-C", "C-A D-B", "A-B C-D"],
            rounds.Select(r => string.Join(' ', r.Fixtures.Select(f => $"{f.Home}-{f.Away}"))));
    }

    [Fact]
    public void Three_teams_follow_the_circle_table_with_one_sitting_out()
    {
        var rounds = RoundRobin.Circle(["A", "B", "C"]);

        Assert.Equal(
            ["A-B/C", "C-A/B", "B-C/A"],
            rounds.Select(r => string.Join(' ', r.Fixtures.Select(f => $"{f.Home}-{f.Away}")) + "/" + r.SittingOut));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void The_second_leg_repeats_the_first_with_home_and_away_swapped(int n)
    {
        var rounds = RoundRobin.Circle(Teams(n), legs: 2);
        var perLeg = rounds.Count / 2;

        Assert.Equal(Enumerable.Range(1, rounds.Count), rounds.Select(r => r.Number));
        Assert.All(rounds.Take(perLeg), r => Assert.Equal(1, r.Leg));
        Assert.All(rounds.Skip(perLeg), r => Assert.Equal(2, r.Leg));
        for (var i = 0; i < perLeg; i++)
        {
            var first = rounds[i];
            var second = rounds[perLeg + i];
            Assert.Equal(first.Fixtures.Select(f => new Fixture(f.Away, f.Home)), second.Fixtures);
            Assert.Equal(first.SittingOut, second.SittingOut);
        }

        // Every ordered pair exactly once: each team hosts each other team once.
        var ordered = rounds.SelectMany(r => r.Fixtures).ToArray();
        Assert.Equal(n * (n - 1), ordered.Distinct().Count());
        Assert.Equal(ordered.Length, ordered.Distinct().Count());
    }

    [Fact]
    public void A_third_leg_is_played_like_the_first()
    {
        var rounds = RoundRobin.Circle(Teams(4), legs: 3);

        Assert.Equal(9, rounds.Count);
        Assert.Equal(rounds[0].Fixtures, rounds[6].Fixtures);
        Assert.Equal(3, rounds[8].Leg);
    }

    [Fact]
    public void Invalid_fields_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => RoundRobin.Circle(["A"]));
        Assert.Throws<ArgumentException>(() => RoundRobin.Circle(["A", "B", "A"]));
        Assert.Throws<ArgumentException>(() => RoundRobin.Circle(["A", " "]));
        Assert.Throws<ArgumentOutOfRangeException>(() => RoundRobin.Circle(["A", "B"], legs: 0));
    }

    private static string[] Teams(int n) => Enumerable.Range(1, n).Select(i => $"T{i:00}").ToArray();

    private static string Pair(Fixture f) =>
        string.CompareOrdinal(f.Home, f.Away) < 0 ? $"{f.Home}|{f.Away}" : $"{f.Away}|{f.Home}";
}
