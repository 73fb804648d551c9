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

#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
#endif
    public override async ValueTask ProcessAsync(PipelineMessage message, PipelineNext next)
    {
        await next.ProcessAsync(message).ConfigureAwait(false);
        ThrowIfError(message);
    }

#if NET8_0_OR_GREATER
    public override void Process(PipelineMessage message, PipelineNext next)
    {
        next.Process(message);
        ThrowIfError(message);
    }
#endif

    /// <summary>A final non-2xx response becomes its typed exception (both paths).</summary>
    private void ThrowIfError(PipelineMessage message)
    {
        var response = message.Response!;
        if (!response.IsSuccess)
        {
            message.Response = null;
            using (response)
            {
                throw ErrorMapper.Create(response, _timeProvider.GetUtcNow(), message.ApiKey);
            }
        }
    }
}
