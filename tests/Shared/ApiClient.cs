using System.Net;
using System.Net.Http.Json;

namespace Engagement.Testing;

/// <summary>An HTTP client that behaves like the app's own pages: keeps cookies and sends the CSRF header.</summary>
public sealed class ApiClient : IDisposable
{
    public ApiClient(string baseUrl, string? language = null)
    {
        Cookies = new CookieContainer();
        Http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(60),
        };
        Http.DefaultRequestHeaders.Add("X-Engagement-Csrf", "1");
        if (language is not null)
        {
            Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }
    }

    public HttpClient Http { get; }

    public CookieContainer Cookies { get; }

    /// <summary>Signs in as organiser, creating the account from the setup token if needed.</summary>
    public async Task LoginOrganiserAsync(string userName = "admin", string password = "correct-horse-battery")
    {
        var response = await Http.PostAsJsonAsync("/api/auth/login", new { userName, password });
        response.EnsureSuccessStatusCode();
    }

    public async Task<HttpResponseMessage> ImportAsync(byte[] content, string fileName)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(content), "file", fileName);
        return await Http.PostAsync("/api/org/import", form);
    }

    public void Dispose() => Http.Dispose();
}
