namespace Engagement.Selection.Rules;

/// <summary>
/// A rubric or a judge's marks break a rubric rule. Plain (not serialisable): the grain that calls the
/// rules turns <see cref="Code"/> and <see cref="Args"/> into a <c>RuleViolation</c> for the caller.
/// </summary>
public sealed class RubricViolation : Exception
{
    public const string MarksMissing = "marks.missing";
    public const string MarksUnknown = "marks.unknown";
    public const string MarksOutOfRange = "marks.out-of-range";
    public const string MarksPrecision = "marks.precision";
    public const string RubricInvalid = "rubric.invalid";

    public RubricViolation(string code, params string[] args)
        : base($"{code}({string.Join(", ", args)})")
    {
        Code = code;
        Args = args;
    }

    /// <summary>Stable machine-readable code, e.g. "marks.missing".</summary>
    public string Code { get; }

    /// <summary>
    /// For marks: the criterion id concerned. For "rubric.invalid": the reason
    /// (see <see cref="RubricRules"/>), then the criterion id or position when one is at fault.
    /// </summary>
    public IReadOnlyList<string> Args { get; }
}
