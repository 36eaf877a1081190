using Engagement.Contest;
using Engagement.Ledger;
using Engagement.Silo.Hosting;
using Engagement.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Engagement.Tests.Contest.Grains;

/// <summary>
/// A ledger write that fails: nothing of the batch is acknowledged, the activation retires, and the next one reloads
/// the truth — also when the write was stored after all and only its answer was lost (the retries then find their
/// answers and get the same receipts; nothing is counted twice).
/// </summary>
public sealed class ContestLedgerFailureTests(ContestLedgerFailureTests.FlakyLedgerCluster cluster) : IClassFixture<ContestLedgerFailureTests.FlakyLedgerCluster>
{
    private IGrainFactory Grains => cluster.Grains;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Answers_in_a_failed_batch_are_not_acknowledged_and_their_retries_count_once(bool storedAnyway)
    {
        var test = await TestContest.RunningAsync(Grains, seconds: 60);
        await test.OpenAsync(Grains, 1);
        var answers = Enumerable.Range(0, 20).Select(i => TestContest.Answer(i, 1, "B")).ToList();

        cluster.Ledger.FailNextAppends(1, storedAnyway);
        var failed = await Task.WhenAll(answers.Select(async a =>
        {
            try
            {
                await test.Grain(Grains).Answer(a);
                return false;
            }
            catch (TryAgainLater)
            {
                return true;
            }
        }));
        // At least the first batch failed (answers arriving after it may already reach the next activation).
        Assert.Contains(true, failed);

        // The phones retry: the next activation has reloaded the ledger.
        var receipts = await RetryAsync(() => Task.WhenAll(answers.Select(a => test.Grain(Grains).Answer(a))));
        Assert.Equal(20, receipts.Select(r => r.Receipt).Distinct().Count());
        var stream = await cluster.Ledger.ReadAsync(test.Stream);
        Assert.Null(LedgerEntry.FirstBroken(stream));
        Assert.Equal(20, stream.Count(e => e.Kind == "answer"));
        Assert.Equal(20, (await test.Grain(Grains).Get()).Answered);
    }

    [Fact]
    public async Task A_host_step_whose_write_failed_is_not_taken_and_can_be_sent_again()
    {
        var test = await TestContest.RunningAsync(Grains, seconds: 60);
        cluster.Ledger.FailNextAppends(1, storedAnyway: false);
        await Assert.ThrowsAsync<TryAgainLater>(() => test.Grain(Grains).Step(new HostStep(1, HallPhase.Shown)));

        var shown = await RetryAsync(() => test.Grain(Grains).Step(new HostStep(1, HallPhase.Shown)));

        Assert.Equal((1, HallPhase.Shown), (shown.Current, shown.Phase));
        Assert.Single(await cluster.Ledger.ReadAsync(test.Stream), e => e.Kind == "step");
    }

    /// <summary>A retiring activation may still answer "try again" once; a phone retries after a moment.</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (TryAgainLater) when (attempt < 20)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>The memory ledger, told to fail its next appends (before storing them, or after).</summary>
    public sealed class FlakyLedger : ILedger
    {
        private readonly MemoryLedger _inner = new();
        private int _failures;
        private bool _storedAnyway;

        public void FailNextAppends(int count, bool storedAnyway)
        {
            _storedAnyway = storedAnyway;
            Interlocked.Exchange(ref _failures, count);
        }

        public async Task AppendAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Decrement(ref _failures) < 0)
            {
                await _inner.AppendAsync(entries, cancellationToken);
                return;
            }

            if (_storedAnyway)
            {
                await _inner.AppendAsync(entries, cancellationToken);
            }

            throw new IOException("the ledger refused the batch (test)");
        }

        public Task<IReadOnlyList<LedgerEntry>> ReadAsync(string stream, CancellationToken cancellationToken = default) => _inner.ReadAsync(stream, cancellationToken);
    }

    public sealed class FlakyLedgerCluster : IAsyncLifetime
    {
        private InProcessTestCluster? _cluster;

        public FlakyLedger Ledger { get; } = new();

        public IGrainFactory Grains => _cluster!.Client;

        public async Task InitializeAsync()
        {
            var builder = new InProcessTestClusterBuilder();
            builder.Options.InitialSilosCount = 1;
            builder.ConfigureSilo((_, silo) =>
            {
                silo.AddMemoryGrainStorage(StorageNames.Durable);
                silo.UseInMemoryReminderService();
                silo.UseEngagementResponseTimeout();
                silo.Services.AddSingleton<ILedger>(Ledger);
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
