using Engagement.Selection.Rules;

namespace Engagement.Tests.Selection.Rules;

public sealed class RecusalTests
{
    [Theory]
    [InlineData("branch-1", "branch-1", true)]
    [InlineData("branch-1", "branch-2", false)]
    [InlineData(null, "branch-1", false)] // an outside expert
    [InlineData("", "branch-1", false)]
    [InlineData("", "", false)]
    [InlineData(null, "", false)]
    [InlineData("Branch-1", "branch-1", false)] // ids are keys: ordinal, not case-insensitive
    [InlineData("一中党支部", "一中党支部", true)]
    public void A_judge_is_recused_only_from_their_own_branch_case(string? judgeBranch, string caseBranch, bool recused)
    {
        Assert.Equal(recused, Recusal.IsRecused(judgeBranch, caseBranch));
    }
}
