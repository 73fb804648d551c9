using System;
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

    /// <summary>The policy's name in diagnostics and tests.</summary>
    public override string ToString() => GetType().Name;
}

/// <summary>Completed results of <see cref="PipelinePolicy.ProcessAsync"/> for the policies' synchronous fast paths.</summary>
internal static class PipelineResult
{
    /// <summary>A completed, faulted result: a fast path reports its failure the way an async method does.</summary>
    public static ValueTask Faulted(Exception exception) => new(Task.FromException(exception));
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
}
