using System;
using System.Threading.Tasks;

namespace PostPress;

/// <summary>
/// The one error path of API answers: a final non-2xx response (after retries) becomes the typed
/// <see cref="PostPressApiException"/> of its status (<see cref="ErrorMapper"/>), with headers, request id and body excerpt.
/// </summary>
internal sealed class ErrorMappingPolicy : PipelinePolicy
{
    private readonly TimeProvider _timeProvider;

    public ErrorMappingPolicy(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
    }

    /// <summary>When the rest of the path completed synchronously, a 2xx is checked without a state machine.</summary>
    public override ValueTask ProcessAsync(PipelineMessage message, PipelineNext next)
    {
        var pending = next.ProcessAsync(message);
        if (!pending.IsCompletedSuccessfully)
        {
            return MapAsync(message, pending);
        }

        PipelineResult.End(pending);
        return message.Response!.IsSuccess ? default : PipelineResult.Faulted(Map(message));
    }

#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
#endif
    private async ValueTask MapAsync(PipelineMessage message, ValueTask pending)
    {
        await pending.ConfigureAwait(false);
        if (!message.Response!.IsSuccess)
        {
            throw Map(message);
        }
    }

#if NET8_0_OR_GREATER
    public override void Process(PipelineMessage message, PipelineNext next)
    {
        next.Process(message);
        if (!message.Response!.IsSuccess)
        {
            throw Map(message);
        }
    }
#endif

    /// <summary>The exception of a non-2xx response, which it takes from the message (and disposes) (both paths).</summary>
    private Exception Map(PipelineMessage message)
    {
        var response = message.Response!;
        message.Response = null;
        using (response)
        {
            return ErrorMapper.Create(response, _timeProvider.GetUtcNow(), message.ApiKey);
        }
    }
}
