using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Engagement.Testing;

/// <summary>
/// A self-signed server certificate for one host name, written as an IT person would be given one: a PFX with a
/// password and the same certificate as PEM files (certificate + key). Tests serve it from Kestrel and talk to it
/// through <see cref="Client"/>, which trusts exactly this certificate and resolves the host name to loopback — so
/// the request carries a real host name (HSTS is never sent to "localhost" or an IP address).
/// </summary>
public sealed class TestCertificate : IDisposable
{
    public const string Password = "test-pfx-password";

    private TestCertificate(string hostName, X509Certificate2 certificate, string directory)
    {
        HostName = hostName;
        Certificate = certificate;
        Directory = directory;
        PfxPath = Path.Combine(directory, "server.pfx");
        PemCertificatePath = Path.Combine(directory, "server.crt");
        PemKeyPath = Path.Combine(directory, "server.key");
        File.WriteAllBytes(PfxPath, certificate.Export(X509ContentType.Pfx, Password));
        File.WriteAllText(PemCertificatePath, certificate.ExportCertificatePem());
        using var key = certificate.GetRSAPrivateKey()!;
        File.WriteAllText(PemKeyPath, key.ExportPkcs8PrivateKeyPem());
    }

    public string HostName { get; }

    public X509Certificate2 Certificate { get; }

    public string Directory { get; }

    public string PfxPath { get; }

    public string PemCertificatePath { get; }

    public string PemKeyPath { get; }

    public static TestCertificate Create(string hostName = "hall.engagement.test")
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={hostName}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(hostName);
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        // Round-trip through PFX so the private key is usable on every platform (an ephemeral key is not, for TLS).
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx, Password), Password);
        var directory = System.IO.Directory.CreateTempSubdirectory("engagement-cert-").FullName;
        return new TestCertificate(hostName, certificate, directory);
    }

    /// <summary>
    /// An HTTP client for https://{HostName}:{port} that connects to 127.0.0.1, trusts only this certificate and does
    /// not follow redirects (tests look at them) nor keep cookies (tests read Set-Cookie).
    /// </summary>
    public HttpClient Client(bool followRedirects = false)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = followRedirects,
            UseCookies = false,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
            presented is not null && presented.GetCertHashString() == Certificate.GetCertHashString();
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public void Dispose()
    {
        Certificate.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A process still holding a file: the temp folder is cleaned by the machine.
        }
    }
}
