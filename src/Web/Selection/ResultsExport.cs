using Engagement.Selection;
using Engagement.Web.Operations;

namespace Engagement.Web.Selection;

/// <summary>
/// The published ranking and the full score sheet as one .xlsx: sheet 排名 (ranking with formula and
/// final hash), sheet 评分明细 (every judge's marks per criterion, dropped ones marked), each headed by
/// the event, the round and the publication time. <see cref="SpreadsheetBook"/> guards every text cell
/// and column name (titles and names are what people typed) and sizes the columns to their text.
/// </summary>
public static class ResultsExport
{
    public static async Task<IResult> Handle(string roundId, IGrainFactory grains, HttpContext http)
    {
        var round = await SelectionEndpoints.RequireRound(grains, roundId);
        var results = round.Results ?? throw RuleViolation.Conflict("round.not-published");
        var selection = await grains.GetGrain<ISelectionEventGrain>(round.EventId).Get();
        var scores = round.Settings.Kind == RoundKind.LiveFinal ? await grains.GetGrain<IJudgingGrain>(roundId).GetScores() : [];
        var cases = round.Cases.ToDictionary(c => c.CaseId);
        var rubric = selection?.Rubric ?? [];

        var roundName = round.Settings.Name;
        var eventTitle = results.EventTitle is { Length: > 0 } published ? published : selection?.Title;
        SpreadsheetSheet Headed(SpreadsheetSheet sheet) => sheet
            .Head("活动 Event", eventTitle)
            .Head("轮次 Round", roundName)
            .Head("公布时间 Published", SpreadsheetBook.HallTime(results.PublishedAt));

        var ranking = Headed(new SpreadsheetSheet("排名", ["名次 Rank", "案例 Case", "党支部 Branch", JudgeColumn, "得票 Votes", "投票得分 Vote score", "最终得分 Final", "并列 Shared", "说明 Note"]));
        foreach (var r in results.Ranking)
        {
            ranking.Add(
                r.Rank,
                cases.GetValueOrDefault(r.CaseId)?.Title,
                cases.GetValueOrDefault(r.CaseId)?.BranchName,
                // On 0–100, as combined; a case published without judges reads 未评分, never 0.
                r.JudgeScore is { } j ? Math.Round(j, 2, MidpointRounding.AwayFromZero) : r.Unscored ? "未评分" : null,
                r.Votes,
                Math.Round(r.VoteScore, 2, MidpointRounding.AwayFromZero),
                Math.Round(r.FinalScore, 2, MidpointRounding.AwayFromZero),
                r.SharedRank ? "是" : string.Empty,
                Note(r));
        }

        ranking.Foot("计分公式", results.Formula);
        ranking.Foot("校验哈希", results.FinalHash);

        var sheet = Headed(new SpreadsheetSheet("评分明细", ["案例 Case", "评委 Judge", .. rubric.Select(c => $"{c.Name}（{c.MaxPoints}）"), "总分 Total", "去掉 Dropped", "修改次数 Amendments"]));
        foreach (var caseScores in scores)
        {
            var title = cases.GetValueOrDefault(caseScores.CaseId)?.Title;
            foreach (var mark in caseScores.Marks)
            {
                sheet.Add([title, mark.JudgeName, .. rubric.Select(c => (object?)mark.Marks.GetValueOrDefault(c.Id)), mark.Total, mark.Dropped ? "是" : string.Empty, mark.Amendments]);
            }

            foreach (var recused in caseScores.RecusedJudges)
            {
                sheet.Add([title, recused, .. rubric.Select(_ => (object?)null), "回避"]);
            }
        }

        if (sheet.Rows.Count == 0)
        {
            sheet.Add("（本轮无评委评分）");
        }

        var stream = SpreadsheetBook.Write([ranking, sheet], http.RequestAborted);
        return TypedResults.File(stream, SpreadsheetBook.ContentType, $"results-{roundId}.xlsx");
    }

    private const string JudgeColumn = "评委得分（百分制）Judges (0–100)";

    /// <summary>Why a row's judge score is what it is, in the words of the published formula.</summary>
    private static string Note(ResultRow row)
    {
        var notes = new List<string>();
        if (row.Unscored)
        {
            notes.Add("未在现场评分，评委部分不计分 (not scored on stage)");
        }

        if (row.ReplacedJudges > 0)
        {
            notes.Add($"{row.ReplacedJudges} 位回避评委的分数以其余评委的平均分代替 (recused judges' totals replaced by the mean)");
        }

        if (row.ShortOfTrim)
        {
            notes.Add("本案例评委不足，未按规定去掉最高分和最低分 (too few judges to drop the highest and lowest)");
        }

        return string.Join("；", notes);
    }
}
