using System.Threading;

namespace PostPress;

/// <summary>
/// A call's token source (<see cref="CallTimeoutPolicy"/>), linked to the client's lifetime when created, kept as the
/// thread's spare between calls of the same client; on net6.0+ with the attempt source paired with it
/// (<see cref="PipelineMessage.CallSpare"/>, used by <see cref="AttemptTimeoutPolicy"/>), linked to it once.
/// <para>
/// Between calls the source is reset (its timer and every registration on its token cleared) unless nothing can have
/// been left on it: no timer was armed on it during the call, and every attempt was bounded by an attempt timeout, so
/// the transport and any handler only ever saw the attempt's token. Then the only registration on it is the paired
/// attempt source's link, which is kept: a call registers nothing, neither on the lifetime's token nor on its own.
/// </para>
/// </summary>
internal sealed class CallSpare
{
    public CallSpare(CancellationToken lifetime)
    {
        Lifetime = lifetime;
        Source = CancellationTokenSource.CreateLinkedTokenSource(lifetime);
    }

    /// <summary>The client lifetime token <see cref="Source"/> is linked to.</summary>
    public CancellationToken Lifetime { get; }

    /// <summary>The call's source.</summary>
    public CancellationTokenSource Source { get; }

    /// <summary>A timer was armed on <see cref="Source"/> during this call (the overall timeout, at the start or lazily).</summary>
    public bool Armed { get; set; }

    /// <summary>Some attempt of this call was not bounded by an attempt timeout: the transport saw the call's token.</summary>
    public bool Exposed { get; set; }

    /// <summary>
    /// The overall timer of this call is deferred to its first retry (<see cref="CallTimeoutPolicy"/>): armed then with
    /// <see cref="LazyTimeout"/> less the time since <see cref="CallStarted"/>. Kept here, on the reused spare, rather
    /// than on every call's message.
    /// </summary>
    public bool LazyPending { get; set; }

    /// <summary>The overall timeout a deferred timer is armed with (less the time already spent).</summary>
    public System.TimeSpan LazyTimeout { get; set; }

    /// <summary>When the call started (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>), for a deferred timer.</summary>
    public long CallStarted { get; set; }

#if NET6_0_OR_GREATER
    /// <summary>The attempt source linked to <see cref="Source"/> for good, created by the first attempt that needs it.</summary>
    public AttemptDeadline? Attempt { get; set; }

    /// <summary>An attempt is using <see cref="Attempt"/> now.</summary>
    public bool AttemptInUse { get; set; }
#endif

    /// <summary>Releases the source and the paired attempt source.</summary>
    public void Dispose()
    {
#if NET6_0_OR_GREATER
        Attempt?.Retire();
        Attempt = null;
#endif
        Source.Dispose();
    }
}
