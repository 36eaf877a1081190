using System.Security.Cryptography;
using Engagement.Silo.Hosting;

namespace Engagement.Web.Access;

/// <summary>
/// The server secret that member codes and judge/scorer links are derived from. Codes are never stored:
/// the server recomputes and compares them, so a stolen database reveals no code. In embedded mode the
/// key is generated once into the data directory; a cluster's web hosts must share one configured key.
/// </summary>
public sealed class AccessKey
{
    public const string ConfigKey = "Engagement:AccessKey";
    private const string FileName = "access.key";

    public AccessKey(byte[] key)
    {
        if (key.Length < 32)
        {
            throw new StartupRefusal($"{ConfigKey} must be at least 32 bytes (base64).");
        }

        Key = key;
    }

    public byte[] Key { get; }

    public static AccessKey Load(IConfiguration configuration, EngagementOptions options, string dataDirectory) =>
        Load(configuration, options, dataDirectory, KeyProtection.FromConfiguration(configuration), notes: null);

    /// <summary>
    /// The configured key, or the data directory's. With <paramref name="protection"/> on, the file is
    /// <c>access.key.p7m</c> (certificate) or <c>access.key.dpapi</c> (Windows), and a plain <c>access.key</c> from
    /// before is moved into it. A key that exists but cannot be opened stops start-up: a new key would silently
    /// invalidate every member code and link already handed out.
    /// </summary>
    public static AccessKey Load(IConfiguration configuration, EngagementOptions options, string dataDirectory, KeyProtection protection, ICollection<string>? notes)
    {
        var configured = configuration[ConfigKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new AccessKey(Convert.FromBase64String(configured));
        }

        if (options.Mode == HostingMode.Cluster)
        {
            throw new StartupRefusal(
                $"Cluster mode needs {ConfigKey} (the same base64 key of 32+ random bytes on every web host), e.g. `openssl rand -base64 32`.");
        }

        Directory.CreateDirectory(dataDirectory);
        var plain = Path.Combine(dataDirectory, FileName);
        if (!protection.IsOn)
        {
            var sealedFile = ProtectedFiles(dataDirectory).FirstOrDefault(File.Exists);
            if (sealedFile is not null)
            {
                throw new StartupRefusal(
                    $"The access key in {sealedFile} is encrypted, but {KeyProtection.Section} is not configured. Configure the same " +
                    $"certificate ({KeyProtection.CertificatePathKey}) or DPAPI ({KeyProtection.DpapiKey}) it was protected with. " +
                    "No new key was made: it would invalidate every member code and link.");
            }

            return File.Exists(plain) ? FromText(File.ReadAllText(plain)) : Create(plain, key => System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
        }

        var protectedPath = plain + protection.Suffix;
        if (File.Exists(protectedPath))
        {
            try
            {
                return Open(protectedPath, protection);
            }
            catch (InvalidOperationException) when (protection.ReplaceUnreadable)
            {
                // The operator said the old key is lost for good: keep its file aside (should the certificate turn up), start anew.
                var aside = $"{protectedPath}.unreadable-{DateTime.UtcNow:yyyyMMddHHmmss}";
                File.Move(protectedPath, aside);
                notes?.Add($"The access key in {protectedPath} could not be opened and was set aside as {aside} ({KeyProtection.ReplaceUnreadableKeysKey}); " +
                           "a new key was made: every member code and judge/scorer link has changed. Reprint the code sheets and send the links again, then remove the setting.");
                return Create(protectedPath, protection.Protect);
            }
        }

        if (File.Exists(plain))
        {
            // Migration: the same key, now sealed. The sealed copy is written, renamed into place and read back
            // before the plain file goes, so a crash at any point leaves at least one readable copy.
            var key = FromText(File.ReadAllText(plain));
            WriteNew(protectedPath, protection.Protect(key.Key));
            var reopened = Open(protectedPath, protection);
            if (!reopened.Key.AsSpan().SequenceEqual(key.Key))
            {
                throw new StartupRefusal($"{protectedPath} does not read back as {plain}; {plain} is kept.");
            }

            File.Delete(plain);
            notes?.Add($"The access key in {plain} is now encrypted with {protection.Description} in {protectedPath}; the plain file was deleted.");
            return key;
        }

        return Create(protectedPath, protection.Protect);
    }

    /// <summary>The file names a protected key may have, for a start without protection to recognise.</summary>
    public static IEnumerable<string> ProtectedFiles(string dataDirectory) =>
        [Path.Combine(dataDirectory, FileName + ".p7m"), Path.Combine(dataDirectory, FileName + ".dpapi")];

    private static AccessKey Open(string path, KeyProtection protection)
    {
        try
        {
            return new AccessKey(protection.Unprotect(File.ReadAllBytes(path)));
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new StartupRefusal(
                $"The access key in {path} cannot be opened with {protection.Description}: it was encrypted with another " +
                $"certificate or on another machine. Configure the one it was protected with ({KeyProtection.Section}). " +
                $"No new key was made: it would invalidate every member code and link. If that certificate is lost for good, " +
                $"{KeyProtection.ReplaceUnreadableKeysKey}=true makes a new one (see docs/operations/keys.md). ({e.Message})", e);
        }
    }

    private static AccessKey FromText(string text) => new(Convert.FromBase64String(text.Trim()));

    private static AccessKey Create(string path, Func<byte[], byte[]> encode)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        WriteNew(path, encode(key));
        return new AccessKey(key);
    }

    /// <summary>Write then rename, owner-only, so a crash never leaves a half-written key behind.</summary>
    private static void WriteNew(string path, byte[] content)
    {
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path, overwrite: false);
    }

    public byte[] Mac(string purpose, string message)
    {
        using var hmac = new HMACSHA256(Key);
        return hmac.ComputeHash(System.Text.Encoding.UTF8.GetBytes(purpose + "\n" + message));
    }
}
