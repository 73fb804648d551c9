using System;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Timeout;

namespace PostPress;

/// <summary>
/// Bounds one attempt, body included, by <see cref="PostPressClientOptions.AttemptTimeout"/> (Polly's timeout
/// strategy on the client's <see cref="TimeProvider"/>); an attempt that runs out throws
/// <see cref="TimeoutRejectedException"/>, which the retry rules see.
/// </summary>
internal sealed class AttemptTimeoutPolicy : PipelinePolicy
{
    private readonly ResiliencePipeline _timeout;

    public AttemptTimeoutPolicy(TimeSpan attemptTimeout, TimeProvider timeProvider)
    {
        _timeout = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddTimeout(new TimeoutStrategyOptions { Timeout = attemptTimeout })
            .Build();
    }

    public override ValueTask ProcessAsync(PipelineMessage message, PipelineNext next) =>
        _timeout.ExecuteAsync(
            static (state, token) =>
            {
                state.Message.CancellationToken = token;
                return state.Next.ProcessAsync(state.Message);
            },
            (Message: message, Next: next),
            message.CancellationToken);
}
