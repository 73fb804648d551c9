using System;
using System.Threading;

namespace PostPress;

/// <summary>
/// The per-thread reuse of a policy's <see cref="CancellationTokenSource"/> (<see cref="CallTimeoutPolicy"/> for the
/// call, <see cref="AttemptTimeoutPolicy"/> for each attempt): each policy keeps its own <see cref="ThreadStaticAttribute"/>
/// slot, passed here by reference, so a call's source and its attempt's are cached side by side. A source goes back to
/// its slot only when it can be reset (net6.0+: <c>TryReset</c> clears a pending <c>CancelAfter</c> and every
/// registration on the token; a cancelled source is not reused) and the slot is empty; otherwise it is disposed. Before
/// net6.0 there is no reset: every call rents a new source.
/// </summary>
internal static class CancellationSourceCache
{
    /// <summary>Cancels the <see cref="CancellationTokenSource"/> passed as state: the callback of a registration or a timer that links a token to a source.</summary>
    public static readonly Action<object?> Cancel = static s => ((CancellationTokenSource)s!).Cancel();

    /// <summary>The source cached in <paramref name="slot"/> (emptying it), or a new one.</summary>
    public static CancellationTokenSource Rent(ref CancellationTokenSource? slot)
    {
#if NET6_0_OR_GREATER
        var cached = slot;
        if (cached is not null)
        {
            slot = null;
            return cached;
        }
#endif
        return new CancellationTokenSource();
    }

    /// <summary>Puts <paramref name="source"/> back in <paramref name="slot"/> when it is empty and the source can be reset; disposes it otherwise.</summary>
    public static void Return(ref CancellationTokenSource? slot, CancellationTokenSource source)
    {
#if NET6_0_OR_GREATER
        if (slot is null && source.TryReset())
        {
            slot = source;
            return;
        }
#endif
        source.Dispose();
    }
}
