using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Operations;

/// <summary>
/// A request over the server's body limit (<see cref="OperationsExtensions.MaxRequestBytes"/> unless
/// configured otherwise) gets a 413 problem like every other refusal. Kestrel already stops reading at
/// that size, but a JSON endpoint swallows the failed read and Kestrel then answers an empty 413. A
/// declared Content-Length is refused before any byte is read; a chunked body is refused once the read
/// fails. The message states the limit in force for the request, read from the server, never a copy.
/// </summary>
public static class RequestSizeLimit
{
    private const string Exceeded = "request-size-exceeded";

    public static IApplicationBuilder UseRequestSizeLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.ContentLength > Limit(context))
        {
            await TooLarge(context);
            return;
        }

        context.Request.Body = new WatchedBody(context.Request.Body, context);
        await next(context);
        if (context.Items.ContainsKey(Exceeded) && !context.Response.HasStarted)
        {
            await TooLarge(context);
        }
    });

    private static Task TooLarge(HttpContext context) =>
        Problems.Problems.Write(context, StatusCodes.Status413PayloadTooLarge, "request.too-large", Label(context));

    /// <summary>The body limit for this request: the server's per-request setting, else its configured one.</summary>
    public static long Limit(HttpContext context) =>
        context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize
        ?? context.RequestServices.GetService<IOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>>()?.Value.Limits.MaxRequestBodySize
        ?? OperationsExtensions.MaxRequestBytes;

    /// <summary>The limit as the 413 message states it, e.g. "12 MB".</summary>
    public static string Label(HttpContext context) => Text.Megabytes(Limit(context));

    /// <summary>Passes reads through and remembers when the server refused the body as too large.</summary>
    private sealed class WatchedBody(Stream inner, HttpContext context) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Watch(() => inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await inner.ReadAsync(buffer, cancellationToken);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                context.Items[Exceeded] = true;
                throw;
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Watch(Func<int> read)
        {
            try
            {
                return read();
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                context.Items[Exceeded] = true;
                throw;
            }
        }
    }
}
