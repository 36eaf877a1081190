using System.Numerics;

namespace Engagement.Tournament.Rules.Brackets;

/// <summary>
/// The assignment problem: give each of n rows a distinct column so the summed cost is least
/// (Hungarian method with potentials, O(n³)). Deterministic for a given matrix, so draws and
/// crossings built on it are reproducible.
/// </summary>
internal static class Assignment
{
    /// <summary>Column chosen for each row of a square cost matrix.</summary>
    /// <remarks>Generic so that lexicographic costs too wide for a long (a knockout of 1,024 from groups) can use <see cref="Int128"/>.</remarks>
    public static int[] Minimise<T>(T[,] cost)
        where T : struct, IBinaryInteger<T>, IMinMaxValue<T>
    {
        var n = cost.GetLength(0);
        if (n != cost.GetLength(1))
        {
            throw new ArgumentException("The cost matrix must be square.", nameof(cost));
        }

        // 1-based arrays; column 0 is the virtual column the augmenting path starts from.
        var u = new T[n + 1];
        var v = new T[n + 1];
        var rowOfColumn = new int[n + 1];
        var way = new int[n + 1];
        for (var row = 1; row <= n; row++)
        {
            rowOfColumn[0] = row;
            var column = 0;
            var minSlack = new T[n + 1];
            Array.Fill(minSlack, T.MaxValue);
            var used = new bool[n + 1];
            do
            {
                used[column] = true;
                var r = rowOfColumn[column];
                var delta = T.MaxValue;
                var next = 0;
                for (var c = 1; c <= n; c++)
                {
                    if (used[c])
                    {
                        continue;
                    }

                    var slack = cost[r - 1, c - 1] - u[r] - v[c];
                    if (slack < minSlack[c])
                    {
                        minSlack[c] = slack;
                        way[c] = column;
                    }

                    if (minSlack[c] < delta)
                    {
                        delta = minSlack[c];
                        next = c;
                    }
                }

                for (var c = 0; c <= n; c++)
                {
                    if (used[c])
                    {
                        u[rowOfColumn[c]] += delta;
                        v[c] -= delta;
                    }
                    else
                    {
                        minSlack[c] -= delta;
                    }
                }

                column = next;
            }
            while (rowOfColumn[column] != 0);

            do
            {
                var previous = way[column];
                rowOfColumn[column] = rowOfColumn[previous];
                column = previous;
            }
            while (column != 0);
        }

        var columnOfRow = new int[n];
        for (var c = 1; c <= n; c++)
        {
            columnOfRow[rowOfColumn[c] - 1] = c - 1;
        }

        return columnOfRow;
    }
}
