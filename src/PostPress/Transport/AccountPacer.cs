using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PostPress;

/// <summary>
/// The per-account pacing state behind <see cref="PacingPolicy"/>: one <see cref="Lane"/> per (policy, account), on the
/// client's <see cref="TimeProvider"/>. A lane admits calls one at a time in arrival order (an async turnstile, never a
/// blocked thread, for the async methods; the synchronous methods (net8.0+) wait in the same turnstile on their own
/// thread, <c>Lane.Acquire</c>): the head waits until the account's window, spacing and pause allow a start,
/// records it and lets the next one in.
/// </summary>
/// <remarks>
/// Why not <c>System.Threading.RateLimiting</c>: its replenishing limiters keep time with <c>Stopwatch</c> and real
/// timers, and <c>PartitionedRateLimiter.Create</c> runs a real 100 ms heartbeat that calls <c>TryReplenish</c> on every
/// replenishing partition (so manual replenishment on a fake clock would still be refilled by the wall clock); its
/// sliding window counts per segment (an approximation of "N in any window"); and nothing in it expresses a minimum
/// spacing with jitter or a pause asked for by a 429 <c>Retry-After</c>. A lane keeps the start times of the last N calls
/// (exact: no window of <c>Window</c> ever holds more than N starts), a next-allowed time and a paused-until time, all
/// read from the <see cref="TimeProvider"/>, and waits with <c>Task.Delay</c> on it.
/// </remarks>
internal sealed class AccountPacer
{
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<LaneKey, Lane> _lanes = new();
    private readonly Random _random = new();

    public AccountPacer(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>The number of lanes (accounts times policies) seen so far.</summary>
    public int LaneCount => _lanes.Count;

    public Lane GetLane(PacingRule rule, string accountId)
    {
        var key = new LaneKey(rule, accountId);
        return _lanes.TryGetValue(key, out var lane) ? lane : _lanes.GetOrAdd(key, new Lane(rule, this));
    }

    internal TimeSpan Now => TimeSpan.FromTicks(Ticks(_time.GetTimestamp()));

    internal TimeProvider Time => _time;

    private long Ticks(long timestamp) => (long)(timestamp * ((double)TimeSpan.TicksPerSecond / _time.TimestampFrequency));

    private TimeSpan NextJitter(TimeSpan jitter)
    {
        if (jitter <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        double sample;
        lock (_random)
        {
            sample = _random.NextDouble();
        }

        return TimeSpan.FromTicks((long)(jitter.Ticks * sample));
    }

    private readonly struct LaneKey : IEquatable<LaneKey>
    {
        public LaneKey(PacingRule rule, string account)
        {
            Rule = rule;
            Account = account;
        }

        public PacingRule Rule { get; }

        public string Account { get; }

        public bool Equals(LaneKey other) => ReferenceEquals(Rule, other.Rule) && string.Equals(Account, other.Account, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is LaneKey other && Equals(other);

        public override int GetHashCode() => (Rule.GetHashCode() * 397) ^ StringComparer.Ordinal.GetHashCode(Account);
    }

    /// <summary>One account under one policy.</summary>
    internal sealed class Lane
    {
        private readonly PacingRule _rule;
        private readonly AccountPacer _pacer;
        private readonly SemaphoreSlim _turnstile = new(1, 1);
        private readonly SemaphoreSlim? _concurrency;
        private readonly Queue<TimeSpan>? _starts;
        private readonly object _gate = new();
        private TimeSpan _nextAllowed = TimeSpan.MinValue;
        private TimeSpan _pausedUntil = TimeSpan.MinValue;

        public Lane(PacingRule rule, AccountPacer pacer)
        {
            _rule = rule;
            _pacer = pacer;
            _concurrency = rule.MaxConcurrency is { } max ? new SemaphoreSlim(max, max) : null;
            // The queue grows with the starts actually recorded, never sized by the configured limit (int.MaxValue is valid).
            _starts = rule.PermitLimit is { } limit ? new Queue<TimeSpan>(Math.Min(limit, 16)) : null;
        }

        /// <summary>
        /// Waits (asynchronously, cancellable) until a call of this account may start and records the start. Returns
        /// the time waited; the caller must call <see cref="Release"/> once the attempt is over. <paramref name="beforeWait"/>
        /// runs once, before the first wait (it arms a deferred overall timer).
        /// </summary>
        public async ValueTask<TimeSpan> AcquireAsync(Action<PipelineMessage>? beforeWait, PipelineMessage message, CancellationToken cancellationToken)
        {
            var waited = TimeSpan.Zero;
            if (_concurrency is not null)
            {
                if (!_concurrency.Wait(0))
                {
                    beforeWait?.Invoke(message);
                    beforeWait = null;
                    var started = _pacer.Now;
                    await _concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
                    waited += _pacer.Now - started;
                }
            }

            try
            {
                if (!_turnstile.Wait(0))
                {
                    beforeWait?.Invoke(message);
                    beforeWait = null;
                    var started = _pacer.Now;
                    await _turnstile.WaitAsync(cancellationToken).ConfigureAwait(false);
                    waited += _pacer.Now - started;
                }

                try
                {
                    while (true)
                    {
                        if (TryStart(out var delay))
                        {
                            return waited;
                        }

                        beforeWait?.Invoke(message);
                        beforeWait = null;
#if NET8_0_OR_GREATER
                        await Task.Delay(delay, _pacer.Time, cancellationToken).ConfigureAwait(false);
#else
                        await TimeProviderTaskExtensions.Delay(_pacer.Time, delay, cancellationToken).ConfigureAwait(false);
#endif
                        waited += delay;
                    }
                }
                finally
                {
                    _turnstile.Release();
                }
            }
            catch
            {
                _concurrency?.Release();
                throw;
            }
        }

#if NET8_0_OR_GREATER
        /// <summary>
        /// The synchronous twin of <see cref="AcquireAsync"/>: the same turnstile, window, spacing and pause, waited on the
        /// calling thread (<see cref="SemaphoreSlim.Wait(CancellationToken)"/>, <see cref="SyncWait.Delay"/>), cancellable.
        /// </summary>
        public TimeSpan Acquire(Action<PipelineMessage>? beforeWait, PipelineMessage message, CancellationToken cancellationToken)
        {
            var waited = TimeSpan.Zero;
            if (_concurrency is not null)
            {
                if (!_concurrency.Wait(0))
                {
                    beforeWait?.Invoke(message);
                    beforeWait = null;
                    var started = _pacer.Now;
                    _concurrency.Wait(cancellationToken);
                    waited += _pacer.Now - started;
                }
            }

            try
            {
                if (!_turnstile.Wait(0))
                {
                    beforeWait?.Invoke(message);
                    beforeWait = null;
                    var started = _pacer.Now;
                    _turnstile.Wait(cancellationToken);
                    waited += _pacer.Now - started;
                }

                try
                {
                    while (true)
                    {
                        if (TryStart(out var delay))
                        {
                            return waited;
                        }

                        beforeWait?.Invoke(message);
                        beforeWait = null;
                        SyncWait.Delay(_pacer.Time, delay, cancellationToken);
                        waited += delay;
                    }
                }
                finally
                {
                    _turnstile.Release();
                }
            }
            catch
            {
                _concurrency?.Release();
                throw;
            }
        }
#endif

        /// <summary>
        /// Starts a call if the window, spacing and pause allow it now (recording the start), else says how long to wait
        /// (both paths).
        /// </summary>
        private bool TryStart(out TimeSpan delay)
        {
            lock (_gate)
            {
                var now = _pacer.Now;
                var earliest = Earliest();
                if (earliest <= now)
                {
                    Record(now);
                    delay = TimeSpan.Zero;
                    return true;
                }

                delay = earliest - now;
                return false;
            }
        }

        /// <summary>Ends an attempt admitted by <see cref="AcquireAsync"/> (frees its concurrency slot).</summary>
        public void Release() => _concurrency?.Release();

        /// <summary>Pauses the account: no call of it starts before <paramref name="pause"/> from now.</summary>
        public void Pause(TimeSpan pause)
        {
            lock (_gate)
            {
                var until = _pacer.Now + pause;
                if (until > _pausedUntil)
                {
                    _pausedUntil = until;
                }
            }
        }

        /// <summary>The start times of the last calls, oldest first (tests).</summary>
        internal TimeSpan[] Starts()
        {
            lock (_gate)
            {
                return _starts?.ToArray() ?? Array.Empty<TimeSpan>();
            }
        }

        private TimeSpan Earliest()
        {
            var earliest = _nextAllowed > _pausedUntil ? _nextAllowed : _pausedUntil;
            if (_starts is not null && _starts.Count == _rule.PermitLimit)
            {
                var windowEnd = _starts.Peek() + _rule.Window;
                if (windowEnd > earliest)
                {
                    earliest = windowEnd;
                }
            }

            return earliest;
        }

        private void Record(TimeSpan now)
        {
            if (_starts is not null)
            {
                if (_starts.Count == _rule.PermitLimit)
                {
                    _starts.Dequeue();
                }

                _starts.Enqueue(now);
            }

            if (_rule.MinSpacing > TimeSpan.Zero || _rule.Jitter > TimeSpan.Zero)
            {
                _nextAllowed = now + _rule.MinSpacing + _pacer.NextJitter(_rule.Jitter);
            }
        }
    }
}

/// <summary>A validated, immutable copy of a <see cref="PostPressPacingPolicy"/> (one per instance the options name).</summary>
internal sealed class PacingRule
{
    public PacingRule(PostPressPacingPolicy policy)
    {
        PermitLimit = policy.PermitLimit;
        Window = policy.Window;
        MinSpacing = policy.MinSpacing;
        Jitter = policy.Jitter;
        MaxConcurrency = policy.MaxConcurrency;
        PauseAfterRateLimit = policy.PauseAfterRateLimit;
    }

    public int? PermitLimit { get; }

    public TimeSpan Window { get; }

    public TimeSpan MinSpacing { get; }

    public TimeSpan Jitter { get; }

    public int? MaxConcurrency { get; }

    public TimeSpan? PauseAfterRateLimit { get; }
}
