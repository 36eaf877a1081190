using System.Globalization;
using System.Text.RegularExpressions;
using Engagement.Organisation;
using static Engagement.Contest.Rules.QuestionColumns;

namespace Engagement.Contest.Rules;

/// <summary>
/// What a question bank file and a console edit must satisfy. A file is read into a table by the roster's reader
/// (<see cref="RosterFile"/>: .xlsx and .csv, headers in Chinese or English, title rows above the header skipped)
/// and refused whole if any row is bad, every bad row listed by line.
/// </summary>
public static partial class QuestionRules
{
    public const int MaxQuestions = 5_000;
    public const int MaxIdLength = 32;
    public const int MaxStemLength = 500;
    public const int MaxOptionLength = 200;
    public const int MaxExplanationLength = 1_000;
    public const int MaxLabelLength = 30;
    public const int MaxPoints = 1_000;
    public const int DefaultPoints = 10;
    public const int MaxImageLength = 200;

    /// <summary>Reads a bank file with the roster's reader and checks it: the one call an import needs.</summary>
    public static QuestionValidation Read(Stream content, string fileName)
    {
        var (table, error) = RosterFile.Read(content, fileName, KnownHeaders);
        return error is not null ? QuestionValidation.Failed([FromFileError(error)]) : Validate(table!);
    }

    /// <summary>The reader's refusal (too big, wrong type, corrupt) as a bank error; the reader's problem is in Value.</summary>
    public static QuestionError FromFileError(RosterError error) =>
        new(error.Line, error.Column, QuestionProblem.Unreadable, error.Problem.ToString()) { Detail = error.Value };

    /// <summary>Every row checked; the questions only when none is bad.</summary>
    public static QuestionValidation Validate(RosterTable table)
    {
        table = WithBankHeader(table);
        if (table.Headers.All(h => Text.Clean(h).Length == 0) && table.Rows.Count == 0)
        {
            return QuestionValidation.Failed([new QuestionError(1, null, QuestionProblem.EmptyFile)]);
        }

        var columns = Map(table.Headers, out var headerProblems);
        if (headerProblems.Count > 0)
        {
            return QuestionValidation.Failed(headerProblems
                .Select(p => new QuestionError(table.HeaderLine, p.Header, p.Duplicate ? QuestionProblem.DuplicateColumn : QuestionProblem.MissingColumn))
                .ToList());
        }

        if (table.Rows.Count == 0)
        {
            return QuestionValidation.Failed([new QuestionError(table.HeaderLine, null, QuestionProblem.EmptyFile)]);
        }

        if (table.Rows.Count > MaxQuestions)
        {
            return QuestionValidation.Failed([new QuestionError(table.Rows[MaxQuestions].Line, null, QuestionProblem.TooManyRows, Number(MaxQuestions))]);
        }

        var errors = new List<QuestionError>();
        var questions = new List<Question>(table.Rows.Count);
        var firstLineOfId = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in table.Rows)
        {
            string Cell(Field f) => columns.TryGetValue(f, out var i) && i < row.Cells.Count ? Text.Clean(row.Cells[i]) : string.Empty;
            string Header(Field f) => columns.TryGetValue(f, out var i) ? table.Headers[i] : DisplayName(f);

            var rowErrors = new List<QuestionError>();
            var draft = new Draft(
                Cell(Field.Id), Cell(Field.Type), Cell(Field.Stem), OptionFields.Select(Cell).ToList(), Cell(Field.Answer),
                Cell(Field.Explanation), Cell(Field.Points), Cell(Field.Category), Cell(Field.Difficulty), Cell(Field.Image));
            var question = Build(draft, (field, problem, value) => rowErrors.Add(new QuestionError(row.Line, field is null ? null : Header(field.Value), problem, value)));

            if (draft.Id.Length > 0)
            {
                if (firstLineOfId.TryGetValue(draft.Id, out var first))
                {
                    rowErrors.Add(new QuestionError(row.Line, Header(Field.Id), QuestionProblem.DuplicateId, draft.Id, first));
                }
                else
                {
                    firstLineOfId[draft.Id] = row.Line;
                }
            }

            errors.AddRange(rowErrors);
            if (rowErrors.Count == 0 && question is not null)
            {
                questions.Add(question);
            }
        }

        return errors.Count > 0 ? QuestionValidation.Failed(errors) : new QuestionValidation(questions, []);
    }

    /// <summary>
    /// A table read with the roster's header spellings takes a bank's title row for its header (the real header
    /// then being the first row); this finds the bank's header among the first rows instead, so a bank file reads the
    /// same whichever spellings the reader was given.
    /// </summary>
    private static RosterTable WithBankHeader(RosterTable table)
    {
        const int searchRows = 10;
        static int Known(IEnumerable<string> cells) => cells.Count(c => KnownHeaders.Contains(Key(c)));
        if (Known(table.Headers) >= 3)
        {
            return table;
        }

        for (var i = 0; i < Math.Min(table.Rows.Count, searchRows); i++)
        {
            if (Known(table.Rows[i].Cells) >= 3)
            {
                return new RosterTable(table.Rows[i].Cells.Select(Text.Clean).ToList(), table.Rows.Skip(i + 1).ToList(), table.Rows[i].Line);
            }
        }

        return table;
    }

    /// <summary>One question from the console: the same checks as a row; throws <see cref="RuleViolation"/> (Invalid).</summary>
    /// <returns>The question cleaned up: text trimmed, trailing empty options dropped, the key in canonical form.</returns>
    public static Question Check(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (!Enum.IsDefined(question.Type))
        {
            throw RuleViolation.Invalid("question.bad-type");
        }

        var options = (question.Options ?? []).Select(Text.Clean).ToList();
        while (options.Count > 0 && options[^1].Length == 0)
        {
            options.RemoveAt(options.Count - 1);
        }

        if (options.Count > MaxOptions)
        {
            throw RuleViolation.Invalid("question.too-many-options", Number(MaxOptions));
        }

        var draft = new Draft(
            Text.Clean(question.QuestionId), TypeName(question.Type), Text.Clean(question.Stem), options, Text.Clean(question.Answer),
            Text.Clean(question.Explanation), Number(question.Points), Text.Clean(question.Category), Text.Clean(question.Difficulty),
            Text.Clean(question.Image));
        return Build(draft, Throw)!;

        static void Throw(Field? field, QuestionProblem problem, string? value) => throw problem switch
        {
            QuestionProblem.MissingId => RuleViolation.Invalid("question.missing-id"),
            QuestionProblem.BadId => RuleViolation.Invalid("question.bad-id", Number(MaxIdLength)),
            QuestionProblem.MissingStem => RuleViolation.Invalid("question.missing-stem"),
            QuestionProblem.TooLong => TooLong(field, value ?? string.Empty),
            QuestionProblem.TooFewOptions => RuleViolation.Invalid("question.too-few-options", value ?? string.Empty),
            QuestionProblem.OptionGap => RuleViolation.Invalid("question.option-gap", field?.ToString() ?? string.Empty),
            QuestionProblem.MissingAnswer => RuleViolation.Invalid("question.missing-answer"),
            QuestionProblem.BadAnswer => RuleViolation.Invalid("question.bad-answer", value ?? string.Empty),
            QuestionProblem.BadPoints => RuleViolation.Invalid("question.bad-points", Number(MaxPoints)),
            QuestionProblem.BadImage => RuleViolation.Invalid("question.bad-image"),
            _ => RuleViolation.Invalid("question.bad-type"),
        };
    }

    /// <summary>An answer's choice in canonical form for this question ("ca" → "AC"), or null if it is not a valid choice.</summary>
    public static string? NormaliseChoice(Question question, string? choice)
    {
        ArgumentNullException.ThrowIfNull(question);
        switch (question.Type)
        {
            case QuestionType.TrueFalse:
                return ParseTrueFalse(choice);
            case QuestionType.Single or QuestionType.Multiple:
                var letters = ParseLetters(choice);
                var last = (char)('A' + (question.Options?.Count ?? 0) - 1);
                if (letters is null || letters[^1] > last || (question.Type == QuestionType.Single && letters.Length != 1))
                {
                    return null;
                }

                return letters;
            default:
                // Oral questions are answered aloud on stage, never as a choice.
                return null;
        }
    }

    /// <summary>A row or an edit as text, before any rule; the file and the console share <see cref="Build"/>.</summary>
    private sealed record Draft(
        string Id, string Type, string Stem, IReadOnlyList<string> Options, string Answer,
        string Explanation, string Points, string Category, string Difficulty, string Image);

    /// <summary>Checks a draft, reporting every problem; the question when there was none.</summary>
    private static Question? Build(Draft draft, Action<Field?, QuestionProblem, string?> report)
    {
        var ok = true;
        void Bad(Field? field, QuestionProblem problem, string? value = null)
        {
            ok = false;
            report(field, problem, value);
        }

        bool Fits(string value, Field field, int max)
        {
            if (value.Length <= max)
            {
                return true;
            }

            Bad(field, QuestionProblem.TooLong, Number(max));
            return false;
        }

        if (draft.Id.Length == 0)
        {
            Bad(Field.Id, QuestionProblem.MissingId);
        }
        else if (draft.Id.Length > MaxIdLength || !IdPattern().IsMatch(draft.Id))
        {
            Bad(Field.Id, QuestionProblem.BadId, draft.Id);
        }

        var type = ParseType(draft.Type);
        if (type is null)
        {
            Bad(Field.Type, QuestionProblem.BadType, draft.Type);
        }

        if (draft.Stem.Length == 0)
        {
            Bad(Field.Stem, QuestionProblem.MissingStem);
        }
        else
        {
            Fits(draft.Stem, Field.Stem, MaxStemLength);
        }

        var options = type is QuestionType.Single or QuestionType.Multiple ? Options(draft.Options, Bad, Fits) : [];
        var answer = type is null ? null : Answer(type.Value, draft.Answer, options, Bad, Fits);

        Fits(draft.Explanation, Field.Explanation, MaxExplanationLength);
        Fits(draft.Category, Field.Category, MaxLabelLength);
        Fits(draft.Difficulty, Field.Difficulty, MaxLabelLength);

        var points = DefaultPoints;
        if (draft.Points.Length > 0
            && (!int.TryParse(draft.Points, NumberStyles.Integer, CultureInfo.InvariantCulture, out points) || points is < 1 or > MaxPoints))
        {
            Bad(Field.Points, QuestionProblem.BadPoints, draft.Points);
        }

        if (draft.Image.Length > 0 && (draft.Image.Length > MaxImageLength || !ImagePattern().IsMatch(draft.Image)))
        {
            Bad(Field.Image, QuestionProblem.BadImage, draft.Image);
        }

        return ok && type is not null && answer is not null
            ? new Question(draft.Id, type.Value, draft.Stem, options, answer, draft.Explanation, points, draft.Category, draft.Difficulty,
                draft.Image.Length == 0 ? null : draft.Image)
            : null;
    }

    /// <summary>Option texts from A on: contiguous (no empty option before a filled one), 2–6 of them, each within bounds.</summary>
    private static List<string> Options(IReadOnlyList<string> cells, Action<Field?, QuestionProblem, string?> bad, Func<string, Field, int, bool> fits)
    {
        var count = 0;
        for (var i = 0; i < cells.Count; i++)
        {
            count = cells[i].Length > 0 ? i + 1 : count;
        }

        var options = cells.Take(count).ToList();
        for (var i = 0; i < options.Count; i++)
        {
            if (options[i].Length == 0)
            {
                bad(OptionFields[i], QuestionProblem.OptionGap, null);
            }
            else
            {
                fits(options[i], OptionFields[i], MaxOptionLength);
            }
        }

        if (count < 2)
        {
            bad(Field.A, QuestionProblem.TooFewOptions, "2");
        }

        return options;
    }

    private static string? Answer(QuestionType type, string cell, List<string> options, Action<Field?, QuestionProblem, string?> bad, Func<string, Field, int, bool> fits)
    {
        if (cell.Length == 0)
        {
            bad(Field.Answer, QuestionProblem.MissingAnswer, null);
            return null;
        }

        string? key = type switch
        {
            QuestionType.TrueFalse => ParseTrueFalse(cell),
            QuestionType.Oral => fits(cell, Field.Answer, MaxExplanationLength) ? cell : null,
            _ => ParseLetters(cell),
        };
        if (type == QuestionType.Oral)
        {
            return key;
        }

        // Letters beyond the last option, or more than one for a single choice, are as wrong as an unreadable key.
        if (key is null
            || (type is QuestionType.Single or QuestionType.Multiple && key[^1] >= 'A' + Math.Max(options.Count, 0))
            || (type == QuestionType.Single && key.Length != 1))
        {
            bad(Field.Answer, QuestionProblem.BadAnswer, cell);
            return null;
        }

        return key;
    }

    private static string TypeName(QuestionType type) => type switch
    {
        QuestionType.Single => "single",
        QuestionType.Multiple => "multiple",
        QuestionType.TrueFalse => "tf",
        _ => "oral",
    };

    /// <summary>One code per field, so the message can name the field in the reader's language; the arg is the limit.</summary>
    private static RuleViolation TooLong(Field? field, string limit) => field switch
    {
        Field.Stem => RuleViolation.Invalid("question.stem-too-long", limit),
        Field.Answer => RuleViolation.Invalid("question.answer-too-long", limit),
        Field.Explanation => RuleViolation.Invalid("question.explanation-too-long", limit),
        Field.Category or Field.Difficulty => RuleViolation.Invalid("question.label-too-long", limit),
        _ => RuleViolation.Invalid("question.option-too-long", limit),
    };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex IdPattern();

    /// <summary>A site-relative path ("/uploads/q1.png"): never another site ("//host") and no spaces or backslashes.</summary>
    [GeneratedRegex(@"^/(?!/)[^\s\\]*$")]
    private static partial Regex ImagePattern();
}

public sealed record QuestionValidation(IReadOnlyList<Question> Questions, IReadOnlyList<QuestionError> Errors)
{
    public bool IsValid => Errors.Count == 0;

    public static QuestionValidation Failed(IReadOnlyList<QuestionError> errors) => new([], errors);
}

/// <param name="Line">The file's line (header line 1); 0 for the file as a whole.</param>
/// <param name="Column">The column's header as written in the file, when one cell is at fault.</param>
/// <param name="OtherLine">For a repeated id: the line that had it first.</param>
public sealed record QuestionError(int Line, string? Column, QuestionProblem Problem, string? Value = null, int? OtherLine = null)
{
    /// <summary>For <see cref="QuestionProblem.Unreadable"/>: the reader's detail (a limit, a file extension).</summary>
    public string? Detail { get; init; }
}

public enum QuestionProblem
{
    /// <summary>The file could not be read (with the roster reader's problem in Value, its detail in Detail).</summary>
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
    EmptyFile,
    DuplicateColumn,
    BadImage,
}
