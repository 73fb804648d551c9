using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace PostPress;

/// <summary>
/// One step of the per-call path (<see cref="PostPressPipelineBuilder"/> lists them in order). A policy does one thing
/// around the rest of the path: it may change the <see cref="PipelineMessage"/> before calling the next policy,
/// read what came back after it, or handle what it threw.
/// </summary>
internal abstract class PipelinePolicy
{
    /// <summary>Processes <paramref name="message"/>, calling <paramref name="next"/> for the rest of the path.</summary>
    public abstract ValueTask ProcessAsync(PipelineMessage message, PipelineNext next);

#if NET8_0_OR_GREATER
    /// <summary>
    /// The synchronous twin of <see cref="ProcessAsync"/> (the generated sync methods, net8.0+): the same concern on the
    /// calling thread, never waiting on a task; the logic both share lives in helpers of the policy, so they cannot drift.
    /// </summary>
    public abstract void Process(PipelineMessage message, PipelineNext next);
#endif

    /// <summary>The policy's name in diagnostics and tests.</summary>
    public override string ToString() => GetType().Name;
}

/// <summary>Completed results of <see cref="PipelinePolicy.ProcessAsync"/> for the policies' synchronous fast paths.</summary>
internal static class PipelineResult
{
    /// <summary>A completed, faulted result: a fast path reports its failure the way an async method does.</summary>
    public static ValueTask Faulted(Exception exception) => new(Task.FromException(exception));

    /// <summary>
    /// Checks that a <see cref="ValueTask"/> a fast path saw completed successfully did so; never waits and reads nothing
    /// (a successful <see cref="ValueTask"/> has no result). The SDK never reads a task's result without awaiting it: the
    /// fast paths that need a value (the transport's response, the buffered body) await it in their async store, which
    /// completes without a state machine box when the value is already there.
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="completed"/> has not completed successfully.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void End(ValueTask completed)
    {
        // Not consumed through its awaiter: a pooled source behind a successful ValueTask (a PoolingAsyncValueTaskMethodBuilder
        // box that had suspended) is then simply not reused, which is allowed; nothing is lost but the pooling of that box.
        if (!completed.IsCompletedSuccessfully)
        {
            throw NotCompleted();
        }
    }

    private static InvalidOperationException NotCompleted() =>
        new("A fast path read a task that has not completed successfully; it must be awaited instead.");
}

/// <summary>The rest of the path after a policy: an array of policies and the position of the next one.</summary>
internal readonly struct PipelineNext
{
    private readonly PipelinePolicy[] _policies;
    private readonly int _index;

    public PipelineNext(PipelinePolicy[] policies, int index)
    {
        _policies = policies;
        _index = index;
    }

    /// <summary>Runs the next policy (the last policy, the transport, never calls this).</summary>
    public ValueTask ProcessAsync(PipelineMessage message)
    {
        if (_index >= _policies.Length)
        {
            throw new InvalidOperationException("The last policy of the pipeline must be the transport, which ends the path.");
        }

        return _policies[_index].ProcessAsync(message, new PipelineNext(_policies, _index + 1));
    }

#if NET8_0_OR_GREATER
    /// <summary>Runs the next policy synchronously (<see cref="PipelinePolicy.Process"/>).</summary>
    public void Process(PipelineMessage message)
    {
        if (_index >= _policies.Length)
        {
            throw new InvalidOperationException("The last policy of the pipeline must be the transport, which ends the path.");
        }

        _policies[_index].Process(message, new PipelineNext(_policies, _index + 1));
    }
#endif
}
