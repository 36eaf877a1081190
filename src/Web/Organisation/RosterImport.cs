using Engagement.Organisation;
using Engagement.Web.Problems;
using Engagement.Web.Operations;

namespace Engagement.Web.Organisation;

/// <summary>
/// Roster upload: read the file, check every row, and only if all are valid hand the roster to the
/// organisation in one call. A file with bad rows is refused whole, listing each by line and reason.
/// </summary>
public static class RosterImport
{
    public sealed record ImportError(int Line, string? Column, string Reason, string Problem);

    public static async Task<IResult> Handle(HttpContext http, IGrainFactory grains, ILoggerFactory loggers)
    {
        if (!http.Request.HasFormContentType)
        {
            return Problems.Problems.Result(http, StatusCodes.Status415UnsupportedMediaType, "roster.no-file");
        }

        var form = await http.Request.ReadUploadAsync();
        var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
        if (file is null || file.Length == 0)
        {
            return Problems.Problems.Result(http, StatusCodes.Status400BadRequest, "roster.no-file");
        }

        if (file.Length > RosterFile.MaxBytes)
        {
            return Problems.Problems.Result(http, StatusCodes.Status413PayloadTooLarge, "request.too-large", null, Text.Megabytes(RosterFile.MaxBytes));
        }

        await using var stream = file.OpenReadStream();
        var (table, readError) = RosterFile.Read(stream, file.FileName);
        var validation = table is null ? RosterValidation.Failed([readError!]) : RosterRules.Validate(table);
        if (!validation.IsValid)
        {
            var english = Messages.English(http);
            var errors = validation.Errors
                .Select(e => new ImportError(e.Line, e.Column, Messages.RosterText(e, english), e.Problem.ToString()))
                .ToList();
            loggers.CreateLogger("RosterImport").LogInformation("Roster {File} refused with {Count} errors", file.FileName, errors.Count);
            return Problems.Problems.Result(http, StatusCodes.Status400BadRequest, "roster.rejected", errors, errors.Count);
        }

        var summary = await grains.GetGrain<IOrganisationGrain>(OrganisationIds.Default).ImportRoster(validation.Entries);
        return TypedResults.Ok(summary);
    }
}
