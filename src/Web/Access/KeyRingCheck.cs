using System.Xml.Linq;
using Engagement.Silo.Hosting;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Engagement.Web.Access;

/// <summary>
/// At start, with key protection on, looks at the data-protection key ring before anything uses it.
/// <list type="bullet">
/// <item>Keys exist but none can be opened (another certificate, another machine): start-up stops. Data protection
/// would otherwise quietly make a new key, and every organiser, judge and scorer would be signed out with no hint why.</item>
/// <item>Keys from before protection was switched on are stored in the clear: a new, protected key takes over and
/// the clear ones are revoked, so a copy of the database cannot be used to forge an organiser's cookie. Organisers,
/// judges and scorers sign in once more (their links still work); members are not affected (their cookies are
/// signed with the access key).</item>
/// </list>
/// </summary>
public sealed class KeyRingCheck(KeyProtection protection, IKeyManager keys, IOptions<KeyManagementOptions> options, ILogger<KeyRingCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!protection.IsOn || options.Value.XmlRepository is not { } repository)
        {
            return Task.CompletedTask;
        }

        var now = DateTimeOffset.UtcNow;
        var live = keys.GetAllKeys().Where(k => !k.IsRevoked && k.ExpirationDate > now).ToList();
        var unreadable = live.Where(k => !Readable(k)).ToList();
        if (live.Count > 0 && unreadable.Count == live.Count && protection.ReplaceUnreadable)
        {
            foreach (var key in unreadable)
            {
                keys.RevokeKey(key.KeyId, "Cannot be opened; replaced at the operator's request");
            }

            keys.CreateNewKey(activationDate: now, expirationDate: now.AddDays(90));
            logger.LogWarning("{Count} data-protection key(s) could not be opened and were revoked ({Setting}); organisers, judges and scorers sign in again",
                unreadable.Count, KeyProtection.ReplaceUnreadableKeysKey);
            return Task.CompletedTask;
        }

        if (live.Count > 0 && unreadable.Count == live.Count)
        {
            throw new StartupRefusal(
                $"None of the {live.Count} data-protection key(s) can be opened with {protection.Description}: they were " +
                $"encrypted with another certificate or on another machine. Configure the one they were protected with ({KeyProtection.Section}). " +
                $"No new key was made: it would sign out every organiser, judge and scorer. If that certificate is lost for good, set {KeyProtection.ReplaceUnreadableKeysKey}=true once.");
        }

        if (unreadable.Count > 0)
        {
            logger.LogWarning("{Count} data-protection key(s) cannot be opened with {Protection}; cookies made with them will not be accepted",
                unreadable.Count, protection.Description);
        }

        var plain = PlainKeyIds(repository).Intersect(live.Select(k => k.KeyId)).ToList();
        if (plain.Count > 0)
        {
            keys.CreateNewKey(activationDate: now, expirationDate: now.AddDays(90));
            foreach (var id in plain)
            {
                keys.RevokeKey(id, "Stored unencrypted before key protection was configured");
            }

            logger.LogWarning("{Count} data-protection key(s) stored unencrypted from before key protection were revoked and a key protected with {Protection} " +
                              "made: organisers, judges and scorers sign in once more; member codes and links are not affected", plain.Count, protection.Description);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static bool Readable(IKey key)
    {
        try
        {
            return key.Descriptor is not null;
        }
        catch (Exception)
        {
            return false;
        }
    }

    /// <summary>Keys whose master key is stored as is (ASP.NET Core writes it in a &lt;masterKey&gt; element; a protected key has only an &lt;encryptedSecret&gt;).</summary>
    private static IEnumerable<Guid> PlainKeyIds(IXmlRepository repository) =>
        repository.GetAllElements()
            .Where(e => e.Name.LocalName == "key" && e.Descendants().Any(d => d.Name.LocalName == "masterKey"))
            .Select(e => Guid.TryParse((string?)e.Attribute("id"), out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty);
}
