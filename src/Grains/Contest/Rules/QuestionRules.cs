using Engagement.Organisation;

namespace Engagement.Contest.Rules;

/// <summary>
/// What a question bank file and a console edit must satisfy. A file is read into a table by the roster's reader
/// (<see cref="RosterFile"/>: .xlsx and .csv, headers in Chinese or English) and refused whole if any row is bad,
/// every bad row listed by line. SKELETON: bodies are filled by the rules work (issue 12 §1).
/// </summary>
public static class QuestionRules
{
    public const int MaxQuestions = 5_000;
    public const int MaxIdLength = 32;
    public const int MaxStemLength = 500;
    public const int MaxOptionLength = 200;
    public const int MaxExplanationLength = 1_000;
    public const int MaxLabelLength = 30;
    public const int MaxPoints = 1_000;
    public const int DefaultPoints = 10;

    /// <summary>Every row checked; the questions only when none is bad.</summary>
    public static QuestionValidation Validate(RosterTable table) => throw new NotImplementedException();

    /// <summary>One question from the console: the same checks as a row; throws <see cref="RuleViolation"/> (Invalid).</summary>
    public static Question Check(Question question) => throw new NotImplementedException();

    /// <summary>An answer's choice in canonical form for this question ("ca" → "AC"), or null if it is not a valid choice.</summary>
    public static string? NormaliseChoice(Question question, string? choice) => throw new NotImplementedException();
}

public sealed record QuestionValidation(IReadOnlyList<Question> Questions, IReadOnlyList<QuestionError> Errors)
{
    public bool IsValid => Errors.Count == 0;

    public static QuestionValidation Failed(IReadOnlyList<QuestionError> errors) => new([], errors);
}

/// <param name="Line">The file's line (header line 1); 0 for the file as a whole.</param>
/// <param name="Column">The column's header as written in the file, when one cell is at fault.</param>
/// <param name="OtherLine">For a repeated id: the line that had it first.</param>
public sealed record QuestionError(int Line, string? Column, QuestionProblem Problem, string? Value = null, int? OtherLine = null);

public enum QuestionProblem
{
    /// <summary>The file could not be read (with the roster reader's problem in Value).</summary>
    Unreadable,
    MissingColumn,
    TooManyRows,
    MissingId,
    BadId,
    DuplicateId,
    BadType,
    MissingStem,
    TooLong,
    TooFewOptions,
    OptionGap,
    MissingAnswer,
    BadAnswer,
    BadPoints,
}
