using Microsoft.AspNetCore.Mvc;

namespace Engagement.Web.Problems;

/// <summary>Turns refusals into RFC 7807 problem responses with a message in the reader's language.</summary>
public static class Problems
{
    /// <summary>
    /// Well-formed requests that contradict what is stored, answered 422: a ballot id sent again with other
    /// choices is neither a retry (200 with the stored ballot) nor a malformed body.
    /// </summary>
    private static readonly HashSet<string> Unprocessable = ["ballot.id-reused"];

    public static IResult Result(HttpContext context, int status, string code, object? extensions = null, params object?[] args)
    {
        var problem = Create(context, status, code, args);
        if (extensions is not null)
        {
            problem.Extensions["errors"] = extensions;
        }

        return TypedResults.Problem(problem);
    }

    public static IResult From(HttpContext context, RuleViolation violation)
    {
        var status = violation.Kind switch
        {
            ViolationKind.NotFound => StatusCodes.Status404NotFound,
            ViolationKind.Conflict => StatusCodes.Status409Conflict,
            _ when Unprocessable.Contains(violation.Code) => StatusCodes.Status422UnprocessableEntity,
            _ => StatusCodes.Status400BadRequest,
        };
        return TypedResults.Problem(Create(context, status, violation.Code, violation.Args));
    }

    public static Task Write(HttpContext context, int status, string code, params object?[] args)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(Create(context, status, code, args), (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    private static ProblemDetails Create(HttpContext context, int status, string code, object?[] args)
    {
        var message = Messages.Get(context, code, args);
        return new ProblemDetails
        {
            Status = status,
            Title = message,
            Detail = message,
            Type = "https://engagement.local/problems/" + code,
            Extensions = { ["code"] = code },
        };
    }
}
