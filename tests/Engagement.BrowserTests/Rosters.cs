using System.Text;
using MiniExcelLibs;

namespace Engagement.BrowserTests;

/// <summary>One line of a roster file as an organiser would type it.</summary>
public sealed record RosterRow(string District, string Branch, string Name, string MemberNo, string? Phone);

/// <summary>Roster files as an organiser would bring them: .xlsx saved by MiniExcel, UTF-8 CSV.</summary>
public static class Rosters
{
    public static readonly string[] ChineseHeaders = ["片区", "党支部", "姓名", "党员编号", "手机号"];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛"];

    /// <summary>A Chinese name that differs for every <paramref name="i"/> below 195.</summary>
    public static string Name(int i) => Surnames[i % Surnames.Length] + Given[i / Surnames.Length % Given.Length] + Given[i * 7 % Given.Length];

    /// <summary>
    /// Members for each (district, branch, count); member numbers are <paramref name="prefix"/> + 4 digits,
    /// names are distinct across the whole roster.
    /// </summary>
    public static List<RosterRow> Build(string prefix, params (string District, string Branch, int Members)[] branches)
    {
        var rows = new List<RosterRow>();
        foreach (var (district, branch, members) in branches)
        {
            for (var j = 0; j < members; j++)
            {
                var i = rows.Count;
                rows.Add(new RosterRow(district, branch, Name(i), $"{prefix}{i + 1:D4}", $"139{i + 1:D8}"));
            }
        }

        return rows;
    }

    public static byte[] Xlsx(IEnumerable<RosterRow> rows)
    {
        var sheet = rows.Select(r => new Dictionary<string, object?>
        {
            [ChineseHeaders[0]] = r.District,
            [ChineseHeaders[1]] = r.Branch,
            [ChineseHeaders[2]] = r.Name,
            [ChineseHeaders[3]] = r.MemberNo,
            [ChineseHeaders[4]] = r.Phone,
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(sheet, printHeader: true, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>UTF-8 with BOM, as Excel saves "CSV UTF-8"; header on line 1, so row i is on line i + 2.</summary>
    public static byte[] Csv(IEnumerable<RosterRow> rows)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', ChineseHeaders).Append("\r\n");
        foreach (var r in rows)
        {
            text.AppendJoin(',', r.District, r.Branch, r.Name, r.MemberNo, r.Phone).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
