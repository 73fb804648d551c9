using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PostPress;

/// <summary>
/// Sends an attempt: through the SDK's own handler (no redirects followed) or through a caller-supplied
/// <see cref="HttpClient"/> (asked for on every request when it comes from a factory).
/// </summary>
internal sealed class ClientTransport : IDisposable
{
    private readonly HttpMessageInvoker? _owned;
    private readonly Func<HttpClient>? _factory;

    private ClientTransport(HttpMessageInvoker? owned, Func<HttpClient>? factory)
    {
        _owned = owned;
        _factory = factory;
    }

    public static ClientTransport Owned(HttpMessageHandler handler) => new(new HttpMessageInvoker(handler, disposeHandler: true), null);

    public static ClientTransport FromFactory(Func<HttpClient> factory) => new(null, factory);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_owned is not null)
        {
            return _owned.SendAsync(request, cancellationToken);
        }

        var client = _factory!() ?? throw new ArgumentException(
            "The HttpClient factory given to PostPressClient returned null.", "httpClientFactory");
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

#if NET8_0_OR_GREATER
    /// <summary>
    /// Sends an attempt synchronously (<see cref="HttpMessageInvoker.Send"/>): the SDK's own handler does real synchronous
    /// I/O over HTTP/1.1. A caller-supplied client whose handlers implement only <c>SendAsync</c> cannot: that is a
    /// <see cref="NotSupportedException"/> saying so.
    /// </summary>
    public HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            if (_owned is not null)
            {
                return _owned.Send(request, cancellationToken);
            }

            var client = _factory!() ?? throw new ArgumentException(
                "The HttpClient factory given to PostPressClient returned null.", "httpClientFactory");
            return client.Send(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (NotSupportedException ex)
        {
            throw new NotSupportedException(
                "The HTTP handler PostPressClient sends through cannot send synchronously (a handler in its chain implements only "
                + "SendAsync, or the request is HTTP/2): use the async methods with it.", ex);
        }
    }
#endif

    public void Dispose() => _owned?.Dispose();
}
