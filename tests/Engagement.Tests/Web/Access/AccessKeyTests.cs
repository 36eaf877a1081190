using Engagement.Silo.Hosting;
using Engagement.Web.Access;
using Microsoft.Extensions.Configuration;

namespace Engagement.Tests.Web.Access;

public sealed class AccessKeyTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "engagement-tests", Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    public void A_key_shorter_than_32_bytes_is_refused(int length)
    {
        Assert.Throws<Engagement.Silo.Hosting.StartupRefusal>(() => new AccessKey(new byte[length]));
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void A_key_of_32_bytes_or_more_is_accepted(int length)
    {
        Assert.Equal(length, new AccessKey(new byte[length]).Key.Length);
    }

    [Fact]
    public void Macs_depend_on_purpose_message_and_key()
    {
        var key = new AccessKey(Enumerable.Repeat((byte)7, 32).ToArray());

        Assert.Equal(key.Mac("member-code", "1|DY001|0"), key.Mac("member-code", "1|DY001|0"));
        Assert.NotEqual(key.Mac("member-code", "1|DY001|0"), key.Mac("judge-link", "1|DY001|0"));
        Assert.NotEqual(key.Mac("member-code", "1|DY001|0"), key.Mac("member-code", "1|DY001|1"));
        Assert.NotEqual(key.Mac("member-code", "1|DY001|0"), new AccessKey(new byte[32]).Mac("member-code", "1|DY001|0"));
    }

    [Fact]
    public void A_configured_key_is_used_as_given()
    {
        var bytes = Enumerable.Range(0, 32).Select(i => (byte)(i * 3)).ToArray();

        var key = AccessKey.Load(Config(Convert.ToBase64String(bytes)), new EngagementOptions { Mode = HostingMode.Cluster }, _dataDirectory);

        Assert.Equal(bytes, key.Key);
        Assert.False(Directory.Exists(_dataDirectory));
    }

    [Fact]
    public void A_configured_key_that_is_too_short_is_refused()
    {
        Assert.Throws<Engagement.Silo.Hosting.StartupRefusal>(() =>
            AccessKey.Load(Config(Convert.ToBase64String(new byte[16])), new EngagementOptions(), _dataDirectory));
    }

    [Fact]
    public void A_cluster_without_a_configured_key_refuses_to_start()
    {
        Assert.Throws<Engagement.Silo.Hosting.StartupRefusal>(() =>
            AccessKey.Load(Config(null), new EngagementOptions { Mode = HostingMode.Cluster }, _dataDirectory));
    }

    [Fact]
    public void Embedded_mode_generates_a_key_once_and_then_keeps_it()
    {
        var first = AccessKey.Load(Config(null), new EngagementOptions(), _dataDirectory);
        var second = AccessKey.Load(Config(null), new EngagementOptions(), _dataDirectory);

        Assert.Equal(32, first.Key.Length);
        Assert.Equal(first.Key, second.Key);
        Assert.NotEqual(new byte[32], first.Key);
        var file = Path.Combine(_dataDirectory, "access.key");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static IConfiguration Config(string? key) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [AccessKey.ConfigKey] = key }).Build();
}
