namespace Engagement.Selection;

/// <summary>
/// A selection event: its cases (submitted by branches, reviewed by organisers), its rubric and its
/// rounds. Creating and configuring rounds goes through here so a round only ever holds accepted
/// cases of its own event. Key: the event id.
/// </summary>
public interface ISelectionEventGrain : IGrainWithStringKey
{
    Task<SelectionEvent?> Get();
    Task<SelectionEvent> Create(string title);
    Task<SelectionEvent> Rename(string title);
    Task<SelectionEvent> SetRubric(IReadOnlyList<RubricCriterion> rubric, int trimK, TooFewToTrim whenTooFewToTrim);

    Task<CaseInfo> SubmitCase(CaseSubmission submission);
    Task<CaseInfo> UpdateCase(string caseId, CaseSubmission submission);
    Task<CaseInfo> ReviewCase(string caseId, CaseStatus status, string? note);
    Task RemoveCase(string caseId);

    Task<RoundView> CreateRound(RoundSettings settings);
    Task<RoundView> ConfigureRound(string roundId, RoundSettings settings);

    /// <summary>
    /// Combines the round's votes with the judges' scores, freezes the ranking and publishes it. A live
    /// final with cases never scored on stage is refused ("round.unscored-cases", naming them) unless
    /// <paramref name="confirmUnscored"/>: they are then published as 未评分, without a judge score.
    /// </summary>
    Task<RoundView> PublishRound(string roundId, bool confirmUnscored);
}

/// <summary>The list of selection events. Key: 0.</summary>
public interface ISelectionEventsGrain : IGrainWithIntegerKey
{
    Task<IReadOnlyList<SelectionEventSummary>> List();
    Task<SelectionEventSummary> Create(string title);

    /// <summary>Keeps the list's copy of an event's title in step with the event.</summary>
    Task Renamed(string eventId, string title);
}

/// <summary>One uploaded file (an image or a PDF of a case). Key: the attachment id.</summary>
public interface IAttachmentGrain : IGrainWithStringKey
{
    Task<AttachmentRef> Store(string fileName, string contentType, byte[] content);
    Task<AttachmentContent?> Read();
}

[GenerateSerializer, Immutable]
public sealed record AttachmentContent(
    [property: Id(0)] AttachmentRef Ref,
    [property: Id(1)] byte[] Content);
