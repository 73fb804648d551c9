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

#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
#endif
    public override async ValueTask ProcessAsync(PipelineMessage message, PipelineNext next)
    {
        message.RawResponse = await _transport.SendAsync(message.Request!, message.CancellationToken).ConfigureAwait(false);
    }

#if NET8_0_OR_GREATER
    /// <summary>The synchronous twin: <see cref="System.Net.Http.HttpClient.Send(System.Net.Http.HttpRequestMessage, System.Threading.CancellationToken)"/>, real synchronous I/O.</summary>
    public override void Process(PipelineMessage message, PipelineNext next)
    {
        message.RawResponse = _transport.Send(message.Request!, message.CancellationToken);
    }
#endif
}
