namespace Engagement.Screens;

/// <summary>What may be put on a big screen: short enough to read from the back of the hall.</summary>
public static class ScreenText
{
    public const string DefaultHeadline = "党建活动互动平台";
    public const int MaxHeadline = 40;
    public const int MaxNotice = 120;

    /// <summary>More places than any round has cases; the screen shows what the round has.</summary>
    public const int MaxRankingPlaces = 500;

    public static ScreenContent Validate(ScreenContent content)
    {
        var headline = Text.Clean(content.Headline);
        var notice = Text.Clean(content.Notice);
        if (headline.Length == 0)
        {
            throw RuleViolation.Invalid("screen.headline-required");
        }

        if (headline.Length > MaxHeadline)
        {
            throw RuleViolation.Invalid("screen.headline-too-long", MaxHeadline.ToString());
        }

        if (notice.Length > MaxNotice)
        {
            throw RuleViolation.Invalid("screen.notice-too-long", MaxNotice.ToString());
        }

        var roundId = Text.Clean(content.RoundId);
        // Checked in every mode: a headline screen ignores the round, but a nonsense id is still a mistake.
        if (roundId.Length > 64 || !roundId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw RuleViolation.Invalid("screen.bad-round");
        }

        if (content.Mode is { } mode && !Enum.IsDefined(mode))
        {
            throw RuleViolation.Invalid("screen.bad-mode");
        }

        // A text edit names no view; a round without a mode would be a view change that forgot its mode.
        if (content.Mode is null && roundId.Length > 0)
        {
            throw RuleViolation.Invalid("screen.round-without-mode");
        }

        if (content.Mode is not null and not ScreenMode.Headline && roundId.Length == 0)
        {
            throw RuleViolation.Invalid("screen.round-required");
        }

        return new ScreenContent(headline, notice.Length == 0 ? null : notice, content.Mode,
            content.Mode is null or ScreenMode.Headline ? null : roundId);
    }

    public static RankingStep Validate(RankingStep step)
    {
        if (step.Revealed is < 0 or > MaxRankingPlaces || step.Page is < 0 or > MaxRankingPlaces)
        {
            throw RuleViolation.Invalid("screen.bad-ranking-step", MaxRankingPlaces.ToString());
        }

        return step;
    }

    /// <summary>The key a view's notice is kept under: the mode, and the round it is about.</summary>
    public static string ViewKey(ScreenMode mode, string? roundId) => mode == ScreenMode.Headline ? "Headline" : $"{mode}:{roundId}";
}
