using Engagement.Organisation;

namespace Engagement.Tests.Testing;

/// <summary>Builders for roster tables and entries.</summary>
public static class Rosters
{
    public static readonly string[] ZhHeaders = ["片区", "党支部", "姓名", "党员编号", "手机号"];

    /// <summary>A table whose data rows sit on lines 2, 3, … right under the header, as in a plain file.</summary>
    public static RosterTable Table(string[] headers, params string[][] rows) =>
        new(headers, rows.Select((cells, i) => new RosterTableRow(i + 2, cells)).ToList());

    /// <summary>A table whose rows sit on the given lines (as after blank lines or a title row).</summary>
    public static RosterTable TableAt(string[] headers, params (int Line, string[] Cells)[] rows) =>
        new(headers, rows.Select(r => new RosterTableRow(r.Line, r.Cells)).ToList());

    public static RosterEntry Entry(string district, string branch, string name, string memberNo, string? phone = null) =>
        new(district, branch, name, memberNo, phone);
}
