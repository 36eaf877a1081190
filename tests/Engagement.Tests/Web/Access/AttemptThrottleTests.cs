using Engagement.Web.Access;

namespace Engagement.Tests.Web.Access;

public sealed class AttemptThrottleTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly FakeClock _clock = new();
    private readonly AttemptThrottle _throttle;

    public AttemptThrottleTests() => _throttle = new AttemptThrottle(3, Window, _clock);

    [Fact]
    public void Attempts_go_ahead_until_the_limit_of_failures_is_reached()
    {
        Assert.Null(_throttle.RetryAfter("code:0001"));
        _throttle.Failed("code:0001");
        _throttle.Failed("code:0001");
        Assert.Null(_throttle.RetryAfter("code:0001"));

        _throttle.Failed("code:0001");

        Assert.Equal(Window, _throttle.RetryAfter("code:0001"));
    }

    [Fact]
    public void The_wait_counts_down_from_the_first_failure_of_the_window()
    {
        _throttle.Failed("k");
        _clock.Advance(TimeSpan.FromSeconds(10));
        _throttle.Failed("k");
        _clock.Advance(TimeSpan.FromSeconds(10));
        _throttle.Failed("k");
        _clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(TimeSpan.FromSeconds(30), _throttle.RetryAfter("k"));
    }

    [Fact]
    public void Failing_while_blocked_does_not_extend_the_window()
    {
        FailTimes("k", 3);
        _clock.Advance(TimeSpan.FromSeconds(50));
        FailTimes("k", 5);
        _clock.Advance(TimeSpan.FromSeconds(9));

        Assert.Equal(TimeSpan.FromSeconds(1), _throttle.RetryAfter("k"));
    }

    [Fact]
    public void The_block_ends_exactly_when_the_window_does()
    {
        FailTimes("k", 3);

        _clock.Advance(Window - TimeSpan.FromTicks(1));
        Assert.Equal(TimeSpan.FromTicks(1), _throttle.RetryAfter("k"));
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.Null(_throttle.RetryAfter("k"));
    }

    [Fact]
    public void A_failure_after_the_window_starts_a_new_count()
    {
        FailTimes("k", 3);
        _clock.Advance(Window);

        FailTimes("k", 2);
        Assert.Null(_throttle.RetryAfter("k"));
        _throttle.Failed("k");

        Assert.Equal(Window, _throttle.RetryAfter("k"));
    }

    [Fact]
    public void Failures_on_one_key_do_not_block_another()
    {
        FailTimes("code:0001", 10);

        Assert.NotNull(_throttle.RetryAfter("code:0001"));
        Assert.Null(_throttle.RetryAfter("code:0002"));
        Assert.Null(_throttle.RetryAfter("login:admin"));
    }

    [Fact]
    public void Many_keys_are_counted_independently()
    {
        for (var i = 0; i < 1000; i++)
        {
            FailTimes($"code:{i}", i % 4);
        }

        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(i % 4 >= 3, _throttle.RetryAfter($"code:{i}") is not null);
        }
    }

    private void FailTimes(string key, int times)
    {
        for (var i = 0; i < times; i++)
        {
            _throttle.Failed(key);
        }
    }

    private sealed class FakeClock : TimeProvider
    {
        private DateTimeOffset _now = new(2024, 7, 1, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
