using System.Text.Json;
using Engagement.Web.Operations;
using Engagement.Web.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Engagement.Tests.Web.Operations;

/// <summary>The 413 message states the limit the server enforces, read from the server, so the two cannot disagree.</summary>
public sealed class RequestSizeLimitTests
{
    [Theory]
    [InlineData(3L * 1024 * 1024, "3 MB")]
    [InlineData(OperationsExtensions.MaxRequestBytes, "12 MB")]
    [InlineData(512L * 1024, "0.5 MB")]
    public async Task The_413_message_names_the_configured_limit(long limit, string label)
    {
        await using var host = await InProcessHost.StartAsync(
            new Dictionary<string, string?>(),
            builder => builder.Services.Configure<KestrelServerOptions>(k => k.Limits.MaxRequestBodySize = limit),
            app =>
            {
                app.UseRequestSizeLimit();
                app.MapPost("/upload", () => Results.Ok());
            });

        var answer = await host.SendAsync("/upload", "192.0.2.1", r =>
        {
            r.Method = HttpMethods.Post;
            r.Headers.AcceptLanguage = "en";
            r.ContentLength = limit + 1;
        });

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, answer.Response.StatusCode);
        var problem = await JsonDocument.ParseAsync(answer.Response.Body);
        Assert.Equal("request.too-large", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal($"The upload is too large (limit {label}).", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public void The_Chinese_message_names_the_limit_too() =>
        Assert.Equal("上传内容过大（上限 12 MB）。", Messages.Format(("上传内容过大（上限 {0}）。", ""), english: false, Text.Megabytes(OperationsExtensions.MaxRequestBytes)));
}
