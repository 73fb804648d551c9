using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace PostPress;

/// <summary>
/// Paces each attempt per account (<see cref="PostPressClientOptions.Pacing"/>): before the attempt, waits until the
/// account's <see cref="PostPressPacingPolicy"/> lets a call start (<see cref="AccountPacer"/>); after it, a 429 pauses
/// that account only, for its <c>Retry-After</c>. It sits inside <see cref="RetryPolicy"/> (retries are paced too: the
/// provider counts every request) and outside <see cref="AttemptTimeoutPolicy"/> (a wait is not the attempt's time), so
/// its waits count against the overall <see cref="PostPressClientOptions.Timeout"/>. Only in the pipeline when pacing is
/// configured; a call without an account id, or of an operation no policy names, passes straight through. Clients built
/// with the same <see cref="PostPressPacingOptions"/> instance and clock (a client and its <c>WithOptions</c> copies,
/// the clients of one DI registration) share one instance (<see cref="For"/>), so an account's budget is one budget.
/// </summary>
internal sealed class PacingPolicy : PipelinePolicy
{
    /// <summary>The longest pause a <c>Retry-After</c> imposes on an account.</summary>
    internal static readonly TimeSpan MaxPause = TimeSpan.FromHours(1);

    private readonly AccountPacer _pacer;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, PacingRule> _byOperation;
    private readonly Dictionary<string, PacingRule> _byCost;
    private readonly Dictionary<string, PacingRule> _byTag;
    private readonly PacingRule? _default;
    private readonly ConcurrentDictionary<OperationInfo, PacingRule?> _resolved = new();
    private readonly Func<OperationInfo, PacingRule?> _resolve;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PostPressPacingOptions, PacingPolicy> Shared = new();

    /// <summary>
    /// The pacing of clients configured with <paramref name="options"/>: one instance per options instance and clock, so
    /// every such client shares the accounts' budgets. The policies are read when the first of them is built.
    /// </summary>
    public static PacingPolicy For(PostPressPacingOptions options, TimeProvider time)
    {
        lock (Shared)
        {
            if (Shared.TryGetValue(options, out var existing))
            {
                if (ReferenceEquals(existing._time, time))
                {
                    return existing;
                }

                return new PacingPolicy(options, time); // another clock: its own budgets
            }

            var created = new PacingPolicy(options, time);
            Shared.Add(options, created);
            return created;
        }
    }

    public PacingPolicy(PostPressPacingOptions options, TimeProvider time)
    {
        _time = time;
        _pacer = new AccountPacer(time);
        var rules = new Dictionary<PostPressPacingPolicy, PacingRule>();
        PacingRule Rule(PostPressPacingPolicy policy)
        {
            if (!rules.TryGetValue(policy, out var rule))
            {
                rules[policy] = rule = new PacingRule(policy);
            }

            return rule;
        }

        _byOperation = Copy(options.Operations, Rule);
        _byCost = Copy(options.CostClasses, Rule);
        _byTag = Copy(options.Tags, Rule);
        _default = options.Default is { } d ? Rule(d) : null;
        _resolve = Resolve;
    }

    /// <summary>The pacing state (tests).</summary>
    internal AccountPacer Pacer => _pacer;

    /// <summary>The rule that governs an operation, or <see langword="null"/>.</summary>
    internal PacingRule? RuleFor(OperationInfo operation) => _resolved.GetOrAdd(operation, _resolve);

    public override ValueTask ProcessAsync(PipelineMessage message, PipelineNext next) =>
        message.AccountId is { Length: > 0 } account && RuleFor(message.Operation) is { } rule
            ? PaceAsync(message, next, _pacer.GetLane(rule, account), rule)
            : next.ProcessAsync(message);

    private async ValueTask PaceAsync(PipelineMessage message, PipelineNext next, AccountPacer.Lane lane, PacingRule rule)
    {
        // A deferred overall timer (CallTimeoutPolicy) is armed before the first wait, so a wait counts against Timeout.
        var waited = await lane.AcquireAsync(message.RetryDecided, message, message.CancellationToken).ConfigureAwait(false);
        if (waited > TimeSpan.Zero)
        {
            Telemetry.RecordPacingWait(message.Operation, waited);
        }

        try
        {
            await next.ProcessAsync(message).ConfigureAwait(false);
        }
        finally
        {
            lane.Release();
        }

        AfterAttempt(message, lane, rule);
    }

#if NET8_0_OR_GREATER
    public override void Process(PipelineMessage message, PipelineNext next)
    {
        if (message.AccountId is not { Length: > 0 } account || RuleFor(message.Operation) is not { } rule)
        {
            next.Process(message);
            return;
        }

        var lane = _pacer.GetLane(rule, account);
        var waited = lane.Acquire(message.RetryDecided, message, message.CancellationToken);
        if (waited > TimeSpan.Zero)
        {
            Telemetry.RecordPacingWait(message.Operation, waited);
        }

        try
        {
            next.Process(message);
        }
        finally
        {
            lane.Release();
        }

        AfterAttempt(message, lane, rule);
    }
#endif

    /// <summary>A 429 pauses the account for its Retry-After (or the rule's pause) and is counted (both paths).</summary>
    private void AfterAttempt(PipelineMessage message, AccountPacer.Lane lane, PacingRule rule)
    {
        if (message.Response is { StatusCode: 429 } response)
        {
            var pause = RetryAfterParser.Parse(response.Headers, _time.GetUtcNow()) ?? rule.PauseAfterRateLimit;
            if (pause is { } p && p > TimeSpan.Zero)
            {
                // Server-sent: an absurd Retry-After pauses the account for an hour at most.
                lane.Pause(p > MaxPause ? MaxPause : p);
            }

            Telemetry.RecordThrottled(message.Operation);
        }
    }

    private PacingRule? Resolve(OperationInfo operation)
    {
        if (operation.AccountKey is null)
        {
            return null;
        }

        if (_byOperation.TryGetValue(operation.OperationId, out var rule))
        {
            return rule;
        }

        if (operation.CostClass is { } cost && _byCost.TryGetValue(cost, out rule))
        {
            return rule;
        }

        if (operation.Tag is { } tag && _byTag.TryGetValue(tag, out rule))
        {
            return rule;
        }

        return _default;
    }

    private static Dictionary<string, PacingRule> Copy(IDictionary<string, PostPressPacingPolicy> source, Func<PostPressPacingPolicy, PacingRule> rule)
    {
        var copy = new Dictionary<string, PacingRule>(StringComparer.Ordinal);
        foreach (var pair in source)
        {
            copy[pair.Key] = rule(pair.Value);
        }

        return copy;
    }
}
