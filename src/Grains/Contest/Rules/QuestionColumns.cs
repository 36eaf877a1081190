using System.Globalization;
using System.Text;

namespace Engagement.Contest.Rules;

/// <summary>
/// The columns of a question bank file and the spellings people use for them, and the spellings of question
/// types and answers. Headers are compared as <see cref="Text.Key"/> in lower case, so "Option A", "optiona" and
/// "OPTION A" are one header.
/// </summary>
public static class QuestionColumns
{
    public enum Field { Id, Type, Stem, A, B, C, D, E, F, Answer, Explanation, Points, Category, Difficulty, Image }

    public const int MaxOptions = 6;

    public static readonly IReadOnlyList<Field> OptionFields = [Field.A, Field.B, Field.C, Field.D, Field.E, Field.F];

    public static readonly IReadOnlyList<Field> Required = [Field.Id, Field.Type, Field.Stem, Field.Answer];

    public static readonly IReadOnlyDictionary<Field, string[]> HeaderAliases = BuildAliases();

    /// <summary>Every known spelling, for <see cref="Organisation.RosterFile.Read"/> to find the header row under title rows.</summary>
    public static readonly IReadOnlySet<string> KnownHeaders = HeaderAliases.Values.SelectMany(a => a).ToHashSet();

    private static readonly Dictionary<string, QuestionType> TypeNames = new()
    {
        ["单选"] = QuestionType.Single, ["单选题"] = QuestionType.Single, ["单项选择"] = QuestionType.Single, ["单项选择题"] = QuestionType.Single,
        ["single"] = QuestionType.Single, ["singlechoice"] = QuestionType.Single,
        ["多选"] = QuestionType.Multiple, ["多选题"] = QuestionType.Multiple, ["多项选择"] = QuestionType.Multiple, ["多项选择题"] = QuestionType.Multiple,
        ["multiple"] = QuestionType.Multiple, ["multiplechoice"] = QuestionType.Multiple,
        ["判断"] = QuestionType.TrueFalse, ["判断题"] = QuestionType.TrueFalse,
        ["true-false"] = QuestionType.TrueFalse, ["truefalse"] = QuestionType.TrueFalse, ["true/false"] = QuestionType.TrueFalse, ["tf"] = QuestionType.TrueFalse,
        ["口答"] = QuestionType.Oral, ["口答题"] = QuestionType.Oral, ["问答"] = QuestionType.Oral, ["问答题"] = QuestionType.Oral, ["oral"] = QuestionType.Oral,
    };

    /// <summary>True/false keys as people write them: A is 正确 (true), B is 错误 (false).</summary>
    private static readonly Dictionary<string, string> TrueFalseNames = new()
    {
        ["对"] = "A", ["正确"] = "A", ["√"] = "A", ["✓"] = "A", ["✔"] = "A", ["t"] = "A", ["true"] = "A", ["a"] = "A",
        ["错"] = "B", ["错误"] = "B", ["×"] = "B", ["✗"] = "B", ["✘"] = "B", ["x"] = "B", ["f"] = "B", ["false"] = "B", ["b"] = "B",
    };

    /// <summary>How a column is named in messages when the file does not have it.</summary>
    public static string DisplayName(Field field) => field switch
    {
        Field.Id => "题号",
        Field.Type => "题型",
        Field.Stem => "题干",
        Field.Answer => "答案",
        Field.Explanation => "解析",
        Field.Points => "分值",
        Field.Category => "分类",
        Field.Difficulty => "难度",
        Field.Image => "图片",
        _ => "选项" + field,
    };

    public static string Key(string? header) => Text.Key(header).ToLowerInvariant();

    public static QuestionType? ParseType(string cell) =>
        TypeNames.TryGetValue(Key(cell), out var type) ? type : null;

    /// <summary>"A"/"B" for a true/false key in any accepted spelling, else null.</summary>
    public static string? ParseTrueFalse(string? cell) =>
        TrueFalseNames.TryGetValue(Key(Fold(cell)), out var key) ? key : null;

    /// <summary>
    /// Option letters in canonical form (distinct, upper case, alphabetical) from "A,C", "A、C", "a c", "CA" or
    /// full-width "ＡＣ"; null when anything other than letters A–Z and separators is there, or no letter.
    /// </summary>
    public static string? ParseLetters(string? cell)
    {
        var text = Fold(cell);
        if (text.Length is 0 or > 64)
        {
            return null;
        }

        var letters = new SortedSet<char>();
        foreach (var c in text)
        {
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z')
            {
                letters.Add(char.ToUpperInvariant(c));
            }
            else if (!IsSeparator(c))
            {
                return null;
            }
        }

        return letters.Count == 0 ? null : string.Concat(letters);
    }

    /// <summary>Full-width letters and punctuation folded to ASCII (Chinese input methods type them).</summary>
    private static string Fold(string? cell) => Text.Clean(cell).Normalize(NormalizationForm.FormKC);

    private static bool IsSeparator(char c) => c is ' ' or ',' or '、' or ';' or '/' or '|' or '.' or '，' or '；';

    private static Dictionary<Field, string[]> BuildAliases()
    {
        var aliases = new Dictionary<Field, string[]>
        {
            [Field.Id] = ["题号", "编号", "试题编号", "id", "questionid", "no"],
            [Field.Type] = ["题型", "类型", "试题类型", "type", "questiontype"],
            [Field.Stem] = ["题干", "题目", "试题", "stem", "question"],
            [Field.Answer] = ["答案", "正确答案", "标准答案", "参考答案", "answer", "key", "correctanswer"],
            [Field.Explanation] = ["解析", "答案解析", "试题解析", "explanation"],
            [Field.Points] = ["分值", "分数", "points", "score"],
            [Field.Category] = ["分类", "类别", "题目分类", "category"],
            [Field.Difficulty] = ["难度", "difficulty", "level"],
            [Field.Image] = ["图片", "image", "picture"],
        };
        foreach (var field in OptionFields)
        {
            var letter = field.ToString().ToLowerInvariant();
            aliases[field] = [$"选项{letter}", letter, $"option{letter}"];
        }

        foreach (var (field, names) in aliases)
        {
            aliases[field] = names.Select(n => Key(n)).Distinct().ToArray();
        }

        return aliases;
    }

    /// <summary>Each known column's index, with the duplicates and missing required columns found.</summary>
    internal static Dictionary<Field, int> Map(IReadOnlyList<string> headers, out List<(string Header, bool Duplicate)> problems)
    {
        var columns = new Dictionary<Field, int>();
        problems = [];
        for (var i = 0; i < headers.Count; i++)
        {
            var key = Key(headers[i]);
            foreach (var (field, aliases) in HeaderAliases)
            {
                if (aliases.Contains(key) && !columns.TryAdd(field, i))
                {
                    problems.Add((headers[i], true));
                }
            }
        }

        foreach (var field in Required.Where(f => !columns.ContainsKey(f)))
        {
            problems.Add((DisplayName(field), false));
        }

        return columns;
    }

    internal static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
