namespace Engagement.Organisation;

/// <summary>A roster file as read, before any rule is applied: a header row and numbered data rows.</summary>
/// <param name="Rows">Each row with its 1-based line number in the file, as a person sees it in Excel.</param>
/// <param name="HeaderLine">The line the headers were found on (title rows may come first).</param>
public sealed record RosterTable(IReadOnlyList<string> Headers, IReadOnlyList<RosterTableRow> Rows, int HeaderLine = 1);

public sealed record RosterTableRow(int Line, IReadOnlyList<string> Cells);

/// <summary>One thing wrong with one line of a roster file.</summary>
/// <param name="Column">The column concerned (as named in the file), if any.</param>
public sealed record RosterError(int Line, string? Column, RosterProblem Problem, string? Value = null, int? OtherLine = null);

public enum RosterProblem
{
    EmptyFile,
    MissingColumn,
    DuplicateColumn,
    Required,
    TooLong,
    BadMemberNo,
    BadPhone,
    DuplicateMemberNo,
    BranchInTwoDistricts,
    TooManyRows,
    UnreadableFile,
    UnsupportedFileType,
    TooLargeUnpacked,
    TooManyColumns,
}
