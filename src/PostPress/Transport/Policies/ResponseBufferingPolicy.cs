using System.Threading.Tasks;

namespace PostPress;

/// <summary>
/// Reads the whole body into memory, asynchronously and inside the attempt (its timeout and retries), capped by
/// <see cref="PostPressClientOptions.MaxResponseSize"/>: a body that breaks off is an attempt failure the retry rules
/// see, and deserialization never waits on the network. When <see cref="PipelineMessage.StreamResponse"/> is set (a
/// download), a 2xx body is handed over unread instead (<see cref="BufferedResponse.Unread"/>): the headers were received
/// inside the attempt, the body is the caller's to read, outside the attempt timeout and never retried; a non-2xx body
/// is still read whole for the error mapping.
/// </summary>
internal sealed class ResponseBufferingPolicy : PipelinePolicy
{
    private readonly long _maxResponseSize;

    public ResponseBufferingPolicy(long maxResponseSize)
    {
        _maxResponseSize = maxResponseSize;
    }

#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
#endif
    public override async ValueTask ProcessAsync(PipelineMessage message, PipelineNext next)
    {
        await next.ProcessAsync(message).ConfigureAwait(false);
        var raw = message.RawResponse!;
        message.RawResponse = null;
        var status = (int)raw.StatusCode;
        if (message.StreamResponse && status >= 200 && status < 300)
        {
            message.Response = BufferedResponse.Unread(raw);
            return;
        }

        message.Response = await BufferedResponse.ReadAsync(raw, _maxResponseSize, message.CancellationToken).ConfigureAwait(false);
    }
}
