namespace Engagement.Web.Problems;

/// <summary>
/// Answers the framework leaves without a body (an unsupported content type, a wrong method, an unknown
/// address, a body it could not bind) get the same problem body as every other refusal, so phones and
/// the console can always show a message in the reader's language.
/// </summary>
public static class StatusCodeProblems
{
    public static IApplicationBuilder UseStatusCodeProblems(this IApplicationBuilder app) => app.UseStatusCodePages(context =>
    {
        var http = context.HttpContext;
        var status = http.Response.StatusCode;
        var code = status switch
        {
            StatusCodes.Status400BadRequest => "request.bad-body",
            StatusCodes.Status404NotFound => "request.not-found",
            StatusCodes.Status405MethodNotAllowed => "request.method-not-allowed",
            StatusCodes.Status413PayloadTooLarge => "request.too-large",
            StatusCodes.Status415UnsupportedMediaType => "request.unsupported-type",
            _ => null,
        };
        return code is null ? Task.CompletedTask : Problems.Write(http, status, code, Operations.RequestSizeLimit.Label(http));
    });
}
