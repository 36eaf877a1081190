namespace Engagement.Web.Operations;

/// <summary>
/// The address printed into member-code sheets, QR codes and judge/scorer links. Behind a reverse
/// proxy the request's own host is an internal one, so Engagement:PublicUrl (e.g.
/// "https://dangjian.example.cn") takes precedence when set.
/// </summary>
public static class PublicAddress
{
    public static string Origin(HttpContext http)
    {
        var configured = http.RequestServices.GetRequiredService<IConfiguration>()["Engagement:PublicUrl"];
        return string.IsNullOrWhiteSpace(configured)
            ? $"{http.Request.Scheme}://{http.Request.Host}"
            : configured.TrimEnd('/');
    }
}
