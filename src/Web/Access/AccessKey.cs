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
            throw new InvalidOperationException($"{ConfigKey} must be at least 32 bytes (base64).");
        }

        Key = key;
    }

    public byte[] Key { get; }

    public static AccessKey Load(IConfiguration configuration, EngagementOptions options, string dataDirectory)
    {
        var configured = configuration[ConfigKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new AccessKey(Convert.FromBase64String(configured));
        }

        if (options.Mode == HostingMode.Cluster)
        {
            throw new InvalidOperationException(
                $"Cluster mode needs {ConfigKey} (the same base64 key of 32+ random bytes on every web host), e.g. `openssl rand -base64 32`.");
        }

        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            return new AccessKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
        }

        var key = RandomNumberGenerator.GetBytes(32);
        // Write then rename so a crash never leaves a half-written key behind.
        var temp = path + ".tmp";
        File.WriteAllText(temp, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path, overwrite: false);
        return new AccessKey(key);
    }

    public byte[] Mac(string purpose, string message)
    {
        using var hmac = new HMACSHA256(Key);
        return hmac.ComputeHash(System.Text.Encoding.UTF8.GetBytes(purpose + "\n" + message));
    }
}
