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

    public static void Validate(TournamentSetup setup, IReadOnlyList<TeamEntry> teams)
    {
        if (Text.Clean(setup.Title).Length is 0 or > 60)
        {
            throw RuleViolation.Invalid("tournament.bad-title");
        }

        if (teams.Count < 2 || teams.Count > 64)
        {
            throw RuleViolation.Invalid("tournament.team-count");
        }

        if (teams.Select(t => t.TeamId).Distinct().Count() != teams.Count || teams.Any(t => Text.Clean(t.Name).Length == 0))
        {
            throw RuleViolation.Invalid("tournament.bad-teams");
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

    public static MatchResult ToResult(string teamA, string teamB, MatchOutcome outcome) =>
        new(teamA, teamB, outcome.Sets.Select(s => new SetScore(s.A, s.B)).ToList(), outcome.Ending switch
        {
            "Forfeited" => MatchEnding.Forfeit,
            "Retired" => MatchEnding.Retirement,
            _ => MatchEnding.Played,
        });
}
