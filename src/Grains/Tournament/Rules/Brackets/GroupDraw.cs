namespace Engagement.Tournament.Rules.Brackets;

/// <summary>A team entering a group draw.</summary>
/// <param name="Seed">1 is the strongest; ties are broken by id so the pots never depend on input order.</param>
/// <param name="District">Unit or district (片区/单位) to keep apart from its own; null keeps nothing apart.</param>
public sealed record SeededTeam(string Id, int Seed, string? District = null);

/// <summary>One group of a draw; <paramref name="Teams"/>[p] came out of pot p.</summary>
public sealed record DrawnGroup(string Name, IReadOnlyList<SeededTeam> Teams);

/// <summary>The outcome of a group draw.</summary>
/// <param name="Moved">Ids of teams the district separation moved away from where the draw first put them.</param>
public sealed record Draw(IReadOnlyList<DrawnGroup> Groups, IReadOnlyList<string> Moved)
{
    /// <summary>Pairs of teams of the same district that share a group (0 means fully separated).</summary>
    public int DistrictClashes => Groups.Sum(g => DistrictSeparation.Clashes(g.Teams));

    /// <summary>The name of the group holding team <paramref name="teamId"/>.</summary>
    public string GroupOf(string teamId) =>
        Groups.First(g => g.Teams.Any(t => t.Id == teamId)).Name;
}

/// <summary>
/// Group draws that keep pots: teams are ranked by seed and cut into pots of one team per group (the
/// last pot may be short), and every group takes at most one team from each pot.
/// </summary>
public static class GroupDraw
{
    public const int MaxGroups = 26;

    /// <summary>"A" for group 0, "B" for group 1, … "Z".</summary>
    public static string Name(int group) =>
        group is >= 0 and < MaxGroups
            ? ((char)('A' + group)).ToString()
            : throw new ArgumentOutOfRangeException(nameof(group), group, $"Groups are A to Z (0 to {MaxGroups - 1}).");

    /// <summary>The pots: teams by seed (then id), cut into runs of <paramref name="groups"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<SeededTeam>> Pots(IReadOnlyList<SeededTeam> teams, int groups)
    {
        Check(teams, groups);
        return teams.OrderBy(t => t.Seed).ThenBy(t => t.Id, StringComparer.Ordinal).Chunk(groups).ToArray();
    }

    /// <summary>
    /// Serpentine (snake) draw: pot 1 goes A, B, C, D; pot 2 D, C, B, A; pot 3 A, B, C, D … so the sum of
    /// seeds is balanced across groups. A short last pot fills the first groups in its direction.
    /// </summary>
    /// <param name="separateDistricts">
    /// Then keep teams of the same district apart where possible (同单位回避): see
    /// <see cref="DistrictSeparation"/>. Teams are only ever exchanged within a pot.
    /// </param>
    public static Draw Serpentine(IReadOnlyList<SeededTeam> teams, int groups, bool separateDistricts)
    {
        var pots = Pots(teams, groups);
        var placement = EmptyGroups(groups);
        for (var p = 0; p < pots.Count; p++)
        {
            for (var i = 0; i < pots[p].Count; i++)
            {
                placement[SnakeGroup(p, i, groups)].Add(pots[p][i]);
            }
        }

        return Finish(placement, separateDistricts);
    }

    /// <summary>
    /// A random draw that anyone holding the recorded <paramref name="seed"/> can replay: each pot is
    /// shuffled (Fisher–Yates, from the last position down, with the SplitMix64 generator started at the
    /// seed and one value per swap taken modulo the remaining count), then laid into the groups in the
    /// serpentine direction of that pot, so group sizes match the serpentine draw. The generator is part
    /// of this code, not the runtime's, so a recorded seed replays identically on any version.
    /// </summary>
    public static Draw Random(IReadOnlyList<SeededTeam> teams, int groups, int seed, bool separateDistricts = false)
    {
        var pots = Pots(teams, groups);
        var generator = new SplitMix64(seed);
        var placement = EmptyGroups(groups);
        for (var p = 0; p < pots.Count; p++)
        {
            var pot = pots[p].ToArray();
            for (var i = pot.Length - 1; i > 0; i--)
            {
                var j = generator.Below(i + 1);
                (pot[i], pot[j]) = (pot[j], pot[i]);
            }

            for (var i = 0; i < pot.Length; i++)
            {
                placement[SnakeGroup(p, i, groups)].Add(pot[i]);
            }
        }

        return Finish(placement, separateDistricts);
    }

    /// <summary>The group the i-th team of pot p takes in serpentine order.</summary>
    public static int SnakeGroup(int pot, int i, int groups) => pot % 2 == 0 ? i : groups - 1 - i;

    private static Draw Finish(List<SeededTeam>[] placement, bool separateDistricts)
    {
        var moved = separateDistricts ? DistrictSeparation.Apply(placement) : [];
        var drawn = placement.Select((teams, g) => new DrawnGroup(Name(g), teams.ToArray())).ToArray();
        return new Draw(drawn, moved);
    }

    private static List<SeededTeam>[] EmptyGroups(int groups) =>
        Enumerable.Range(0, groups).Select(_ => new List<SeededTeam>()).ToArray();

    private static void Check(IReadOnlyList<SeededTeam> teams, int groups)
    {
        ArgumentNullException.ThrowIfNull(teams);
        if (groups < 1 || groups > MaxGroups)
        {
            throw new ArgumentOutOfRangeException(nameof(groups), groups, $"A draw has 1 to {MaxGroups} groups.");
        }

        if (teams.Count < groups)
        {
            throw new ArgumentException($"{teams.Count} teams cannot fill {groups} groups.", nameof(teams));
        }

        if (teams.Any(t => string.IsNullOrWhiteSpace(t.Id)) || teams.Select(t => t.Id).Distinct(StringComparer.Ordinal).Count() != teams.Count)
        {
            throw new ArgumentException("Team ids must be non-blank and distinct.", nameof(teams));
        }
    }

    /// <summary>SplitMix64 (Steele, Lea, Flood 2014): small, fast, and fixed here so draws replay forever.</summary>
    private sealed class SplitMix64(int seed)
    {
        private ulong _state = unchecked((ulong)seed);

        public int Below(int bound)
        {
            unchecked
            {
                _state += 0x9E3779B97F4A7C15UL;
                var z = _state;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                z ^= z >> 31;
                return (int)(z % (ulong)bound);
            }
        }
    }
}
