using Engagement.Selection;

namespace Engagement.Tests.Selection;

public sealed class CaseSubmissionsTests
{
    [Theory]
    [InlineData(new RoundStatus[0], true)]
    [InlineData(new[] { RoundStatus.Draft }, true)]
    [InlineData(new[] { RoundStatus.Draft, RoundStatus.Draft }, true)]
    [InlineData(new[] { RoundStatus.Draft, RoundStatus.Open }, false)]
    [InlineData(new[] { RoundStatus.Closed }, false)]
    [InlineData(new[] { RoundStatus.Published, RoundStatus.Draft }, false)]
    public void Branches_submit_cases_only_while_no_round_of_the_event_has_opened(RoundStatus[] rounds, bool open) =>
        Assert.Equal(open, CaseSubmissions.Open(rounds));
}
