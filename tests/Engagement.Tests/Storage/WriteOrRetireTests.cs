using Engagement.Access;
using Engagement.Ledger;
using Engagement.Screens;
using Engagement.Selection;
using Engagement.Storage;
using Engagement.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Engagement.Tests.Storage;

/// <summary>
/// One way to write state: when the store refuses a write, the grain's activation is retired, so the
/// change is not served as if stored and a retry does not apply it twice. Checked on the grains that
/// once wrote state directly (selection event, access grants, screen), and on the source tree: no
/// grain calls WriteStateAsync except through <see cref="StateWrites"/>.
/// </summary>
public sealed class WriteOrRetireTests : IClassFixture<WriteOrRetireTests.FlakyCluster>
{
    private readonly FlakyCluster _cluster;

    public WriteOrRetireTests(FlakyCluster cluster) => _cluster = cluster;

    [Fact]
    public async Task A_case_whose_write_failed_is_not_shown_and_its_retry_stores_it_once()
    {
        var summary = await _cluster.Grains.GetGrain<ISelectionEventsGrain>(0).Create("写失败的评选");
        var selection = _cluster.Grains.GetGrain<ISelectionEventGrain>(summary.EventId);
        var submission = new CaseSubmission("b1", "第一中学党支部", "红色家书诵读", "重温入党誓词。", null, []);

        FlakyStorage.FailNextWrites(1);
        await Assert.ThrowsAnyAsync<Exception>(() => selection.SubmitCase(submission));
        Assert.Empty((await selection.Get())!.Cases);

        await selection.SubmitCase(submission);
        Assert.Single((await selection.Get())!.Cases);
    }

    [Fact]
    public async Task A_grant_whose_write_failed_does_not_exist_afterwards()
    {
        var grants = _cluster.Grains.GetGrain<IAccessGrantsGrain>(0);
        var before = (await grants.List()).Count;

        FlakyStorage.FailNextWrites(1);
        await Assert.ThrowsAnyAsync<Exception>(() => grants.Create(new NewAccessGrant(GrantRole.Judge, "写失败的评委", null, null)));

        Assert.Equal(before, (await grants.List()).Count);
    }

    [Fact]
    public async Task A_screen_whose_write_failed_keeps_showing_what_was_stored()
    {
        var screen = _cluster.Grains.GetGrain<IScreenGrain>($"hall-{Guid.NewGuid():N}");
        var stored = await screen.Show(new ScreenContent("欢迎各位党员"));

        FlakyStorage.FailNextWrites(1);
        await Assert.ThrowsAnyAsync<Exception>(() => screen.Show(new ScreenContent("没有存下的标题")));

        var shown = await screen.Get();
        Assert.Equal((stored.Headline, stored.Revision), (shown.Headline, shown.Revision));
    }

    [Fact]
    public void No_grain_writes_its_state_except_through_write_or_retire()
    {
        var direct = SourceTree.CSharpFiles("src/Grains")
            .Where(f => !f.EndsWith("StateWrites.cs", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains(".WriteStateAsync(", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .ToList();
        Assert.Empty(direct);
    }

    /// <summary>Memory grain storage under the durable store's name that can be told to refuse writes.</summary>
    public sealed class FlakyStorage(IGrainStorage inner) : IGrainStorage
    {
        private static int _failures;

        public static void FailNextWrites(int count) => Interlocked.Exchange(ref _failures, count);

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            Interlocked.Decrement(ref _failures) >= 0
                ? Task.FromException(new IOException("the store refused the write (test)"))
                : inner.WriteStateAsync(stateName, grainId, grainState);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
    }

    public sealed class FlakyCluster : IAsyncLifetime
    {
        private InProcessTestCluster? _cluster;

        public IGrainFactory Grains => _cluster!.Client;

        public async Task InitializeAsync()
        {
            var builder = new InProcessTestClusterBuilder();
            builder.Options.InitialSilosCount = 1;
            builder.ConfigureSilo((_, silo) =>
            {
                silo.Services.AddGrainStorage(StorageNames.Durable, (services, name) => new FlakyStorage(MemoryGrainStorageFactory.Create(services, name)));
                silo.Services.AddSingleton<ILedger, MemoryLedger>();
            });
            _cluster = builder.Build();
            await _cluster.DeployAsync();
        }

        public async Task DisposeAsync()
        {
            if (_cluster is not null)
            {
                await _cluster.DisposeAsync();
            }
        }
    }
}
