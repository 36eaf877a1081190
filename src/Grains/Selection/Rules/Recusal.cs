namespace Engagement.Selection.Rules;

/// <summary>
/// 回避: a judge affiliated with a branch must not score that branch's case. The server enforces it;
/// screens show 回避 in place of a score.
/// </summary>
public static class Recusal
{
    /// <summary>
    /// True when the judge's branch is the case's branch (ordinal: branch ids are keys, not names).
    /// A judge with no branch (an outside expert) is never recused.
    /// </summary>
    public static bool IsRecused(string? judgeBranchId, string caseBranchId) =>
        !string.IsNullOrEmpty(judgeBranchId) && string.Equals(judgeBranchId, caseBranchId, StringComparison.Ordinal);
}
