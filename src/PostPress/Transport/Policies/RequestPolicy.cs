using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;

namespace PostPress;

/// <summary>
/// Builds each attempt's request: method, URI, the headers every call carries (<c>X-API-KEY</c>, <c>Accept</c>,
/// <c>User-Agent</c>), the operation's header parameters, the caller's per-call headers
/// (<see cref="PostPressRequestOptions"/>) and the body (JSON bytes, or a fresh content per attempt from
/// <see cref="PipelineMessage.Content"/>), noting on the message once the body was written in full (for
/// <see cref="UnknownOutcomePolicy"/>); disposes it when the attempt is over (a caller's stream stays open).
/// </summary>
internal sealed class RequestPolicy : PipelinePolicy
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly string _userAgent;

    public RequestPolicy(string userAgent)
    {
        _userAgent = userAgent;
    }

    /// <summary>When the rest of the attempt completed synchronously, the request is released without a state machine.</summary>
    public override ValueTask ProcessAsync(PipelineMessage message, PipelineNext next)
    {
        HttpRequestMessage request;
        try
        {
            request = Create(message);
        }
        catch (Exception ex)
        {
            return PipelineResult.Faulted(ex);
        }

        ValueTask pending;
        try
        {
            pending = next.ProcessAsync(message);
        }
        catch (Exception ex)
        {
            pending = PipelineResult.Faulted(ex);
        }

        if (!pending.IsCompletedSuccessfully)
        {
            return SendAsync(message, request, pending);
        }

        PipelineResult.End(pending);
        End(message, request);
        return default;
    }

#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
#endif
    private static async ValueTask SendAsync(PipelineMessage message, HttpRequestMessage request, ValueTask pending)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch
        {
            message.Request = null;
            request.Dispose();
            throw;
        }

        End(message, request);
    }

#if NET8_0_OR_GREATER
    public override void Process(PipelineMessage message, PipelineNext next)
    {
        var request = Create(message);
        try
        {
            next.Process(message);
        }
        catch
        {
            message.Request = null;
            request.Dispose();
            throw;
        }

        End(message, request);
    }
#endif

    /// <summary>
    /// The attempt is over: the request is released; a request without a body was sent once a response came (both
    /// paths).
    /// </summary>
    private static void End(PipelineMessage message, HttpRequestMessage request)
    {
        message.Request = null;
        request.Dispose();
        if (message.Body is null && (message.Response is not null || message.RawResponse is not null))
        {
            message.RequestSent = true;
        }
    }

    /// <summary>Builds the attempt's request and puts it on the message (both paths).</summary>
    private HttpRequestMessage Create(PipelineMessage message)
    {
        var request = new HttpRequestMessage(message.Operation.Method, message.Uri);
        try
        {
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

            if (message.ExtraHeaders is { } extra)
            {
                // The caller's per-call headers (PostPressRequestOptions): names and values checked, reserved names refused.
                foreach (var header in extra)
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
                var content = new SentTrackingContent(body, message);
                content.Headers.ContentType = JsonContentType;
                request.Content = content;
            }
        }
        catch
        {
            request.Dispose();
            throw;
        }

        message.Request = request;
        message.RequestSent = false;
        message.RequestDispatched = true;
        return request;
    }

    /// <summary>The JSON body; notes on the message once the transport has written all of it.</summary>
    private sealed class SentTrackingContent : ByteArrayContent
    {
        private readonly PipelineMessage _message;

        public SentTrackingContent(byte[] body, PipelineMessage message)
            : base(body)
        {
            _message = message;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await base.SerializeToStreamAsync(stream, context).ConfigureAwait(false);
            _message.RequestSent = true;
        }

#if NET5_0_OR_GREATER
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, System.Threading.CancellationToken cancellationToken)
        {
            await base.SerializeToStreamAsync(stream, context, cancellationToken).ConfigureAwait(false);
            _message.RequestSent = true;
        }

        protected override void SerializeToStream(Stream stream, TransportContext? context, System.Threading.CancellationToken cancellationToken)
        {
            base.SerializeToStream(stream, context, cancellationToken);
            _message.RequestSent = true;
        }
#endif
    }
}
