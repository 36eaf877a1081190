namespace Engagement.Web.Operations;

/// <summary>Reading a file upload (roster, case attachment) from a phone or the console.</summary>
public static class Uploads
{
    /// <summary>
    /// The multipart form of the request. A body that breaks off or is not valid multipart (a dropped
    /// connection on hall Wi-Fi, a hand-made request) is the caller's problem, answered 400, never a 500.
    /// </summary>
    public static async Task<IFormCollection> ReadUploadAsync(this HttpRequest request)
    {
        try
        {
            return await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        // BadHttpRequestException is an IOException too: too large (413) stays what it is.
        catch (Exception e) when (e is (IOException or InvalidDataException) and not BadHttpRequestException
                                  && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw RuleViolation.Invalid("request.bad-body");
        }
    }
}
