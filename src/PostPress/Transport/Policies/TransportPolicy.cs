using System;
using System.Net.Http;
using System.Threading.Tasks;

namespace PostPress;

/// <summary>The end of the path: sends the attempt's request and stores the response (headers read, body not yet).</summary>
internal sealed class TransportPolicy : PipelinePolicy
{
    private readonly ClientTransport _transport;

    public TransportPolicy(ClientTransport transport)
    {
        _transport = transport;
    }

    /// <summary>Sends the request; the response is stored by an await (synchronous when the response is already there).</summary>
    public override ValueTask ProcessAsync(PipelineMessage message, PipelineNext next)
    {
        Task<HttpResponseMessage> sending;
        try
        {
            sending = _transport.SendAsync(message.Request!, message.CancellationToken);
        }
        catch (Exception ex)
        {
            return PipelineResult.Faulted(ex);
        }

        // Awaited even when already there (an in-memory handler): the await then completes at once, without a box.
        return StoreAsync(message, sending);
    }

#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
#endif
    private static async ValueTask StoreAsync(PipelineMessage message, Task<HttpResponseMessage> sending)
    {
        message.RawResponse = await sending.ConfigureAwait(false);
    }

#if NET8_0_OR_GREATER
    /// <summary>The synchronous twin: <see cref="System.Net.Http.HttpClient.Send(System.Net.Http.HttpRequestMessage, System.Threading.CancellationToken)"/>, real synchronous I/O.</summary>
    public override void Process(PipelineMessage message, PipelineNext next)
    {
        message.RawResponse = _transport.Send(message.Request!, message.CancellationToken);
    }
#endif
}
