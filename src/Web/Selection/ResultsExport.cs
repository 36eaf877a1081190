using Engagement.Selection;
using Engagement.Web.Operations;
using MiniExcelLibs;

namespace Engagement.Web.Selection;

/// <summary>
/// The published ranking and the full score sheet as one .xlsx: sheet 排名 (ranking with formula and
/// final hash), sheet 评分明细 (every judge's marks per criterion, dropped ones marked). Every text cell
/// and column name goes through <see cref="SpreadsheetCell"/>: titles and names are what people typed.
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

        string[] rankingColumns = ["名次 Rank", "案例 Case", "党支部 Branch", JudgeColumn, "得票 Votes", "投票得分 Vote score", "最终得分 Final", "并列 Shared", "说明 Note"];
        var ranking = results.Ranking.Select(r => (object)Row(rankingColumns,
            ("名次 Rank", (object?)r.Rank),
            ("案例 Case", cases.GetValueOrDefault(r.CaseId)?.Title),
            ("党支部 Branch", cases.GetValueOrDefault(r.CaseId)?.BranchName),
            // On 0–100, as combined; a case published without judges reads 未评分, never 0.
            (JudgeColumn, r.JudgeScore is { } j ? Math.Round(j, 2, MidpointRounding.AwayFromZero) : r.Unscored ? "未评分" : null),
            ("得票 Votes", r.Votes),
            ("投票得分 Vote score", Math.Round(r.VoteScore, 2, MidpointRounding.AwayFromZero)),
            ("最终得分 Final", Math.Round(r.FinalScore, 2, MidpointRounding.AwayFromZero)),
            ("并列 Shared", r.SharedRank ? "是" : string.Empty),
            ("说明 Note", Note(r)))).ToList();
        ranking.Add(Row(rankingColumns));
        ranking.Add(Row(rankingColumns, ("名次 Rank", "计分公式"), ("案例 Case", results.Formula)));
        ranking.Add(Row(rankingColumns, ("名次 Rank", "校验哈希"), ("案例 Case", results.FinalHash)));

        var sheetColumns = new List<string> { "案例 Case", "评委 Judge" };
        sheetColumns.AddRange(rubric.Select(CriterionColumn));
        sheetColumns.AddRange(["总分 Total", "去掉 Dropped", "修改次数 Amendments"]);
        var sheet = new List<object>();
        foreach (var caseScores in scores)
        {
            foreach (var mark in caseScores.Marks)
            {
                var row = Row(sheetColumns, ("案例 Case", cases.GetValueOrDefault(caseScores.CaseId)?.Title), ("评委 Judge", mark.JudgeName));
                // The remaining cells are numbers and fixed words, set directly.
                foreach (var criterion in rubric)
                {
                    row[CriterionColumn(criterion)] = mark.Marks.GetValueOrDefault(criterion.Id);
                }

                row["总分 Total"] = mark.Total;
                row["去掉 Dropped"] = mark.Dropped ? "是" : string.Empty;
                row["修改次数 Amendments"] = mark.Amendments;
                sheet.Add(row);
            }

            foreach (var recused in caseScores.RecusedJudges)
            {
                sheet.Add(Row(sheetColumns, ("案例 Case", cases.GetValueOrDefault(caseScores.CaseId)?.Title), ("评委 Judge", recused), ("总分 Total", "回避")));
            }
        }

        if (sheet.Count == 0)
        {
            sheet.Add(Row(sheetColumns, ("案例 Case", "（本轮无评委评分）")));
        }

        var workbook = new Dictionary<string, object> { ["排名"] = ranking, ["评分明细"] = sheet };
        var stream = new MemoryStream();
        await stream.SaveAsAsync(workbook, cancellationToken: http.RequestAborted);
        stream.Position = 0;
        return TypedResults.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"results-{roundId}.xlsx");
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

    /// <summary>A criterion's column: its name is the organiser's text, so it is guarded like a cell.</summary>
    private static string CriterionColumn(RubricCriterion criterion) => SpreadsheetCell.Text($"{criterion.Name}（{criterion.MaxPoints}）")!;

    /// <summary>
    /// A row with every column of its sheet present (MiniExcel takes the columns from each row); text
    /// values are guarded against being read as formulas.
    /// </summary>
    private static Dictionary<string, object?> Row(IReadOnlyList<string> columns, params (string Column, object? Value)[] values)
    {
        var row = columns.ToDictionary(c => c, _ => (object?)null);
        foreach (var (column, value) in values)
        {
            row[column] = SpreadsheetCell.Value(value);
        }

        return row;
    }
}
