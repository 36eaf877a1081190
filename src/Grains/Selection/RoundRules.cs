using System.Globalization;

namespace Engagement.Selection;

/// <summary>What makes a round's settings sound. Checked when an organiser configures a draft round.</summary>
public static class RoundRules
{
    public const int MaxNameLength = 60;

    public static void Validate(RoundSettings settings, IReadOnlyList<RoundCase> cases)
    {
        var name = Text.Clean(settings.Name);
        if (name.Length is 0 or > MaxNameLength)
        {
            throw RuleViolation.Invalid("round.bad-name", MaxNameLength.ToString());
        }

        if (settings.CaseIds.Count == 0)
        {
            throw RuleViolation.Invalid("round.no-cases");
        }

        if (settings.CaseIds.Distinct(StringComparer.Ordinal).Count() != settings.CaseIds.Count)
        {
            throw RuleViolation.Invalid("round.repeated-case");
        }

        if (settings.CaseIds.FirstOrDefault(id => cases.All(c => c.CaseId != id)) is { } unknown)
        {
            throw RuleViolation.Invalid("round.unknown-case", unknown);
        }

        if (settings.MinChoices < 1 || settings.MaxChoices < settings.MinChoices || settings.MaxChoices > settings.CaseIds.Count)
        {
            throw RuleViolation.Invalid("round.bad-choice-range", settings.CaseIds.Count.ToString());
        }

        if (settings.Secret && settings.Revote == RevotePolicy.LastBallotCounts)
        {
            // Replacing a ballot needs the link between voter and ballot that a secret round must not keep.
            throw RuleViolation.Invalid("round.secret-revote");
        }

        if (settings.JudgeWeight < 0 || settings.VoteWeight < 0 || settings.JudgeWeight + settings.VoteWeight <= 0
            || (settings.Kind == RoundKind.Vote && settings.VoteWeight <= 0))
        {
            throw RuleViolation.Invalid("round.bad-weights");
        }

        // Weights are shares of the final score: 70 and 30 would publish "70 × 评委得分" and a score out of 10,000.
        // Exact in decimal, so 0.7 + 0.3 is 1 and 0.33 + 0.67 is 1, with no tolerance to argue about.
        if (settings.Kind == RoundKind.LiveFinal && settings.JudgeWeight + settings.VoteWeight != 1m)
        {
            throw RuleViolation.Invalid("round.weights-not-one", Weight(settings.JudgeWeight), Weight(settings.VoteWeight), Weight(settings.JudgeWeight + settings.VoteWeight));
        }
    }

    /// <summary>The furthest ahead a closing time may be set: a vote runs for hours or days, not months.</summary>
    public static readonly TimeSpan MaxClosingHorizon = TimeSpan.FromDays(30);

    /// <summary>The least time a closing time must leave, so phones can still show the countdown and send a ballot.</summary>
    public static readonly TimeSpan MinClosingLead = TimeSpan.FromSeconds(5);

    /// <summary>A closing time must lie between <see cref="MinClosingLead"/> and <see cref="MaxClosingHorizon"/> from now.</summary>
    public static void ValidateClosingTime(DateTimeOffset closesAt, DateTimeOffset now)
    {
        if (closesAt < now + MinClosingLead)
        {
            throw RuleViolation.Invalid("round.closing-time-past", ((int)MinClosingLead.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        }

        if (closesAt > now + MaxClosingHorizon)
        {
            throw RuleViolation.Invalid("round.closing-time-too-far", ((int)MaxClosingHorizon.TotalDays).ToString(CultureInfo.InvariantCulture));
        }
    }

    private static string Weight(decimal weight) => weight.ToString("0.############################", CultureInfo.InvariantCulture);
}
