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
}
