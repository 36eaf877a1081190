using Engagement.Contest;
using Engagement.Contest.Rules;
using Engagement.Organisation;
using Engagement.Web.Access;
using Engagement.Web.Operations;
using Engagement.Web.Problems;

namespace Engagement.Web.Contest;

/// <summary>
/// The organisation's question bank (题库): import from .xlsx/.csv with the roster's reader (refused whole, every bad
/// row listed by line, like the roster), and single questions added, edited and removed from the console.
/// </summary>
public static class QuestionBankEndpoints
{
    public sealed record ImportError(int Line, string? Column, string Reason, string Problem);

    public static void MapQuestionBankApi(this IEndpointRouteBuilder app)
    {
        var bank = app.MapGroup("/api/contest-bank").RequireAuthorization(Roles.Organiser).WithTags("Contest");
        bank.MapGet("/", (IGrainFactory grains) => Bank(grains).Get());
        bank.MapPost("/import", Import).DisableAntiforgery();
        bank.MapPost("/", async (Question question, IGrainFactory grains) =>
        {
            // Adding never replaces: an id already in the bank is edited with PUT, knowingly.
            if ((await Bank(grains).Get()).Questions.Any(q => q.QuestionId == question.QuestionId))
            {
                throw RuleViolation.Conflict("bank.id-taken", question.QuestionId);
            }

            var saved = await Bank(grains).Save(QuestionRules.Check(question));
            return TypedResults.Created($"/api/contest-bank/{saved.QuestionId}", saved);
        });
        bank.MapPut("/{questionId}", async (string questionId, Question question, IGrainFactory grains) =>
        {
            // The route names the question; a body naming another would silently edit (or create) that one.
            if (question.QuestionId != questionId)
            {
                throw RuleViolation.Invalid("bank.id-mismatch", questionId);
            }

            await Existing(grains, questionId);
            return await Bank(grains).Save(QuestionRules.Check(question));
        });
        bank.MapDelete("/{questionId}", async (string questionId, IGrainFactory grains) =>
        {
            await Bank(grains).Remove(questionId);
            return TypedResults.NoContent();
        });
    }

    public static IQuestionBankGrain Bank(IGrainFactory grains) => grains.GetGrain<IQuestionBankGrain>(OrganisationIds.Default);

    /// <summary>An edit names a question the bank has: saving would otherwise quietly add one under a mistyped id.</summary>
    private static async Task Existing(IGrainFactory grains, string questionId)
    {
        if ((await Bank(grains).Get()).Questions.All(q => q.QuestionId != questionId))
        {
            throw RuleViolation.NotFound("question.not-found", questionId);
        }
    }

    /// <summary>Read the file, check every row, and only if all are valid hand the questions to the bank in one call.</summary>
    private static async Task<IResult> Import(HttpContext http, IGrainFactory grains, ILoggerFactory loggers)
    {
        if (!http.Request.HasFormContentType)
        {
            return Problems.Problems.Result(http, StatusCodes.Status415UnsupportedMediaType, "bank.no-file");
        }

        var form = await http.Request.ReadUploadAsync();
        var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
        if (file is null || file.Length == 0)
        {
            return Problems.Problems.Result(http, StatusCodes.Status400BadRequest, "bank.no-file");
        }

        if (file.Length > RosterFile.MaxBytes)
        {
            return Problems.Problems.Result(http, StatusCodes.Status413PayloadTooLarge, "request.too-large", null, Text.Megabytes(RosterFile.MaxBytes));
        }

        await using var stream = file.OpenReadStream();
        // The roster's reader (bounded against zip bombs) with the bank's header spellings, then every row checked.
        var validation = QuestionRules.Read(stream, file.FileName);
        if (validation.IsValid)
        {
            return TypedResults.Ok(await Bank(grains).Import(validation.Questions));
        }

        var english = Messages.English(http);
        var errors = validation.Errors
            .Select(e => new ImportError(e.Line, e.Column, ContestMessages.QuestionText(e, english), e.Problem.ToString()))
            .ToList();
        loggers.CreateLogger("QuestionBankImport").LogInformation("Question bank {File} refused with {Count} errors", file.FileName, errors.Count);
        return Problems.Problems.Result(http, StatusCodes.Status400BadRequest, "bank.rejected", errors, errors.Count);
    }
}
