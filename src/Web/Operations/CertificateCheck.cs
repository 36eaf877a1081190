using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Engagement.Silo.Hosting;

namespace Engagement.Web.Operations;

/// <summary>
/// Opens every certificate Kestrel is configured with before anything starts, so a missing file or a wrong
/// password stops start-up with the setting to fix. Kestrel itself would fail only once the silo is up, with a
/// bare FileNotFoundException or "The certificate data cannot be read with the provided password" and a stack
/// trace that names no setting. Kestrel still loads the certificate itself; this only reads it first.
/// </summary>
public static class CertificateCheck
{
    public static void ThrowIfUnreadable(IConfiguration configuration, string contentRoot)
    {
        var sections = configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e.GetSection("Certificate"))
            .Append(configuration.GetSection("Kestrel:Certificates:Default"));
        foreach (var section in sections)
        {
            var path = section["Path"];
            if (string.IsNullOrWhiteSpace(path))
            {
                continue;
            }

            using var _ = Open(section, contentRoot);
        }
    }

    /// <summary>The certificate a Kestrel certificate section names (PFX, or PEM with its key), or a clear error.</summary>
    public static X509Certificate2 Open(IConfigurationSection section, string contentRoot)
    {
        var setting = section.Path;
        var path = Path.Combine(contentRoot, section["Path"]!);
        var keyPath = section["KeyPath"] is { Length: > 0 } k ? Path.Combine(contentRoot, k) : null;
        var password = section["Password"];
        if (!File.Exists(path))
        {
            throw new StartupRefusal($"HTTPS certificate not found: {setting}:Path is \"{path}\", and no such file exists (or this account may not read it).");
        }

        if (keyPath is not null && !File.Exists(keyPath))
        {
            throw new StartupRefusal($"HTTPS certificate key not found: {setting}:KeyPath is \"{keyPath}\", and no such file exists (or this account may not read it).");
        }

        try
        {
            var certificate = keyPath is not null
                ? password is null ? X509Certificate2.CreateFromPemFile(path, keyPath) : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath)
                : path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".crt", StringComparison.OrdinalIgnoreCase)
                    ? throw new StartupRefusal($"{setting}:Path \"{path}\" looks like a PEM certificate: name its private key file in {setting}:KeyPath.")
                    : X509CertificateLoader.LoadPkcs12FromFile(path, password);
            if (!certificate.HasPrivateKey)
            {
                certificate.Dispose();
                throw new StartupRefusal($"{setting}: \"{path}\" holds no private key; HTTPS needs the certificate with its key.");
            }

            return certificate;
        }
        catch (CryptographicException e)
        {
            throw new StartupRefusal(keyPath is null
                ? $"HTTPS certificate \"{path}\" cannot be opened: check {setting}:Password (wrong or missing password, or not a PFX file). {e.Message}"
                : $"HTTPS certificate \"{path}\" with key \"{keyPath}\" cannot be read: check that they are PEM files that belong together, and {setting}:Password if the key is encrypted. {e.Message}", e);
        }
    }
}
