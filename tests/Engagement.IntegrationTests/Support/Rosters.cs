using System.Text;
using MiniExcelLibs;

namespace Engagement.IntegrationTests.Support;

/// <summary>One line of a roster file as an organiser would type it.</summary>
public sealed record RosterRow(string District, string Branch, string Name, string MemberNo, string? Phone);

/// <summary>Real roster files: .xlsx written by MiniExcel, CSV in any encoding.</summary>
public static class Rosters
{
    public static readonly string[] ChineseHeaders = ["片区", "党支部", "姓名", "党员编号", "手机号"];
    public static readonly string[] EnglishHeaders = ["District", "Branch", "Name", "MemberNo", "Phone"];

    private static readonly string[] Districts = ["城区第一片区", "东部片区"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛"];

    static Rosters() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Gb18030 => Encoding.GetEncoding("GB18030");

    /// <summary>
    /// <paramref name="members"/> members spread over <paramref name="branches"/> branches in two districts.
    /// <paramref name="prefix"/> (upper-case ASCII) keeps member numbers and branch names apart between tests.
    /// </summary>
    public static List<RosterRow> Generate(string prefix, int members, int branches) =>
        Enumerable.Range(0, members).Select(i =>
        {
            var b = i % branches;
            var name = Surnames[i % Surnames.Length] + Given[i * 7 % Given.Length] + Given[(i * 13 + 5) % Given.Length];
            return new RosterRow(Districts[b % Districts.Length], BranchName(prefix, b), name, $"{prefix}{i + 1:D4}", $"139{i + 1:D8}");
        }).ToList();

    public static string BranchName(string prefix, int index) => $"{prefix}实验学校第{index + 1}党支部";

    public static byte[] Xlsx(IEnumerable<RosterRow> rows, string[]? headers = null)
    {
        headers ??= ChineseHeaders;
        var sheet = rows.Select(r =>
        {
            var values = new object?[] { r.District, r.Branch, r.Name, r.MemberNo, r.Phone };
            var line = new Dictionary<string, object?>();
            for (var i = 0; i < headers.Length; i++)
            {
                line[headers[i]] = values[i];
            }

            return line;
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(sheet, printHeader: true, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    public static byte[] Csv(IEnumerable<RosterRow> rows, Encoding encoding, string[]? headers = null, string? title = null)
    {
        var text = new StringBuilder();
        if (title is not null)
        {
            text.Append(title).Append("\r\n");
        }

        text.AppendJoin(',', headers ?? ChineseHeaders).Append("\r\n");
        foreach (var r in rows)
        {
            text.AppendJoin(',', r.District, r.Branch, r.Name, r.MemberNo, r.Phone).Append("\r\n");
        }

        return encoding.GetBytes(text.ToString());
    }
}
