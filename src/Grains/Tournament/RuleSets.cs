using Engagement.Tournament.Rules;

namespace Engagement.Tournament;

/// <summary>Between the editable settings the console sends and the rules the scoring engine runs.</summary>
public static class RuleSets
{
    public static RuleSet ToRules(RuleSetSettings s)
    {
        var rules = new RuleSet(s.SetsToWin, s.PointsPerSet, s.DecidingSetPoints, s.LeadNeeded, s.CapsEnabled, s.SetCap, s.DecidingSetCap,
            s.DecidingSetSideSwitchAt, s.TimeoutsPerSet,
            new MatchPointsTable(s.WinPoints, s.LossPoints, s.DecidingWinPoints, s.DecidingLossPoints, s.ForfeitWinPoints, s.ForfeitLossPoints));
        try
        {
            rules.Validate();
        }
        catch (ScoringViolation violation)
        {
            throw RuleViolation.Invalid("tournament.bad-rules", violation.Args.FirstOrDefault() ?? violation.Code);
        }

        return rules;
    }

    public static RuleSetSettings ToSettings(RuleSet r) => new(r.SetsToWin, r.PointsPerSet, r.DecidingSetPoints, r.LeadNeeded, r.CapsEnabled,
        r.SetCap, r.DecidingSetCap, r.DecidingSetSideSwitchAt, r.TimeoutsPerSet, r.MatchPoints.Win, r.MatchPoints.Loss,
        r.MatchPoints.WinInDecidingSet, r.MatchPoints.LossInDecidingSet, r.MatchPoints.WinByForfeit, r.MatchPoints.LossByForfeit);

    public static IReadOnlyDictionary<string, RuleSetSettings> Presets { get; } = new Dictionary<string, RuleSetSettings>
    {
        ["air-volleyball"] = ToSettings(RuleSet.AirVolleyball),
        ["air-volleyball-capped"] = ToSettings(RuleSet.AirVolleyballCapped),
        ["fivb-indoor"] = ToSettings(RuleSet.FivbIndoor),
    };
}
