using System;
using System.Buffers;
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

        PipelineResult.End(pending);
        ValueTask<BufferedResponse> reading;
        try
        {
            if (TakeRaw(message) is not { } raw)
            {
                return default;
            }

            reading = BufferedResponse.ReadCoreAsync(raw, _maxResponseSize, ArrayPool<byte>.Shared, message.CancellationToken);
        }
        catch (Exception ex)
        {
            return PipelineResult.Faulted(ex);
        }

        // Awaited even when the body is already in memory: the await then completes at once, without a box.
        return StoreAsync(message, reading);
    }

#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
#endif
    private static async ValueTask StoreAsync(PipelineMessage message, ValueTask<BufferedResponse> reading)
    {
        message.Response = await reading.ConfigureAwait(false);
    }

#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
#endif
    private async ValueTask BufferAsync(PipelineMessage message, ValueTask pending)
    {
        await pending.ConfigureAwait(false);
        if (TakeRaw(message) is { } raw)
        {
            message.Response = await BufferedResponse.ReadCoreAsync(raw, _maxResponseSize, ArrayPool<byte>.Shared, message.CancellationToken).ConfigureAwait(false);
        }
    }

#if NET8_0_OR_GREATER
    /// <summary>The synchronous twin: the same cap and buffers, the body read on the calling thread (<see cref="BufferedResponse.Read(System.Net.Http.HttpResponseMessage, long, System.Threading.CancellationToken)"/>).</summary>
    public override void Process(PipelineMessage message, PipelineNext next)
    {
        next.Process(message);
        if (TakeRaw(message) is { } raw)
        {
            message.Response = BufferedResponse.Read(raw, _maxResponseSize, message.CancellationToken);
        }
    }
#endif

    /// <summary>
    /// Takes the raw response off the message: a download's 2xx is handed over unread (and <see langword="null"/> is
    /// returned); anything else is returned to be read whole (both paths).
    /// </summary>
    private static System.Net.Http.HttpResponseMessage? TakeRaw(PipelineMessage message)
    {
        var raw = message.RawResponse!;
        message.RawResponse = null;
        var status = (int)raw.StatusCode;
        if (message.StreamResponse && status >= 200 && status < 300)
        {
            message.Response = BufferedResponse.Unread(raw);
            return null;
        }

        return raw;
    }
}
