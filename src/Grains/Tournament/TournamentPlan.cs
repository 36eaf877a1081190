using Engagement.Tournament.Rules;
using Engagement.Tournament.Rules.Brackets;

namespace Engagement.Tournament;

/// <summary>
/// Turns a tournament's setup and teams into its structure: the group draw and round-robin fixtures,
/// and the knockout (or double-elimination) bracket. Pure; the grain stores the inputs and rebuilds this.
/// </summary>
public static class TournamentPlan
{
    public sealed record GroupFixture(string MatchId, string Group, int Round, string TeamA, string TeamB);

    public sealed record Structure(IReadOnlyList<(string Name, IReadOnlyList<string> TeamIds)> Groups, IReadOnlyList<GroupFixture> Fixtures);

    /// <summary>
    /// The most teams a tournament takes, in every format. The bracket rules build up to
    /// <see cref="Seeding.MaxSize"/> lines; the tournament stays well inside that.
    /// </summary>
    public const int MaxTeams = 256;

    /// <param name="maxTeams">The most teams allowed here (<see cref="TournamentLimits"/>); never more than the bracket rules build.</param>
    public static void Validate(TournamentSetup setup, IReadOnlyList<TeamEntry> teams, int maxTeams = MaxTeams)
    {
        maxTeams = Math.Min(maxTeams, Seeding.MaxSize);
        if (Text.Clean(setup.Title).Length is 0 or > 60)
        {
            throw RuleViolation.Invalid("tournament.bad-title");
        }

        if (teams.Count < 2 || teams.Count > maxTeams)
        {
            throw RuleViolation.Invalid("tournament.team-count");
        }

        if (teams.Select(t => t.TeamId).Distinct().Count() != teams.Count || teams.Any(t => Text.Clean(t.Name).Length == 0))
        {
            throw RuleViolation.Invalid("tournament.bad-teams");
        }

        // Seeds order the draw and the bracket: two teams on one seed would be placed by the order they were entered.
        if (teams.GroupBy(t => t.Seed).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw RuleViolation.Invalid("tournament.repeated-seed", repeated.Key.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        RuleSets.ToRules(setup.Rules);
        Criteria(setup);
        var groupsNeeded = setup.Format is TournamentFormat.GroupsThenKnockout;
        if (groupsNeeded && (setup.Groups < 1 || teams.Count < setup.Groups * 2 || setup.AdvancePerGroup < 1
                             || setup.AdvancePerGroup * setup.Groups < 2 || setup.AdvancePerGroup > teams.Count / setup.Groups))
        {
            throw RuleViolation.Invalid("tournament.bad-groups");
        }

        if (setup.Format is TournamentFormat.DoubleElimination && teams.Count < 3)
        {
            throw RuleViolation.Invalid("tournament.team-count");
        }

        var knockoutTeams = setup.Format switch
        {
            TournamentFormat.GroupsThenKnockout => setup.Groups * setup.AdvancePerGroup,
            TournamentFormat.Knockout => teams.Count,
            _ => 0,
        };
        // A third-place match that no bracket of this format has would be silently ignored.
        if (setup.ThirdPlace && setup.Format is TournamentFormat.DoubleElimination or TournamentFormat.RoundRobin)
        {
            throw RuleViolation.Invalid("tournament.third-place-not-knockout");
        }

        if (setup.ThirdPlace && knockoutTeams is > 0 and < 4)
        {
            throw RuleViolation.Invalid("tournament.third-place-needs-semis");
        }

        if (setup.Legs is < 1 or > 2)
        {
            throw RuleViolation.Invalid("tournament.bad-legs");
        }
    }

    public static IReadOnlyList<StandingCriterion> Criteria(TournamentSetup setup)
    {
        if (setup.Criteria.Count == 0)
        {
            return StandingCriteria.ChineseRegulation;
        }

        return setup.Criteria.Select(c => Enum.TryParse<StandingCriterion>(c, out var parsed)
            ? parsed
            : throw RuleViolation.Invalid("tournament.bad-criterion", c)).Distinct().ToList();
    }

    /// <summary>The groups and their round-robin fixtures (a round robin is one group of everyone).</summary>
    public static Structure Groups(TournamentSetup setup, IReadOnlyList<TeamEntry> teams)
    {
        IReadOnlyList<(string Name, IReadOnlyList<string> TeamIds)> groups;
        if (setup.Format == TournamentFormat.RoundRobin)
        {
            groups = [("A", teams.OrderBy(t => t.Seed).Select(t => t.TeamId).ToList())];
        }
        else if (setup.Format == TournamentFormat.GroupsThenKnockout)
        {
            var seeded = teams.OrderBy(t => t.Seed).Select((t, i) => new SeededTeam(t.TeamId, i + 1, t.District)).ToList();
            var draw = setup.DrawSeed is { } seed
                ? GroupDraw.Random(seeded, setup.Groups, seed, setup.SeparateDistricts)
                : GroupDraw.Serpentine(seeded, setup.Groups, setup.SeparateDistricts);
            groups = draw.Groups.Select(g => (g.Name, (IReadOnlyList<string>)g.Teams.Select(t => t.Id).ToList())).ToList();
        }
        else
        {
            return new Structure([], []);
        }

        var fixtures = new List<GroupFixture>();
        foreach (var (name, teamIds) in groups)
        {
            foreach (var round in RoundRobin.Circle(teamIds, setup.Legs))
            {
                var number = 0;
                foreach (var fixture in round.Fixtures)
                {
                    fixtures.Add(new GroupFixture($"G{name}-R{round.Number}-M{++number}", name, round.Number, fixture.Home, fixture.Away));
                }
            }
        }

        return new Structure(groups, fixtures);
    }

    /// <summary>The knockout part, or null when the format has none.</summary>
    public static Bracket? Knockout(TournamentSetup setup, int teams)
    {
        try
        {
            return setup.Format switch
            {
                TournamentFormat.GroupsThenKnockout => Rules.Brackets.Knockout.BuildFromGroups(setup.Groups, setup.AdvancePerGroup, setup.ThirdPlace),
                TournamentFormat.Knockout => Rules.Brackets.Knockout.Build(teams, setup.ThirdPlace),
                TournamentFormat.DoubleElimination => DoubleElimination.Build(teams, setup.GrandFinalReset),
                _ => null,
            };
        }
        catch (ArgumentException e)
        {
            // The bracket rules refuse shapes they cannot build; Validate should have caught them first.
            throw RuleViolation.Invalid("tournament.bad-format", e.Message);
        }
    }

    /// <summary>How a stored result ended, by the score sheet's names (Finished, Forfeited, Retired); null for any other text.</summary>
    public static MatchEnding? Ending(string? ending) => ending switch
    {
        "Finished" => MatchEnding.Played,
        "Forfeited" => MatchEnding.Forfeit,
        "Retired" => MatchEnding.Retirement,
        _ => null,
    };

    /// <summary>Result problems: the ending is none of the three, the sets are impossible for it, the winner is not the team with the sets.</summary>
    public const string BadEnding = "bad-ending";

    public const string BadScore = "bad-score";

    public const string BadWinner = "bad-winner";

    /// <summary>
    /// Why <paramref name="outcome"/> cannot stand as the result of teamA v teamB under the rules, or null when
    /// it can. Corrections are refused for it; views show a stored result that fails it as such rather than
    /// counting it, so the standings only ever see results they can rank.
    /// </summary>
    public static string? ResultProblem(RuleSet rules, string teamA, string teamB, MatchOutcome? outcome)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (outcome is null || Ending(outcome.Ending) is not { } ending)
        {
            return BadEnding;
        }

        if (outcome.Sets is null || outcome.Sets.Any(s => s is null))
        {
            return BadScore;
        }

        var result = ToResult(teamA, teamB, outcome);
        if (!SetRules.IsValidResult(rules, result.Sets, ending))
        {
            return BadScore;
        }

        return result.Winner is { } winner && result.IdOf(winner) == outcome.Winner ? null : BadWinner;
    }

    /// <summary>The sets a forfeit won by <paramref name="winner"/> is recorded with, team A's points first.</summary>
    /// <remarks>A List, not a collection expression: the grain stores it, and storage serialisers need a type they know.</remarks>
    public static IReadOnlyList<SetPoints> ForfeitSets(RuleSet rules, string teamA, string winner) =>
        SetRules.ForfeitSets(rules, winner == teamA ? Team.A : Team.B).Select(s => new SetPoints(s.A, s.B)).ToList();

    public static MatchResult ToResult(string teamA, string teamB, MatchOutcome outcome) =>
        new(teamA, teamB, outcome.Sets.Select(s => new SetScore(s.A, s.B)).ToList(), Ending(outcome.Ending) ?? MatchEnding.Played);
}
