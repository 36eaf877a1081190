namespace Engagement.Screens;

/// <summary>What may be put on a big screen: short enough to read from the back of the hall.</summary>
public static class ScreenText
{
    public const string DefaultHeadline = "党建活动互动平台";
    public const int MaxHeadline = 40;
    public const int MaxNotice = 120;

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

        if (content.Mode != ScreenMode.Headline
            && (roundId.Length is 0 or > 64 || !roundId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw RuleViolation.Invalid("screen.round-required");
        }

        if (!Enum.IsDefined(content.Mode))
        {
            throw RuleViolation.Invalid("screen.bad-mode");
        }

        return new ScreenContent(headline, notice.Length == 0 ? null : notice, content.Mode,
            content.Mode == ScreenMode.Headline ? null : roundId);
    }
}
