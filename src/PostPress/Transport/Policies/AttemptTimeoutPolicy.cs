using System;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Timeout;

namespace PostPress;

/// <summary>
/// Bounds one attempt, body included, by the call's own <see cref="PostPressRequestOptions.AttemptTimeout"/>
/// (<see cref="PipelineMessage.AttemptTimeout"/>) or else <see cref="PostPressClientOptions.AttemptTimeout"/> (Polly's
/// timeout strategy on the client's <see cref="TimeProvider"/>); an attempt that runs out throws
/// <see cref="TimeoutRejectedException"/>, which the retry rules see. Always in the pipeline; steps aside when neither
/// the call nor the client sets an attempt timeout.
/// </summary>
internal sealed class AttemptTimeoutPolicy : PipelinePolicy
{
    private static readonly ResiliencePropertyKey<TimeSpan> TimeoutKey = new("postpress.attemptTimeout");

    /// <summary>The client's attempt timeout, or <see langword="null"/> when it has none.</summary>
    private readonly ResiliencePipeline? _timeout;

    /// <summary>For calls with their own attempt timeout: the timeout is read from the context.</summary>
    private readonly ResiliencePipeline _perCall;

    public AttemptTimeoutPolicy(TimeSpan? attemptTimeout, TimeProvider timeProvider)
    {
        if (attemptTimeout is { } timeout)
        {
            _timeout = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
                .AddTimeout(new TimeoutStrategyOptions { Timeout = timeout })
                .Build();
        }

        _perCall = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddTimeout(new TimeoutStrategyOptions
            {
                TimeoutGenerator = static args => new ValueTask<TimeSpan>(args.Context.Properties.GetValue(TimeoutKey, System.Threading.Timeout.InfiniteTimeSpan)),
            })
            .Build();
    }

    /// <summary>Whether the client sets an attempt timeout (calls without their own are then bounded).</summary>
    internal bool HasClientTimeout => _timeout is not null;

    public override ValueTask ProcessAsync(PipelineMessage message, PipelineNext next)
    {
        if (message.AttemptTimeout is { } perCall)
        {
            return ProcessPerCallAsync(message, next, perCall);
        }

        if (_timeout is null)
        {
            return next.ProcessAsync(message);
        }

        return _timeout.ExecuteAsync(
            static (state, token) =>
            {
                state.Message.CancellationToken = token;
                return state.Next.ProcessAsync(state.Message);
            },
            (Message: message, Next: next),
            message.CancellationToken);
    }

    private async ValueTask ProcessPerCallAsync(PipelineMessage message, PipelineNext next, TimeSpan timeout)
    {
        var context = ResilienceContextPool.Shared.Get(message.CancellationToken);
        context.Properties.Set(TimeoutKey, timeout);
        try
        {
            await _perCall.ExecuteAsync(
                static (ctx, state) =>
                {
                    state.Message.CancellationToken = ctx.CancellationToken;
                    return state.Next.ProcessAsync(state.Message);
                },
                context,
                (Message: message, Next: next)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
