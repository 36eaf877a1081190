namespace Engagement.Contest;

/// <summary>What kind of answer a question takes (题型).</summary>
public enum QuestionType
{
    /// <summary>单选: exactly one option.</summary>
    Single,

    /// <summary>多选: one or more options; all-or-nothing unless the contest gives partial credit.</summary>
    Multiple,

    /// <summary>判断: A is 正确 (true), B is 错误 (false); the question has no option texts.</summary>
    TrueFalse,

    /// <summary>口答: answered aloud on stage and judged by the host; never answered on phones.</summary>
    Oral,
}

/// <summary>One question of the bank (题库), as imported or edited. A contest keeps its own copy once chosen.</summary>
/// <param name="QuestionId">Stable id (题号); a re-import updates the question with the same id.</param>
/// <param name="Options">The option texts A, B, C… in order (2–6) for single and multiple choice; empty otherwise.</param>
/// <param name="Answer">Option letters in alphabetical order without separators ("B", "ACD"); "A" or "B" for true/false;
/// the reference answer's text for an oral question.</param>
/// <param name="Points">分值: points for a correct answer (1–1000).</param>
/// <param name="Image">Optional picture shown with the stem: a site-relative path ("/…") or null.</param>
[GenerateSerializer, Immutable]
public sealed record Question(
    [property: Id(0)] string QuestionId,
    [property: Id(1)] QuestionType Type,
    [property: Id(2)] string Stem,
    [property: Id(3)] IReadOnlyList<string> Options,
    [property: Id(4)] string Answer,
    [property: Id(5)] string Explanation,
    [property: Id(6)] int Points,
    [property: Id(7)] string Category,
    [property: Id(8)] string Difficulty,
    [property: Id(9)] string? Image = null);

/// <summary>The question bank and the revision it was read at.</summary>
[GenerateSerializer, Immutable]
public sealed record QuestionBankView(
    [property: Id(0)] long Revision,
    [property: Id(1)] IReadOnlyList<Question> Questions);

/// <summary>What a bank import changed (questions are matched by id; those not in the file stay).</summary>
[GenerateSerializer, Immutable]
public sealed record BankImportSummary(
    [property: Id(0)] int Rows,
    [property: Id(1)] int Added,
    [property: Id(2)] int Updated,
    [property: Id(3)] int Unchanged);

/// <summary>Draw <see cref="Count"/> questions matching the category and difficulty (null: any).</summary>
[GenerateSerializer, Immutable]
public sealed record DrawRule(
    [property: Id(0)] string? Category,
    [property: Id(1)] string? Difficulty,
    [property: Id(2)] int Count);

/// <summary>A random draw of a contest's questions; the seed is recorded so the draw can be replayed and checked.</summary>
/// <param name="Seed">The seed; null lets the server choose one (and record it).</param>
[GenerateSerializer, Immutable]
public sealed record QuestionDrawRequest(
    [property: Id(0)] IReadOnlyList<DrawRule> Rules,
    [property: Id(1)] int? Seed);

/// <summary>A draw as recorded: the rules, the seed and the ids it chose, in order.</summary>
[GenerateSerializer, Immutable]
public sealed record QuestionDrawRecord(
    [property: Id(0)] IReadOnlyList<DrawRule> Rules,
    [property: Id(1)] int Seed,
    [property: Id(2)] IReadOnlyList<string> QuestionIds,
    [property: Id(3)] long BankRevision);
