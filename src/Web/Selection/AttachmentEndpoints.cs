using Engagement.Selection;
using Engagement.Web.Access;
using Engagement.Web.Operations;

namespace Engagement.Web.Selection;

/// <summary>Case files: organisers and members (for their branch's case) upload; anyone with the unguessable id can view.</summary>
public static class AttachmentEndpoints
{
    public static void MapAttachmentApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/attachments", async Task<IResult> (HttpContext http, IGrainFactory grains) =>
        {
            if (!http.Request.HasFormContentType)
            {
                throw RuleViolation.Invalid("attachment.no-file");
            }

            var form = await http.Request.ReadUploadAsync();
            var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault() ?? throw RuleViolation.Invalid("attachment.no-file");
            if (file.Length > AttachmentRules.MaxPdfBytes)
            {
                return Problems.Problems.Result(http, StatusCodes.Status413PayloadTooLarge, "attachment.too-large", null, AttachmentRules.SafeFileName(file.FileName), Text.Megabytes(AttachmentRules.MaxPdfBytes));
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, http.RequestAborted);
            var id = "a" + Guid.NewGuid().ToString("N");
            var stored = await grains.GetGrain<IAttachmentGrain>(id).Store(file.FileName, file.ContentType, buffer.ToArray());
            return TypedResults.Created($"/api/attachments/{id}", stored);
        }).RequireAuthorization(Roles.OrganiserOrMember).DisableAntiforgery().WithTags("Selection");

        app.MapGet("/api/attachments/{attachmentId}", async Task<IResult> (string attachmentId, IGrainFactory grains) =>
        {
            if (attachmentId.Length != 33 || !attachmentId.All(char.IsAsciiLetterOrDigit))
            {
                throw RuleViolation.NotFound("attachment.not-found");
            }

            var content = await grains.GetGrain<IAttachmentGrain>(attachmentId).Read() ?? throw RuleViolation.NotFound("attachment.not-found");
            return TypedResults.File(content.Content, content.Ref.ContentType, content.Ref.FileName);
        }).WithTags("Selection");
    }
}
