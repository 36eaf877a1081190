namespace Engagement;

/// <summary>
/// A request that breaks a domain rule. Grains throw it, the web layer turns <see cref="Kind"/> into an
/// HTTP status and <see cref="Code"/> into a message in the reader's language. Nothing was changed.
/// </summary>
[GenerateSerializer]
public sealed class RuleViolation : Exception
{
    public RuleViolation(ViolationKind kind, string code, params string[] args)
        : base($"{code}({string.Join(", ", args)})")
    {
        Kind = kind;
        Code = code;
        Args = args;
    }

    [Id(0)] public ViolationKind Kind { get; }

    /// <summary>Stable machine-readable code, e.g. "branch.not-found".</summary>
    [Id(1)] public string Code { get; }

    /// <summary>Values the message template mentions, in order.</summary>
    [Id(2)] public string[] Args { get; }

    public static RuleViolation Invalid(string code, params string[] args) => new(ViolationKind.Invalid, code, args);
    public static RuleViolation NotFound(string code, params string[] args) => new(ViolationKind.NotFound, code, args);
    public static RuleViolation Conflict(string code, params string[] args) => new(ViolationKind.Conflict, code, args);
}

public enum ViolationKind
{
    Invalid,
    NotFound,
    Conflict,
}

/// <summary>
/// The request could not be carried out right now (storage unavailable, a silo failing over) and
/// nothing was recorded: the caller should retry the same request. The web layer answers 503 with
/// Retry-After.
/// </summary>
[GenerateSerializer]
public sealed class TryAgainLater(string reason) : Exception(reason);
