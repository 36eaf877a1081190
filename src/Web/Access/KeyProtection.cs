using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Engagement.Silo.Hosting;
using Microsoft.AspNetCore.DataProtection;

namespace Engagement.Web.Access;

/// <summary>
/// How the server's secrets are kept at rest: the access key (member codes, judge/scorer links) and ASP.NET Core's
/// data-protection key ring (organiser cookies). Without protection both are plain: anyone who copies the data
/// directory or the database can mint member codes. With protection they are encrypted to a key the operator
/// controls and keeps apart from the data: a certificate with its private key (PFX) on any platform, or DPAPI
/// (the machine's key) on Windows. See docs/operations/keys.md.
/// </summary>
public sealed class KeyProtection
{
    public const string Section = "Engagement:KeyProtection";
    public const string CertificatePathKey = Section + ":Certificate:Path";
    public const string CertificatePasswordKey = Section + ":Certificate:Password";
    public const string DpapiKey = Section + ":Dpapi";

    /// <summary>
    /// The way out when the protecting certificate is truly lost: keys that cannot be opened are set aside (the access
    /// key file renamed, the key ring's keys revoked) and new ones made. Every member code and link changes. Off by default.
    /// </summary>
    public const string ReplaceUnreadableKeysKey = Section + ":ReplaceUnreadableKeys";

    private readonly X509Certificate2? _certificate;

    private KeyProtection(ProtectionKind kind, X509Certificate2? certificate, bool replaceUnreadable = false)
    {
        Kind = kind;
        _certificate = certificate;
        ReplaceUnreadable = replaceUnreadable;
    }

    /// <summary>The PFX file, when protection is by certificate.</summary>
    public string? CertificatePath { get; private init; }

    /// <summary>See <see cref="ReplaceUnreadableKeysKey"/>.</summary>
    public bool ReplaceUnreadable { get; }

    public enum ProtectionKind
    {
        None,
        Certificate,
        Dpapi,
    }

    public ProtectionKind Kind { get; }

    public bool IsOn => Kind != ProtectionKind.None;

    /// <summary>What an operator reads in a message: which key protects, and how to find it.</summary>
    public string Description => Kind switch
    {
        ProtectionKind.Certificate => $"the certificate {CertificatePathKey} (thumbprint {_certificate!.Thumbprint})",
        ProtectionKind.Dpapi => "Windows DPAPI (this machine's key)",
        _ => "nothing (stored unencrypted)",
    };

    /// <summary>The file name suffix of a protected secret: CMS enveloped data, or a DPAPI blob.</summary>
    public string Suffix => Kind == ProtectionKind.Dpapi ? ".dpapi" : ".p7m";

    public static KeyProtection None { get; } = new(ProtectionKind.None, null);

    /// <summary>Reads the configuration; a certificate that is missing, unreadable or without its private key stops start-up.</summary>
    public static KeyProtection FromConfiguration(IConfiguration configuration, string? contentRoot = null)
    {
        var path = configuration[CertificatePathKey];
        var dpapi = configuration.GetValue(DpapiKey, false);
        if (!string.IsNullOrWhiteSpace(path) && dpapi)
        {
            throw new StartupRefusal($"Choose one key protection: {CertificatePathKey} or {DpapiKey}, not both.");
        }

        if (dpapi)
        {
            return OperatingSystem.IsWindows()
                ? new KeyProtection(ProtectionKind.Dpapi, null, configuration.GetValue(ReplaceUnreadableKeysKey, false))
                : throw new StartupRefusal($"{DpapiKey}=true works on Windows only; elsewhere set {CertificatePathKey} (a PFX with its private key).");
        }

        if (string.IsNullOrWhiteSpace(path))
        {
            return None;
        }

        var full = Path.GetFullPath(Path.Combine(contentRoot ?? Directory.GetCurrentDirectory(), path));
        if (!File.Exists(full))
        {
            throw new StartupRefusal($"Key protection certificate not found: {CertificatePathKey} is \"{full}\", and no such file exists (or this account may not read it).");
        }

        X509Certificate2 certificate;
        try
        {
            // Kept in memory only, not in any certificate store: the PFX file is the one place the key lives.
            certificate = X509CertificateLoader.LoadPkcs12FromFile(full, configuration[CertificatePasswordKey],
                OperatingSystem.IsMacOS() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException e)
        {
            throw new StartupRefusal(
                $"Key protection certificate \"{full}\" cannot be opened: check {CertificatePasswordKey} (wrong or missing password, or not a PFX file). {e.Message}", e);
        }

        if (!certificate.HasPrivateKey || certificate.GetRSAPublicKey() is null)
        {
            throw new StartupRefusal($"{CertificatePathKey}: \"{full}\" must be an RSA certificate with its private key (a PFX).");
        }

        return new KeyProtection(ProtectionKind.Certificate, certificate, configuration.GetValue(ReplaceUnreadableKeysKey, false)) { CertificatePath = full };
    }

    /// <summary>Data protection encrypts each new key of its ring before it is stored, and decrypts with the same certificate.</summary>
    public IDataProtectionBuilder Apply(IDataProtectionBuilder dataProtection)
    {
        if (Kind == ProtectionKind.Certificate)
        {
            // UnprotectKeysWithAnyCertificate: the certificate is not in a machine store, so decryption must be told of it.
            return dataProtection.ProtectKeysWithCertificate(_certificate!).UnprotectKeysWithAnyCertificate(_certificate!);
        }

        if (Kind == ProtectionKind.Dpapi && OperatingSystem.IsWindows())
        {
            return dataProtection.ProtectKeysWithDpapi(protectToLocalMachine: true);
        }

        return dataProtection;
    }

    public byte[] Protect(byte[] secret) => Kind switch
    {
        ProtectionKind.Certificate => Envelope(secret),
        ProtectionKind.Dpapi => DpapiProtect(secret),
        _ => throw new InvalidOperationException("No key protection configured."),
    };

    /// <summary>Opens a protected secret; a wrong certificate or machine throws <see cref="CryptographicException"/>.</summary>
    public byte[] Unprotect(byte[] stored) => Kind switch
    {
        ProtectionKind.Certificate => Open(stored),
        ProtectionKind.Dpapi => DpapiUnprotect(stored),
        _ => throw new InvalidOperationException("No key protection configured."),
    };

    private byte[] Envelope(byte[] secret)
    {
        // CMS (PKCS#7) enveloped data: an AES-256 content key wrapped with RSA-OAEP to the certificate — the same
        // format `openssl cms -decrypt -inform DER -recip cert.pem -inkey key.pem` reads, should one ever need to.
        var envelope = new EnvelopedCms(new ContentInfo(secret), new AlgorithmIdentifier(new Oid("2.16.840.1.101.3.4.1.42")));
        envelope.Encrypt(new CmsRecipient(SubjectIdentifierType.IssuerAndSerialNumber, _certificate!, RSAEncryptionPadding.OaepSHA256));
        return envelope.Encode();
    }

    private byte[] Open(byte[] stored)
    {
        var envelope = new EnvelopedCms();
        envelope.Decode(stored);
        envelope.Decrypt(new X509Certificate2Collection(_certificate!));
        return envelope.ContentInfo.Content;
    }

    // LocalMachine: the service account may change (a Windows service run as another user) without losing the key;
    // the entropy ties the blob to this use.
    private static byte[] DpapiProtect(byte[] secret) => OperatingSystem.IsWindows()
        ? ProtectedData.Protect(secret, Entropy, DataProtectionScope.LocalMachine)
        : throw new PlatformNotSupportedException("DPAPI is Windows only.");

    private static byte[] DpapiUnprotect(byte[] stored) => OperatingSystem.IsWindows()
        ? ProtectedData.Unprotect(stored, Entropy, DataProtectionScope.LocalMachine)
        : throw new PlatformNotSupportedException("DPAPI is Windows only.");

    private static readonly byte[] Entropy = "Engagement access key"u8.ToArray();
}

/// <summary>Says once at start how the keys are kept: a warning when unencrypted, and what a migration did.</summary>
public sealed class KeyProtectionNotice(KeyProtection protection, IReadOnlyList<string> notes, ILogger<KeyProtection> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!protection.IsOn)
        {
            logger.LogWarning("The access key and data-protection keys are stored unencrypted; set {Setting} (or {Dpapi} on Windows): see docs/operations/keys.md",
                KeyProtection.CertificatePathKey, KeyProtection.DpapiKey);
        }

        foreach (var note in notes)
        {
            logger.LogWarning("{Note}", note);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
