using QRCoder;

namespace Engagement.Web.Operations;

/// <summary>QR codes as SVG, drawn by the server so phones and printers need nothing else.</summary>
public static class QrEndpoints
{
    public const int MaxTextLength = 512;

    public static void MapQr(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/qr", (string? text, HttpContext http) =>
        {
            if (string.IsNullOrEmpty(text) || text.Length > MaxTextLength)
            {
                return Problems.Problems.Result(http, StatusCodes.Status400BadRequest, "qr.bad-text");
            }

            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
            var svg = new SvgQRCode(data).GetGraphic(8);
            http.Response.Headers.CacheControl = "private, max-age=3600";
            return Results.Text(svg, "image/svg+xml");
        }).WithTags("Operations");
}
