using System.Net;
using System.Text;
using Engagement.IntegrationTests.Support;

namespace Engagement.IntegrationTests.Access;

/// <summary>
/// Oversized requests are refused with a 413 problem and change nothing: the whole request is capped at
/// 12 MB (10 MB files plus the form around them), roster files and case files at 10 MB each.
/// </summary>
[Collection(Collections.Access)]
public sealed class RequestSizeTests(AccessWorld world)
{
    /// <summary>OperationsExtensions.MaxRequestBytes.</summary>
    private const long RequestLimit = 12 * 1024 * 1024;

    [Fact]
    public async Task Every_body_taking_endpoint_refuses_a_declared_oversized_body_before_reading_it()
    {
        var before = await world.StateAsync();
        var checkedRows = 0;
        foreach (var row in AccessMatrix.Rows.Where(r => r.ChangesState))
        {
            var call = await row.Fill(world, false);
            if (call.Body is null)
            {
                continue;
            }

            var role = Enum.GetValues<Role>().FirstOrDefault(r => row.Expected[(int)r].Allows, Role.Anonymous);
            var oversized = new Call(call.Path, new Filler(call.Body.Headers.ContentType!.ToString(), [], RequestLimit + 1, declareLength: true));

            // Expect: 100-continue lets the server refuse on the declared length alone, as HTTP intends.
            using var response = await world.SendAsync(role, row.HttpMethod, oversized, expectContinue: true);

            await Answers.ExpectAsync(response, new Outcome(413, "request.too-large"), $"{row.Request} with {RequestLimit + 1} bytes");
            checkedRows++;
        }

        Assert.True(checkedRows > 20, $"Only {checkedRows} body-taking endpoints found");
        Answers.Unchanged(before, await world.StateAsync());
    }

    /// <summary>Without a Content-Length the server only finds out while reading; the answer is the same.</summary>
    [Theory]
    [InlineData("json")]
    [InlineData("roster")]
    [InlineData("attachment")]
    public async Task A_streamed_body_over_the_limit_is_refused_with_413_and_changes_nothing(string kind)
    {
        var before = await world.StateAsync();
        var call = kind switch
        {
            "json" => new Call("/api/screens/main", new Filler("application/json", Encoding.UTF8.GetBytes("{\"headline\":\""), RequestLimit + 1, declareLength: false)),
            "roster" => new Call("/api/org/import", StreamedFile("roster.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")),
            _ => new Call("/api/attachments", StreamedFile("case.pdf", "application/pdf")),
        };

        using var response = await world.SendAsync(Role.Organiser, kind == "json" ? HttpMethod.Put : HttpMethod.Post, call);

        await Answers.ExpectAsync(response, new Outcome(413, "request.too-large"), $"streamed {kind} over {RequestLimit} bytes");
        Answers.Unchanged(before, await world.StateAsync());
    }

    [Fact]
    public async Task A_case_file_over_10_MB_is_refused_with_413()
    {
        var pdf = new byte[11 * 1024 * 1024]; // under the request limit, over the file limit
        "%PDF-1.7\n"u8.CopyTo(pdf);

        using var response = await world.SendAsync(Role.Organiser, HttpMethod.Post, new Call("/api/attachments", Attachments.File(pdf, "大案例.pdf", "application/pdf")));

        await Answers.ExpectAsync(response, new Outcome(413, "attachment.too-large"), "11 MB PDF");
    }

    private static MultipartFormDataContent StreamedFile(string fileName, string contentType)
    {
        // A stream of unknown length: the whole form goes out chunked.
        var file = new StreamContent(new FillerStream("%PDF-1.7\n"u8.ToArray(), RequestLimit + 1));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    /// <summary>A body of <c>length</c> bytes (a prefix, then filler), with or without a declared length.</summary>
    private sealed class Filler : HttpContent
    {
        private readonly byte[] _prefix;
        private readonly long _length;
        private readonly bool _declareLength;

        public Filler(string contentType, byte[] prefix, long length, bool declareLength)
        {
            (_prefix, _length, _declareLength) = (prefix, length, declareLength);
            Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            new FillerStream(_prefix, _length).CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = _length;
            return _declareLength;
        }
    }

    /// <summary>Reads as a prefix followed by 'x' up to <c>length</c> bytes; cannot seek, so nobody knows its length up front.</summary>
    private sealed class FillerStream(byte[] prefix, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++)
            {
                buffer[offset + i] = _position + i < prefix.Length ? prefix[_position + i] : (byte)'x';
            }

            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
