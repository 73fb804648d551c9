using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;

namespace PostPress;

/// <summary>
/// Builds each attempt's request: method, URI, the headers every call carries (<c>X-API-KEY</c>, <c>Accept</c>,
/// <c>User-Agent</c>), the operation's header parameters and the body (JSON bytes, or a fresh content per attempt from
/// <see cref="PipelineMessage.Content"/>); disposes it when the attempt is over (a caller's stream stays open).
/// </summary>
internal sealed class RequestPolicy : PipelinePolicy
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly string _userAgent;

    public RequestPolicy(string userAgent)
    {
        _userAgent = userAgent;
    }

#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
#endif
    public override async ValueTask ProcessAsync(PipelineMessage message, PipelineNext next)
    {
        using var request = new HttpRequestMessage(message.Operation.Method, message.Uri);
        var headers = request.Headers;
        headers.TryAddWithoutValidation("X-API-KEY", message.ApiKey);
        headers.TryAddWithoutValidation("Accept", message.Accept);
        headers.TryAddWithoutValidation("User-Agent", _userAgent);
        if (message.Headers is { } parameters)
        {
            // Names are the spec's (reserved ones refused at build time); values were checked by Validate.HeaderValue.
            foreach (var header in parameters)
            {
                headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        if (message.Content is { } other)
        {
            request.Content = other.CreateContent();
        }
        else if (message.Body is { } body)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = JsonContentType;
            request.Content = content;
        }

        message.Request = request;
        try
        {
            await next.ProcessAsync(message).ConfigureAwait(false);
        }
        finally
        {
            message.Request = null;
        }
    }
}
