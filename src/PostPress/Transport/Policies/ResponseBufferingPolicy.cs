using System;
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

    /// <summary>When the response is there and its body already in memory (read synchronously), no state machine runs here.</summary>
    public override ValueTask ProcessAsync(PipelineMessage message, PipelineNext next)
    {
        var pending = next.ProcessAsync(message);
        if (!pending.IsCompletedSuccessfully)
        {
            return BufferAsync(message, pending);
        }

        pending.GetAwaiter().GetResult();
        ValueTask<BufferedResponse> reading;
        try
        {
            if (TakeUnread(message) is { } unread)
            {
                message.Response = unread;
                return default;
            }

            var raw = message.RawResponse!;
            message.RawResponse = null;
            reading = BufferedResponse.ReadCoreAsync(raw, _maxResponseSize, System.Buffers.ArrayPool<byte>.Shared, message.CancellationToken);
        }
        catch (Exception ex)
        {
            return PipelineResult.Faulted(ex);
        }

        if (reading.IsCompletedSuccessfully)
        {
            message.Response = reading.Result;
            return default;
        }

        return StoreAsync(message, reading);
    }

#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
#endif
    private static async ValueTask StoreAsync(PipelineMessage message, ValueTask<BufferedResponse> reading)
    {
        message.Response = await reading.ConfigureAwait(false);
    }

    /// <summary>A 2xx download's response, handed over unread (taken from the message); otherwise <see langword="null"/>.</summary>
    private static BufferedResponse? TakeUnread(PipelineMessage message)
    {
        var raw = message.RawResponse!;
        var status = (int)raw.StatusCode;
        if (message.StreamResponse && status >= 200 && status < 300)
        {
            message.RawResponse = null;
            return BufferedResponse.Unread(raw);
        }

        return null;
    }

#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
#endif
    private async ValueTask BufferAsync(PipelineMessage message, ValueTask pending)
    {
        await pending.ConfigureAwait(false);
        var raw = message.RawResponse!;
        message.RawResponse = null;
        var status = (int)raw.StatusCode;
        if (message.StreamResponse && status >= 200 && status < 300)
        {
            message.Response = BufferedResponse.Unread(raw);
            return;
        }

        message.Response = await BufferedResponse.ReadCoreAsync(raw, _maxResponseSize, System.Buffers.ArrayPool<byte>.Shared, message.CancellationToken).ConfigureAwait(false);
    }
}
