namespace Engagement.Tournament.Rules.Brackets;

public static partial class Knockout
{
    /// <summary>The most group qualifiers a crossing places (the largest bracket, <see cref="Seeding.MaxSize"/> lines).</summary>
    public const int MaxQualifiers = Seeding.MaxSize;

    /// <summary>
    /// The first-round line when the top <paramref name="advancePerGroup"/> of each of
    /// <paramref name="groups"/> groups go through: group places top to bottom, null for a BYE. Feed it to
    /// <see cref="Build(IReadOnlyList{Entry}, bool)"/>.
    /// </summary>
    /// <remarks>
    /// <para>Qualifiers get virtual seeds by tier: the group winners are seeds 1…G in group order (A1 is
    /// seed 1: a serpentine draw put the top seed in A), the runners-up the next G, and so on. The line is
    /// then the standard seed order, so group winners are kept apart like seeds and BYEs go to the best
    /// group winners.</para>
    /// <para>Which runner-up takes which runner-up seed (and likewise for each later tier) is chosen so that
    /// teams of the same group meet as late as possible: first as few first-round meetings as possible,
    /// then as few second-round ones, and so on — same-group teams end in opposite halves whenever the
    /// numbers allow. Among equally good choices, the one closest to the tier taken in serpentine order
    /// (tier 2 in order D, C, B, A) wins. This is an assignment per tier, solved exactly.</para>
    /// <para>Results: 4 groups × 2 → A1 v B2, D1 v C2 | B1 v A2, C1 v D2 (each pair of groups crosses,
    /// A and B winners in opposite halves). 2 × 2 → A1 v B2 | B1 v A2. 2 × 4 → A1 v B4, B2 v A3 |
    /// B1 v A4, A2 v B3. One per group is plain seeding of the winners: 4 × 1 → A1 v D1 | B1 v C1.</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">
    /// Fewer than one group or one qualifier per group, fewer than 2 or more than <see cref="MaxQualifiers"/> qualifiers.
    /// </exception>
    public static IReadOnlyList<GroupPlace?> FromGroups(int groups, int advancePerGroup)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(groups, GroupDraw.MaxGroups);
        ArgumentOutOfRangeException.ThrowIfLessThan(advancePerGroup, 1);
        var qualifiers = groups * advancePerGroup;
        if (qualifiers < 2 || qualifiers > MaxQualifiers)
        {
            throw new ArgumentOutOfRangeException(nameof(advancePerGroup), qualifiers, $"A knockout from groups takes 2 to {MaxQualifiers} qualifiers.");
        }

        var size = Seeding.BracketSize(qualifiers);
        var rounds = Seeding.Rounds(size);
        var standard = Seeding.Standard(size);
        var positionOfSeed = new int[size + 1];
        for (var i = 0; i < size; i++)
        {
            positionOfSeed[standard[i]] = i;
        }

        var line = new GroupPlace?[size];
        var positionsOfGroup = Enumerable.Range(0, groups).Select(_ => new List<int>()).ToArray();
        for (var g = 0; g < groups; g++)
        {
            Place(g, 1, positionOfSeed[g + 1]);
        }

        // A meeting one round earlier outweighs every later meeting of the tier put together. The weights reach
        // earlier^(rounds - 1) × displacementWeight × meetings: up to 2^110 for 1,024 qualifiers, hence Int128.
        var earlier = (Int128)(groups * (advancePerGroup - 1)) + 1;
        var displacementWeight = ((Int128)groups * groups) + 1;
        for (var place = 2; place <= advancePerGroup; place++)
        {
            var firstSeed = ((place - 1) * groups) + 1;
            var cost = new Int128[groups, groups];
            for (var g = 0; g < groups; g++)
            {
                var natural = place % 2 == 0 ? groups - 1 - g : g;
                for (var j = 0; j < groups; j++)
                {
                    var position = positionOfSeed[firstSeed + j];
                    var meetings = Int128.Zero;
                    foreach (var other in positionsOfGroup[g])
                    {
                        meetings += Power(earlier, rounds - Seeding.MeetingRound(position, other));
                    }

                    cost[g, j] = (meetings * displacementWeight) + Math.Abs(natural - j);
                }
            }

            var seedOfGroup = Assignment.Minimise(cost);
            for (var g = 0; g < groups; g++)
            {
                Place(g, place, positionOfSeed[firstSeed + seedOfGroup[g]]);
            }
        }

        return line;

        void Place(int group, int place, int position)
        {
            line[position] = new GroupPlace(group, place);
            positionsOfGroup[group].Add(position);
        }
    }

    /// <summary>The knockout bracket fed by group places (<see cref="FromGroups"/>).</summary>
    public static Bracket BuildFromGroups(int groups, int advancePerGroup, bool thirdPlace) =>
        Build(FromGroups(groups, advancePerGroup).Select(p => (Entry?)p).ToArray(), thirdPlace);

    private static Int128 Power(Int128 b, int e)
    {
        var result = Int128.One;
        for (var i = 0; i < e; i++)
        {
            result *= b;
        }

        return result;
    }
}
