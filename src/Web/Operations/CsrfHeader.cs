using Engagement.Web.Problems;

namespace Engagement.Web.Operations;

/// <summary>
/// Cross-site request forgery guard for the JSON API: a state-changing request must carry the
/// X-Engagement-Csrf header. Browsers only let another site add custom headers after a CORS preflight,
/// which this app never grants, so a forged form post or image tag cannot change anything.
/// </summary>
public static class CsrfHeader
{
    public const string Name = "X-Engagement-Csrf";

    public static IApplicationBuilder UseCsrfHeader(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var unsafeMethod = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        if (unsafeMethod && request.Path.StartsWithSegments("/api") && !request.Headers.ContainsKey(Name))
        {
            await Problems.Problems.Write(context, StatusCodes.Status403Forbidden, "csrf.missing");
            return;
        }

        await next(context);
    });
}
