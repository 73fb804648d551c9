using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace PostPress.Benchmarks.Infrastructure;

/// <summary>
/// An in-memory "server": answers every request with canned bytes picked by <c>route</c> (no sockets). A request body
/// is read to the end first, as a server would, so that clients with lazily serialized content pay for it.
/// </summary>
public sealed class CannedHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, byte[]> _route;

    public CannedHandler(Func<HttpRequestMessage, byte[]> route) => _route = route;

    /// <summary>When set, receives every request body (validation only; null while benchmarking).</summary>
    public Action<HttpRequestMessage, byte[]>? OnRequestBody { get; set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        return request.Content is null ? Task.FromResult(Respond(request)) : ReadBodyThenRespondAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> ReadBodyThenRespondAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (OnRequestBody is { } observe)
        {
            observe(request, await request.Content!.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        }
        else
        {
            await request.Content!.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }

        return Respond(request);
    }

    private HttpResponseMessage Respond(HttpRequestMessage request)
    {
        var content = new ByteArrayContent(_route(request));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }
}
