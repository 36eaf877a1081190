using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Text;
using Engagement.IntegrationTests.Support;
using Engagement.Testing;
using TestCertificate = Engagement.Testing.TestCertificate;

namespace Engagement.IntegrationTests.Operations;

/// <summary>
/// The access key (member codes, judge/scorer links) and the data-protection key ring (organiser cookies) encrypted
/// at rest to a certificate the operator keeps: nothing in the data directory gives them away, everything issued
/// before a restart still works after it, a plain key from before is kept (only sealed), and a key that cannot be
/// opened stops start-up instead of being silently replaced.
/// </summary>
[Collection(OperationsCollection.Name)]
public sealed class KeysTests : IDisposable
{
    private const string Prefix = "KP";
    private readonly TestCertificate _certificate = TestCertificate.Create("keys.engagement.test");
    private readonly TempDirectory _temp = new();

    private string DataDirectory => Path.Combine(_temp.Path, "data");

    [Fact]
    public async Task With_a_certificate_no_file_holds_a_key_in_the_clear_and_codes_and_cookies_outlive_a_restart()
    {
        string memberCode;
        using var organiser = new ApiClient("http://127.0.0.1");
        using var member = new ApiClient("http://127.0.0.1");
        await using (var app = await StartAsync("keys-first", Protected(_certificate)))
        {
            memberCode = await MemberCodeAsync(app, organiser);
            (await member.Http.PostAsJsonAsync($"{app.Url}/api/auth/member", new { code = memberCode })).EnsureSuccessStatusCode();
            await app.StopGracefullyAsync(TimeSpan.FromSeconds(30));
        }

        Assert.False(File.Exists(Path.Combine(DataDirectory, "access.key")), "A plain access.key was written beside the sealed one");
        var key = Unseal(File.ReadAllBytes(Path.Combine(DataDirectory, "access.key.p7m")), _certificate);
        AssertNowhereInDataDirectory(key);
        var everything = AllBytes();
        Assert.True(Contains(everything, "encryptedSecret"u8.ToArray()), "The data-protection key ring is not in the data directory at all: the check below would prove nothing");
        Assert.False(Contains(everything, "masterKey"u8.ToArray()), "A data-protection key is stored with its <masterKey> in the clear");

        await using (var app = await StartAsync("keys-restarted", Protected(_certificate)))
        {
            // The organiser's cookie (data protection) and the member's (access key) from before the restart.
            (await organiser.Http.GetAsync($"{app.Url}/api/org")).EnsureSuccessStatusCode();
            var me = await (await member.Http.GetAsync($"{app.Url}/api/auth/me")).ReadAsync<MeDto>();
            Assert.Equal("member", me.Role, ignoreCase: true);
            using var phone = new ApiClient(app.Url!);
            (await phone.MemberLoginAsync(memberCode)).EnsureSuccessStatusCode();
            await app.StopGracefullyAsync(TimeSpan.FromSeconds(30));
        }

        var before = Snapshot();
        using var other = TestCertificate.Create("another.engagement.test");
        var wrong = await StartFailsAsync("keys-wrong-certificate", Protected(other));
        Assert.Contains("access.key.p7m cannot be opened with the certificate Engagement:KeyProtection:Certificate:Path", wrong.Message);
        Assert.Contains("No new key was made", wrong.Message);
        Assert.Equal(before, Snapshot());

        // The access key given another way (as a cluster's web hosts get it), so the key ring is what cannot be opened.
        var keyRingOnly = Protected(other);
        keyRingOnly["Engagement:AccessKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var ring = await StartFailsAsync("keys-wrong-certificate-ring", keyRingOnly);
        Assert.Contains("data-protection key(s) can be opened with the certificate Engagement:KeyProtection:Certificate:Path", ring.Message);
        Assert.Contains("No new key was made", ring.Message);
        Assert.Equal(before, Snapshot());

        var unconfigured = await StartFailsAsync("keys-unconfigured", []);
        Assert.Contains("is encrypted, but Engagement:KeyProtection is not configured", unconfigured.Message);
        Assert.Equal(before, Snapshot());

        // The certificate is lost for good and the operator says so: new keys, the old access key kept aside, old codes dead.
        var replacing = Protected(other);
        replacing["Engagement:KeyProtection:ReplaceUnreadableKeys"] = "true";
        await using (var app = await StartAsync("keys-replaced", replacing))
        {
            Assert.Single(Directory.GetFiles(DataDirectory, "access.key.p7m.unreadable-*"));
            Assert.Contains("a new key was made: every member code and judge/scorer link has changed", app.Output);
            Assert.Contains("could not be opened and were revoked", app.Output);
            using var phone = new ApiClient(app.Url!);
            Assert.Equal(HttpStatusCode.Unauthorized, (await phone.MemberLoginAsync(memberCode)).StatusCode);
            using var again = await app.OrganiserAsync();
            (await again.Http.GetAsync("/api/org")).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task A_plain_key_from_before_is_sealed_on_the_first_protected_start_and_its_codes_still_work()
    {
        string memberCode;
        using var organiser = new ApiClient("http://127.0.0.1");
        await using (var app = await StartAsync("keys-plain", []))
        {
            memberCode = await MemberCodeAsync(app, organiser);
            await app.StopGracefullyAsync(TimeSpan.FromSeconds(30));
        }

        var plain = Convert.FromBase64String(File.ReadAllText(Path.Combine(DataDirectory, "access.key")).Trim());
        await using (var app = await StartAsync("keys-migrated", Protected(_certificate)))
        {
            Assert.False(File.Exists(Path.Combine(DataDirectory, "access.key")), "The plain access.key was left behind");
            Assert.Equal(plain, Unseal(File.ReadAllBytes(Path.Combine(DataDirectory, "access.key.p7m")), _certificate));
            AssertNowhereInDataDirectory(plain);
            using var phone = new ApiClient(app.Url!);
            await (await phone.MemberLoginAsync(memberCode)).ExpectAsync(HttpStatusCode.OK);
            Assert.Contains("is now encrypted with the certificate", app.Output);

            // The data-protection key made before protection sits in the database in the clear: it is revoked, so a
            // copy of the database cannot forge an organiser's cookie. The organiser signs in again.
            Assert.Contains("stored unencrypted from before key protection were revoked", app.Output);
            Assert.Equal(HttpStatusCode.Unauthorized, (await organiser.Http.GetAsync($"{app.Url}/api/org")).StatusCode);
            using var again = await app.OrganiserAsync();
            (await again.Http.GetAsync("/api/org")).EnsureSuccessStatusCode();
        }
    }

    private Task<AppProcess> StartAsync(string name, Dictionary<string, string> protection)
    {
        var settings = TestApps.OrganiserSettings();
        settings["Engagement:DataDirectory"] = DataDirectory;
        foreach (var (k, v) in protection)
        {
            settings[k] = v;
        }

        return AppProcess.StartWebAsync(name, settings, TimeSpan.FromSeconds(90));
    }

    /// <summary>Starts expecting start-up to fail; an app that starts after all is stopped, not left running.</summary>
    private async Task<InvalidOperationException> StartFailsAsync(string name, Dictionary<string, string> protection)
    {
        AppProcess? started = null;
        try
        {
            return await Assert.ThrowsAsync<InvalidOperationException>(async () => started = await StartAsync(name, protection));
        }
        finally
        {
            if (started is not null)
            {
                await started.DisposeAsync();
            }
        }
    }

    private static Dictionary<string, string> Protected(TestCertificate certificate) => new()
    {
        ["Engagement:KeyProtection:Certificate:Path"] = certificate.PfxPath,
        ["Engagement:KeyProtection:Certificate:Password"] = TestCertificate.Password,
    };

    /// <summary>Signs the organiser in (the client's cookie then outlives the app) and gives one member's code.</summary>
    private static async Task<string> MemberCodeAsync(AppProcess app, ApiClient organiser)
    {
        (await organiser.Http.PostAsJsonAsync($"{app.Url}/api/auth/login",
            new { userName = TestApps.OrganiserUserName, password = TestApps.OrganiserPassword })).EnsureSuccessStatusCode();
        using var client = new ApiClient(app.Url!);
        await client.LoginOrganiserAsync(TestApps.OrganiserUserName, TestApps.OrganiserPassword);
        var branches = (await client.OverviewAsync()).Branches;
        if (branches.Count == 0)
        {
            await client.ImportOkAsync(Rosters.Xlsx(Rosters.Generate(Prefix, members: 2, branches: 1)), "roster.xlsx");
        }

        var branch = (await client.OverviewAsync()).Branch(Rosters.BranchName(Prefix, 0));
        return (await client.CodesAsync(branch.BranchId)).Codes[0].Code;
    }

    private static byte[] Unseal(byte[] sealedKey, TestCertificate certificate)
    {
        var envelope = new EnvelopedCms();
        envelope.Decode(sealedKey);
        envelope.Decrypt(new System.Security.Cryptography.X509Certificates.X509Certificate2Collection(certificate.Certificate));
        return envelope.ContentInfo.Content;
    }

    private void AssertNowhereInDataDirectory(byte[] key)
    {
        Assert.Equal(32, key.Length);
        var everything = AllBytes();
        Assert.False(Contains(everything, key), "The access key's bytes are in a file of the data directory");
        Assert.False(Contains(everything, Encoding.ASCII.GetBytes(Convert.ToBase64String(key))), "The access key's base64 is in a file of the data directory");
        Assert.False(Contains(everything, Encoding.ASCII.GetBytes(Convert.ToHexString(key))), "The access key's hex is in a file of the data directory");
    }

    /// <summary>
    /// Every file of the data directory (database, its WAL, key files), one after another; not the running app's
    /// <c>engagement.lock</c>, which it holds exclusively and which says only which process holds it.
    /// </summary>
    private byte[] AllBytes() => Files().SelectMany(f => ReadShared(f)).ToArray();

    private IEnumerable<string> Files() =>
        Directory.EnumerateFiles(DataDirectory, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "engagement.lock");

    /// <summary>
    /// What the data directory holds. SQLite's shared-memory index and an empty write-ahead log are left out: opening
    /// the database (the schema check at start) creates them without changing any data; the lock file names the last process.
    /// </summary>
    private Dictionary<string, string> Snapshot() =>
        Files()
            .Where(f => !f.EndsWith("-shm", StringComparison.Ordinal) && !(f.EndsWith("-wal", StringComparison.Ordinal) && new FileInfo(f).Length == 0))
            .ToDictionary(f => Path.GetRelativePath(DataDirectory, f), f => Convert.ToHexString(SHA256.HashData(ReadShared(f))));

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    public void Dispose()
    {
        _certificate.Dispose();
        _temp.Dispose();
    }
}
