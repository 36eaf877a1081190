using Engagement.Screens;

namespace Engagement.Tests.Screens;

public sealed class ScreenTextTests
{
    [Theory]
    [InlineData("", null, "screen.headline-required")]
    [InlineData(" \u3000\t", "通知", "screen.headline-required")]
    [InlineData("\u200B", null, "screen.headline-required")]
    public void A_headline_is_required(string headline, string? notice, string code)
    {
        var violation = Assert.Throws<RuleViolation>(() => ScreenText.Validate(new ScreenContent(headline, notice)));

        Assert.Equal((ViolationKind.Invalid, code), (violation.Kind, violation.Code));
    }

    [Theory]
    [InlineData(41, 0, "screen.headline-too-long", "40")]
    [InlineData(40, 121, "screen.notice-too-long", "120")]
    public void Headline_and_notice_have_length_limits(int headlineLength, int noticeLength, string code, string limit)
    {
        var content = new ScreenContent(new string('标', headlineLength), new string('通', noticeLength));

        var violation = Assert.Throws<RuleViolation>(() => ScreenText.Validate(content));

        Assert.Equal((code, limit), (violation.Code, Assert.Single(violation.Args)));
    }

    [Theory]
    [InlineData("  欢迎\u3000参加  ", " 请 就座 ", "欢迎 参加", "请 就座")]
    [InlineData("标题", "   ", "标题", null)]
    [InlineData("标题", null, "标题", null)]
    public void Content_is_cleaned_and_an_empty_notice_is_none(string headline, string? notice, string expectedHeadline, string? expectedNotice)
    {
        Assert.Equal(new ScreenContent(expectedHeadline, expectedNotice), ScreenText.Validate(new ScreenContent(headline, notice)));
    }

    [Fact]
    public void Limits_are_inclusive_and_counted_after_cleaning()
    {
        var content = new ScreenContent("  " + new string('标', 40) + "  ", new string('通', 120));

        Assert.Equal(40, ScreenText.Validate(content).Headline.Length);
    }

    [Fact]
    public void A_text_edit_names_no_round()
    {
        var violation = Assert.Throws<RuleViolation>(() => ScreenText.Validate(new ScreenContent("标题", null, null, "round-1")));

        Assert.Equal("screen.round-without-mode", violation.Code);
    }

    [Theory]
    [InlineData(ScreenMode.Voting)]
    [InlineData(ScreenMode.Judging)]
    [InlineData(ScreenMode.Ranking)]
    [InlineData(ScreenMode.Tournament)]
    public void Every_view_but_the_headline_needs_a_round(ScreenMode mode)
    {
        var violation = Assert.Throws<RuleViolation>(() => ScreenText.Validate(new ScreenContent("标题", null, mode)));

        Assert.Equal("screen.round-required", violation.Code);
    }

    [Fact]
    public void A_headline_view_drops_the_round_and_a_text_edit_keeps_no_mode()
    {
        Assert.Equal((ScreenMode.Headline, (string?)null), (ScreenText.Validate(new ScreenContent("标题", null, ScreenMode.Headline, "r1")) is var v ? (v.Mode, v.RoundId) : default));
        Assert.Null(ScreenText.Validate(new ScreenContent("标题", "通知")).Mode);
    }
}
