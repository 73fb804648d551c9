using System;
using System.Collections.Generic;

namespace PostPress;

/// <summary>
/// Per-account pacing (<see cref="PostPressClientOptions.Pacing"/>): which <see cref="PostPressPacingPolicy"/> governs
/// an operation's calls, by operation id, by cost class (the operation's <c>x-postpress-cost</c>), by tag or by default.
/// Only operations that name their account (<c>x-postpress-account-key</c> in the spec: <c>account_id</c> in the query or
/// the body) are paced, each account on its own. The SDK ships no limits: every number here is yours.
/// </summary>
/// <remarks>
/// The first match wins: <see cref="Operations"/>, then <see cref="CostClasses"/>, then <see cref="Tags"/>, then
/// <see cref="Default"/>. Operations given the same <see cref="PostPressPacingPolicy"/> instance share its budget per
/// account; different instances (even with equal values) have separate budgets. Clients given the same
/// <see cref="PostPressPacingOptions"/> instance and <see cref="PostPressClientOptions.TimeProvider"/> (a client and its
/// <c>WithOptions</c> copies, the clients of one DI registration) share the accounts' budgets; the policies are read when
/// the first of them is created, and changing them afterwards affects none of them (give new clients a new instance).
/// </remarks>
public sealed class PostPressPacingOptions
{
    /// <summary>Policies by operation id (e.g. <c>getUserProfile</c>).</summary>
    public IDictionary<string, PostPressPacingPolicy> Operations { get; } = new Dictionary<string, PostPressPacingPolicy>(StringComparer.Ordinal);

    /// <summary>Policies by cost class: the <c>x-postpress-cost</c> value of an operation in the spec.</summary>
    public IDictionary<string, PostPressPacingPolicy> CostClasses { get; } = new Dictionary<string, PostPressPacingPolicy>(StringComparer.Ordinal);

    /// <summary>Policies by the operation's tag in the spec (e.g. <c>Users</c>, <c>LinkedIn</c>).</summary>
    public IDictionary<string, PostPressPacingPolicy> Tags { get; } = new Dictionary<string, PostPressPacingPolicy>(StringComparer.Ordinal);

    /// <summary>The policy of an account-scoped operation no other entry names; <see langword="null"/> (default): not paced.</summary>
    public PostPressPacingPolicy? Default { get; set; }

    /// <summary>Checks every policy, throwing an <see cref="ArgumentException"/> naming the bad one.</summary>
    internal void Validate()
    {
        Check(Operations, nameof(Operations));
        Check(CostClasses, nameof(CostClasses));
        Check(Tags, nameof(Tags));
        Default?.Validate("Pacing.Default");
    }

    private static void Check(IDictionary<string, PostPressPacingPolicy> policies, string name)
    {
        foreach (var pair in policies)
        {
            if (pair.Value is null)
            {
                throw new ArgumentException("Pacing." + name + "[\"" + pair.Key + "\"] is null.", "Pacing");
            }

            pair.Value.Validate("Pacing." + name + "[\"" + pair.Key + "\"]");
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        "PostPressPacingOptions { Operations = " + Operations.Count + ", CostClasses = " + CostClasses.Count + ", Tags = " + Tags.Count +
        ", Default = " + (Default is null ? "none" : Default.ToString()) + " }";
}

/// <summary>
/// How the calls of one account are paced: at most <see cref="PermitLimit"/> calls started in any
/// <see cref="Window"/>, at least <see cref="MinSpacing"/> (plus a random 0-<see cref="Jitter"/>) between two starts, at
/// most <see cref="MaxConcurrency"/> in flight, and a pause after the API answers 429 for the account (its
/// <c>Retry-After</c>, else <see cref="PauseAfterRateLimit"/>). Every limit is optional; all numbers are yours (the API
/// reference documents none).
/// </summary>
public sealed class PostPressPacingPolicy
{
    /// <summary>At most this many calls of one account start in any <see cref="Window"/>; <see langword="null"/> (default): no count limit.</summary>
    public int? PermitLimit { get; set; }

    /// <summary>The sliding window <see cref="PermitLimit"/> counts in. Required (positive) when <see cref="PermitLimit"/> is set.</summary>
    public TimeSpan Window { get; set; }

    /// <summary>The least time between the starts of two calls of one account. Default zero.</summary>
    public TimeSpan MinSpacing { get; set; }

    /// <summary>A random extra delay, uniform in [0, <see cref="Jitter"/>), added to <see cref="MinSpacing"/> after each start. Default zero.</summary>
    public TimeSpan Jitter { get; set; }

    /// <summary>At most this many calls of one account in flight at once; <see langword="null"/> (default): no limit.</summary>
    public int? MaxConcurrency { get; set; }

    /// <summary>
    /// How long an account is paused after a 429 without a usable <c>Retry-After</c>; <see langword="null"/> (default):
    /// no pause beyond the retry back-off. A <c>Retry-After</c> always pauses the account for the time it asks.
    /// </summary>
    public TimeSpan? PauseAfterRateLimit { get; set; }

    /// <inheritdoc />
    public override string ToString() =>
        "PostPressPacingPolicy { PermitLimit = " + (PermitLimit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none") +
        ", Window = " + Window + ", MinSpacing = " + MinSpacing + ", Jitter = " + Jitter +
        ", MaxConcurrency = " + (MaxConcurrency?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none") + " }";

    internal void Validate(string name)
    {
        if (PermitLimit is { } limit)
        {
            if (limit < 1)
            {
                throw new ArgumentOutOfRangeException("Pacing", limit, name + ".PermitLimit must be at least 1.");
            }

            if (Window <= TimeSpan.Zero || Window > TimeSpan.FromDays(1))
            {
                throw new ArgumentOutOfRangeException("Pacing", Window, name + ".Window must be positive and at most one day when PermitLimit is set.");
            }
        }

        if (MinSpacing < TimeSpan.Zero || MinSpacing > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException("Pacing", MinSpacing, name + ".MinSpacing must be between zero and one day.");
        }

        if (Jitter < TimeSpan.Zero || Jitter > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException("Pacing", Jitter, name + ".Jitter must be between zero and one day.");
        }

        if (MaxConcurrency is < 1)
        {
            throw new ArgumentOutOfRangeException("Pacing", MaxConcurrency, name + ".MaxConcurrency must be at least 1.");
        }

        if (PauseAfterRateLimit is { } pause && (pause < TimeSpan.Zero || pause > TimeSpan.FromDays(1)))
        {
            throw new ArgumentOutOfRangeException("Pacing", pause, name + ".PauseAfterRateLimit must be between zero and one day.");
        }
    }
}
