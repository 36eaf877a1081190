using System.Text.Json;
using System.Text.Json.Serialization;

namespace Engagement.Contest;

/// <summary>
/// What the stage final records on its ledger stream <c>contest:{id}:stage</c>, one entry per event: the entry's kind
/// names the event and its data is the event as JSON (enums by name, so the audit view reads as words).
/// </summary>
public abstract record StageEvent
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string Kind => this switch
    {
        SetupEvent => "setup",
        StartedEvent => "started",
        PresentedEvent => "presented",
        BuzzingOpenedEvent => "buzzing-opened",
        BuzzEvent => "buzz",
        RiskEvent => "risk",
        JudgedEvent => "judged",
        CorrectedEvent => "corrected",
        AdjustedEvent => "adjusted",
        FinishedEvent => "finished",
        _ => throw new InvalidOperationException(GetType().Name),
    };

    public string ToJson() => JsonSerializer.Serialize(this, GetType(), Json);

    /// <summary>The event an entry holds; null for a kind this version does not know (it is skipped, never a failure to load).</summary>
    public static StageEvent? FromEntry(string kind, string data) => kind switch
    {
        "setup" => JsonSerializer.Deserialize<SetupEvent>(data, Json),
        "started" => new StartedEvent(),
        "presented" => JsonSerializer.Deserialize<PresentedEvent>(data, Json),
        "buzzing-opened" => JsonSerializer.Deserialize<BuzzingOpenedEvent>(data, Json),
        "buzz" => JsonSerializer.Deserialize<BuzzEvent>(data, Json),
        "risk" => JsonSerializer.Deserialize<RiskEvent>(data, Json),
        "judged" => JsonSerializer.Deserialize<JudgedEvent>(data, Json),
        "corrected" => JsonSerializer.Deserialize<CorrectedEvent>(data, Json),
        "adjusted" => JsonSerializer.Deserialize<AdjustedEvent>(data, Json),
        "finished" => new FinishedEvent(),
        _ => null,
    };
}

public sealed record SetupEvent(StageSetup Setup) : StageEvent;

public sealed record StartedEvent : StageEvent;

public sealed record PresentedEvent(int Question) : StageEvent;

public sealed record BuzzingOpenedEvent(int Question) : StageEvent;

/// <param name="Penalty">Points taken for an early buzz under the penalty rule (0 otherwise).</param>
public sealed record BuzzEvent(int Question, string Team, string BuzzId, BuzzOutcome Outcome, int Penalty) : StageEvent;

public sealed record RiskEvent(int Question, string Team, int Value) : StageEvent;

public sealed record JudgedEvent(int Question, string Team, bool Correct, int Points) : StageEvent;

/// <param name="Judgement">The ledger position of the judgement corrected.</param>
/// <param name="Delta">The change to the team's points (new points − old points).</param>
public sealed record CorrectedEvent(long Judgement, bool Correct, int Delta, string Reason) : StageEvent;

public sealed record AdjustedEvent(string Team, int Points, string Reason) : StageEvent;

public sealed record FinishedEvent : StageEvent;
