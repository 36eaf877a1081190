using Engagement.Tournament.Rules.Brackets;

namespace Engagement.Tests.Tournament.Rules.Brackets;

public sealed class AssignmentTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(6)]
    public void The_assignment_costs_no_more_than_the_best_permutation(int n)
    {
        var random = new Random(n);
        for (var trial = 0; trial < 40; trial++)
        {
            var cost = new long[n, n];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    cost[i, j] = random.Next(0, trial % 2 == 0 ? 4 : 1000);
                }
            }

            var chosen = Assignment.Minimise(cost);

            Assert.Equal(Enumerable.Range(0, n), chosen.Order());
            var best = Permutations(Enumerable.Range(0, n).ToArray()).Min(p => Total(cost, p));
            Assert.Equal(best, Total(cost, chosen));
        }
    }

    private static long Total(long[,] cost, int[] columnOfRow) =>
        columnOfRow.Select((c, r) => cost[r, c]).Sum();

    private static IEnumerable<int[]> Permutations(int[] items) =>
        items.Length <= 1
            ? [items]
            : items.SelectMany(x => Permutations(items.Where(y => y != x).ToArray()).Select(rest => new[] { x }.Concat(rest).ToArray()));
}
