using Engagement.Tournament.Rules.Brackets;

namespace Engagement.Tests.Tournament.Rules.Brackets;

public sealed class SeedingTests
{
    public static TheoryData<int, int[]> StandardLines => new()
    {
        { 2, [1, 2] },
        { 4, [1, 4, 2, 3] },
        { 8, [1, 8, 4, 5, 2, 7, 3, 6] },
        { 16, [1, 16, 8, 9, 4, 13, 5, 12, 2, 15, 7, 10, 3, 14, 6, 11] },
        {
            32,
            [1, 32, 16, 17, 8, 25, 9, 24, 4, 29, 13, 20, 5, 28, 12, 21,
             2, 31, 15, 18, 7, 26, 10, 23, 3, 30, 14, 19, 6, 27, 11, 22]
        },
    };

    [Theory]
    [MemberData(nameof(StandardLines))]
    public void Standard_order_matches_the_table(int size, int[] expected)
    {
        Assert.Equal(expected, Seeding.Standard(size));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(256)]
    [InlineData(1024)]
    public void The_top_two_to_the_k_seeds_stand_in_different_blocks_of_every_level(int size)
    {
        var line = Seeding.Standard(size);

        // Seeds 1–2 in different halves, 1–4 in different quarters, 1–8 in different eighths, …
        for (var blocks = 2; blocks <= size; blocks *= 2)
        {
            var blockOfSeed = Enumerable.Range(1, blocks).Select(s => IndexOf(line, s) / (size / blocks));
            Assert.Equal(blocks, blockOfSeed.Distinct().Count());
        }

        // Each first-round pair sums to size + 1 with the better seed on top.
        for (var i = 0; i < size; i += 2)
        {
            Assert.Equal(size + 1, line[i] + line[i + 1]);
            Assert.True(line[i] < line[i + 1]);
        }
    }

    public static TheoryData<int, int?[]> LinesWithByes => new()
    {
        { 5, [1, null, 4, 5, 2, null, 3, null] },
        { 6, [1, null, 4, 5, 2, null, 3, 6] },
        { 7, [1, null, 4, 5, 2, 7, 3, 6] },
        { 11, [1, null, 8, 9, 4, null, 5, null, 2, null, 7, 10, 3, null, 6, 11] },
        { 12, [1, null, 8, 9, 4, null, 5, 12, 2, null, 7, 10, 3, null, 6, 11] },
    };

    [Theory]
    [MemberData(nameof(LinesWithByes))]
    public void Byes_pad_to_the_next_power_of_two_against_the_top_seeds(int teams, int?[] expected)
    {
        Assert.Equal(expected, Seeding.WithByes(teams));
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(3, 1)]
    [InlineData(5, 3)]
    [InlineData(9, 7)]
    [InlineData(17, 15)]
    [InlineData(24, 8)]
    [InlineData(33, 31)]
    [InlineData(64, 0)]
    [InlineData(100, 28)]
    public void The_byes_go_exactly_to_the_best_seeds_and_never_meet_each_other(int teams, int byes)
    {
        var line = Seeding.WithByes(teams);

        Assert.Equal(byes, Seeding.Byes(teams));
        var seedsWithBye = Enumerable.Range(0, line.Count / 2)
            .Where(i => line[(2 * i) + 1] is null)
            .Select(i => line[2 * i]!.Value)
            .Order();
        Assert.Equal(Enumerable.Range(1, byes), seedsWithBye);
        Assert.Equal(byes, line.Count(s => s is null));
        Assert.Equal(Enumerable.Range(1, teams), line.OfType<int>().Order());
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(8, 8)]
    [InlineData(9, 16)]
    [InlineData(128, 128)]
    [InlineData(129, 256)]
    [InlineData(1000, 1024)]
    [InlineData(1024, 1024)]
    public void Bracket_size_is_the_next_power_of_two(int teams, int size)
    {
        Assert.Equal(size, Seeding.BracketSize(teams));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(768)]
    [InlineData(2048)]
    public void Standard_rejects_sizes_that_are_not_a_power_of_two_in_range(int size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Seeding.Standard(size));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1025)]
    public void With_byes_rejects_fields_out_of_range(int teams)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Seeding.WithByes(teams));
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(2, 3, 1)]
    [InlineData(0, 2, 2)]
    [InlineData(1, 3, 2)]
    [InlineData(0, 7, 3)]
    [InlineData(3, 4, 3)]
    [InlineData(15, 0, 4)]
    public void Meeting_round_is_where_two_lines_first_can_meet(int a, int b, int round)
    {
        Assert.Equal(round, Seeding.MeetingRound(a, b));
    }

    private static int IndexOf(IReadOnlyList<int> line, int seed) => line.ToList().IndexOf(seed);
}
