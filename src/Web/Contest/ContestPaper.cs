using Engagement.Contest;
using Engagement.Web.Operations;

namespace Engagement.Web.Contest;

/// <summary>
/// The contest on paper: one read for the printable results page (hall round and stage final), and the same results
/// as one .xlsx for the records — per question, per member, per branch, per district, every answer, and the stage's
/// scoreboard with every change to it. Cells are written through <see cref="SpreadsheetCell"/> (names are typed by people).
/// </summary>
public static class ContestPaper
{
    /// <summary>What the results page reads once; the stage is null while it has no teams.</summary>
    public sealed record PrintData(string Title, HallRecord Hall, StageView? Stage, DateTimeOffset PrintedAt);

    public static async Task<PrintData> Print(IGrainFactory grains, string contestId)
    {
        var hall = await grains.GetGrain<IContestGrain>(contestId).GetRecord();
        var stage = await grains.GetGrain<IStageFinalGrain>(contestId).Get();
        return new PrintData(hall.Contest.Settings.Title, hall, stage.Setup.Teams.Count > 0 ? stage : null, DateTimeOffset.UtcNow);
    }

    public static async Task<IResult> Export(IGrainFactory grains, string contestId, CancellationToken cancellationToken)
    {
        var paper = await Print(grains, contestId);
        var stream = SpreadsheetBook.Write(Sheets(paper), cancellationToken);
        return TypedResults.File(stream, SpreadsheetBook.ContentType, $"contest-{contestId}.xlsx");
    }

    public static IReadOnlyList<SpreadsheetSheet> Sheets(PrintData paper)
    {
        var hall = paper.Hall;
        var contest = hall.Contest;
        var exported = SpreadsheetBook.HallTime(paper.PrintedAt);
        SpreadsheetSheet Headed(SpreadsheetSheet sheet) => sheet
            .Head("竞赛 Contest", paper.Title)
            .Head("状态 Status", contest.Status switch { ContestStatus.Finished => "已结束 Finished", ContestStatus.Running => "进行中 Running", _ => "未开始 Draft" })
            .Head("排名规则 Ranking", Ranking(contest.Settings.Ranking))
            .Head("导出时间 Exported", exported);
        var branchNames = hall.Branches.ToDictionary(b => b.BranchId, b => b.Name, StringComparer.Ordinal);
        string BranchName(string branchId) => branchNames.GetValueOrDefault(branchId) ?? branchId;

        var questions = Headed(new SpreadsheetSheet("题目", ["题序 No", "题号 Id", "题型 Type", "题干 Stem", "答案 Answer", "分值 Points", "作答 Answered", "答对 Correct", "正确率 Rate", "选项分布 Distribution"]));
        var reveals = hall.Reveals.ToDictionary(r => r.No);
        for (var i = 0; i < contest.Questions.Count; i++)
        {
            var q = contest.Questions[i];
            var reveal = reveals.GetValueOrDefault(i + 1);
            questions.Add(i + 1, q.QuestionId, Type(q.Type), q.Stem, q.Answer, q.Points,
                reveal?.Answered, reveal?.Correct,
                reveal is { Answered: > 0 } r ? Math.Round((decimal)r.Correct / r.Answered, 4) : null,
                reveal is null ? "未揭晓 (not revealed)" : string.Join("  ", reveal.Distribution.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}:{d.Value}")));
        }

        var members = Headed(new SpreadsheetSheet("个人", ["名次 Rank", "党员编号 Member no", "姓名 Name", "党支部 Branch", "得分 Points", "答对 Correct", "作答 Answered", "用时(秒) Time (s)"]));
        foreach (var m in hall.Standings.Members)
        {
            members.Add(m.Rank, m.MemberNo, m.Name, BranchName(m.BranchId), m.Points, m.Correct, m.Answered, Math.Round(m.TimeMs / 1000m, 1));
        }

        SpreadsheetSheet Groups(string name, string keyColumn, IReadOnlyList<GroupStanding> groups)
        {
            var sheet = Headed(new SpreadsheetSheet(name, ["名次 Rank", keyColumn, "片区 District", "参与 Took part", "应参与 On roster", "参与率 Participation", "平均分 Average", "排名分值 Score", "人均答对 Correct each", "人均用时(秒) Time each (s)"]));
            foreach (var g in groups)
            {
                sheet.Add(g.Rank, g.Name, g.District, g.Participants, g.Eligible, Round(g.ParticipationRate), Round(g.Average), Round(g.Score), Round(g.AverageCorrect), Math.Round(g.AverageTimeMs / 1000m, 1));
            }

            return sheet;
        }

        var branches = Groups("支部", "党支部 Branch", hall.Standings.Branches);
        var districts = Groups("片区", "片区 District", hall.Standings.Districts);

        var answers = Headed(new SpreadsheetSheet("答题明细", ["题序 No", "党员编号 Member no", "姓名 Name", "党支部 Branch", "作答 Choice", "用时(毫秒) Time (ms)", "回执 Receipt", "对错 Correct", "得分 Points"]));
        foreach (var a in hall.Answers.OrderBy(a => a.QuestionNo).ThenBy(a => a.ElapsedMs).ThenBy(a => a.MemberNo, StringComparer.Ordinal))
        {
            answers.Add(a.QuestionNo, a.MemberNo, a.Name, BranchName(a.BranchId), a.Choice, a.ElapsedMs, a.Receipt,
                a.Correct switch { true => "对", false => "错", null => null }, a.Points);
        }

        if (contest.Live.FinalHash is { } hash)
        {
            foreach (var sheet in new[] { members, branches, districts })
            {
                sheet.Foot("校验哈希 Final hash", hash);
            }
        }

        var sheets = new List<SpreadsheetSheet> { questions, members, branches, districts, answers };
        if (paper.Stage is { } stage)
        {
            sheets.AddRange(StageSheets(stage, Headed));
        }

        return sheets;
    }

    private static IEnumerable<SpreadsheetSheet> StageSheets(StageView stage, Func<SpreadsheetSheet, SpreadsheetSheet> headed)
    {
        var teams = stage.Setup.Teams.ToDictionary(t => t.TeamId, t => t.Name, StringComparer.Ordinal);
        string Team(string teamId) => teams.GetValueOrDefault(teamId) ?? teamId;

        var board = headed(new SpreadsheetSheet("现场赛", ["名次 Rank", "队伍 Team", "队员 Players", "得分 Points"]));
        foreach (var score in stage.Live.Scores)
        {
            var players = stage.Setup.Teams.FirstOrDefault(t => t.TeamId == score.TeamId)?.Players ?? [];
            board.Add(score.Rank, score.Name, string.Join("、", players), score.Points);
        }

        if (stage.Live.FinalHash is { } hash)
        {
            board.Foot("校验哈希 Final hash", hash);
        }

        var changes = headed(new SpreadsheetSheet("现场赛记分", ["序号 Seq", "时间 Time", "队伍 Team", "类型 Kind", "题序 Question", "对错 Correct", "分数 Points", "理由 Reason", "操作人 By"]));
        foreach (var c in stage.Changes.OrderBy(c => c.Seq))
        {
            changes.Add(c.Seq, SpreadsheetBook.HallTime(c.At), Team(c.TeamId), Kind(c.Kind), c.QuestionNo,
                c.Correct switch { true => "对", false => "错", null => null }, c.Points, c.Reason, c.Actor);
        }

        return [board, changes];
    }

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static string Ranking(GroupRanking ranking) => ranking switch
    {
        GroupRanking.Average => "参与党员平均分 Average of members who took part",
        GroupRanking.Participation => "参与率 Participation rate",
        GroupRanking.AverageTimesParticipation => "平均分 × 参与率 Average × participation",
        _ => ranking.ToString(),
    };

    private static string Type(QuestionType type) => type switch
    {
        QuestionType.Single => "单选",
        QuestionType.Multiple => "多选",
        QuestionType.TrueFalse => "判断",
        QuestionType.Oral => "口答",
        _ => type.ToString(),
    };

    private static string Kind(string kind) => kind switch
    {
        "judgement" => "判定 judgement",
        "correction" => "更正 correction",
        "adjustment" => "加减分 adjustment",
        "early-buzz" => "抢答犯规 early buzz",
        _ => kind,
    };
}
