using System;
using System.IO;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json;
using PostPress.Serialization;

namespace PostPress;

/// <summary>
/// What the generated operations call: serializes the request body, runs the call through the policies of
/// <see cref="PostPressPipelineBuilder"/> (the per-call path, in order, in one place) and deserializes the 2xx body
/// from memory (never from the network).
/// </summary>
internal sealed class PostPressPipeline
{
    private static readonly string UserAgentVersion = typeof(PostPressPipeline).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private readonly ResolvedOptions _resolved;
    private readonly PipelinePolicy[] _policies;
    private readonly string _baseUrl;
    private readonly bool _pacing;
    private readonly SchemaDriftDetector? _drift;

    public PostPressPipeline(ResolvedOptions resolved, ClientTransport transport, ClientLifetime lifetime)
    {
        _resolved = resolved;
        var options = resolved.Options;
        var logger = options.LoggerFactory?.CreateLogger("PostPress.Client") ?? NullLogger.Instance;
        var userAgent = "postpress-dotnet/" + UserAgentVersion + (string.IsNullOrEmpty(options.ApplicationId) ? string.Empty : " " + options.ApplicationId);
        _baseUrl = options.BaseUri.AbsoluteUri.TrimEnd('/');
        _policies = PostPressPipelineBuilder.Build(options, transport, lifetime, logger, userAgent);
        _pacing = options.Pacing is not null;
        _drift = SchemaDriftDetector.Create(options.ResponseValidation, logger);
    }

    /// <summary>The policies of the per-call path, outermost first.</summary>
    internal PipelinePolicy[] Policies => _policies;

    /// <summary>Sends a call and returns its deserialized 2xx body.</summary>
    public async Task<T> SendAsync<T>(OperationInfo operation, string pathAndQuery, object? body, PostPressRequestOptions? requestOptions, CancellationToken cancellationToken)
    {
        // The call's own settings, all checked before anything is sent; null (no options) costs nothing more.
        var call = requestOptions?.Resolve(_resolved.Options);
        using var response = await SendCoreAsync(operation, pathAndQuery, body, call, cancellationToken).ConfigureAwait(false);
        return ResponseDeserializer.Deserialize<T>(operation, response, call?.ApiKey ?? _resolved.ApiKey, _drift);
    }

    /// <summary>Sends a call and returns its deserialized 2xx body with the status, headers and request id.</summary>
    public async Task<PostPressResponse<T>> SendWithResponseAsync<T>(OperationInfo operation, string pathAndQuery, object? body, PostPressRequestOptions? requestOptions, CancellationToken cancellationToken)
    {
        // The call's own settings, all checked before anything is sent; null (no options) costs nothing more.
        var call = requestOptions?.Resolve(_resolved.Options);
        using var response = await SendCoreAsync(operation, pathAndQuery, body, call, cancellationToken).ConfigureAwait(false);
        var value = ResponseDeserializer.Deserialize<T>(operation, response, call?.ApiKey ?? _resolved.ApiKey, _drift);
        return new PostPressResponse<T>(value, response.StatusCode, response.Headers, response.ContentHeaders);
    }

    /// <summary>Sends a call whose 2xx response has no documented body.</summary>
    public async Task<PostPressResponse> SendNoContentAsync(OperationInfo operation, string pathAndQuery, object? body, PostPressRequestOptions? requestOptions, CancellationToken cancellationToken)
    {
        // The call's own settings, all checked before anything is sent; null (no options) costs nothing more.
        var call = requestOptions?.Resolve(_resolved.Options);
        using var response = await SendCoreAsync(operation, pathAndQuery, body, call, cancellationToken).ConfigureAwait(false);
        return new PostPressResponse(response.StatusCode, response.Headers, response.ContentHeaders);
    }

    /// <summary>Sends a call with header parameters or a non-JSON body and returns its deserialized 2xx body.</summary>
    public async Task<T> SendAsync<T>(OperationInfo operation, OperationRequest request, PostPressRequestOptions? requestOptions, CancellationToken cancellationToken)
    {
        // The call's own settings, all checked before anything is sent; null (no options) costs nothing more.
        var call = requestOptions?.Resolve(_resolved.Options);
        using var response = await SendCoreAsync(operation, request, stream: false, call, cancellationToken).ConfigureAwait(false);
        return ResponseDeserializer.Deserialize<T>(operation, response, call?.ApiKey ?? _resolved.ApiKey, _drift);
    }

    /// <summary>Like <see cref="SendAsync{T}(OperationInfo, OperationRequest, PostPressRequestOptions, CancellationToken)"/>, with the status, headers and request id.</summary>
    public async Task<PostPressResponse<T>> SendWithResponseAsync<T>(OperationInfo operation, OperationRequest request, PostPressRequestOptions? requestOptions, CancellationToken cancellationToken)
    {
        // The call's own settings, all checked before anything is sent; null (no options) costs nothing more.
        var call = requestOptions?.Resolve(_resolved.Options);
        using var response = await SendCoreAsync(operation, request, stream: false, call, cancellationToken).ConfigureAwait(false);
        var value = ResponseDeserializer.Deserialize<T>(operation, response, call?.ApiKey ?? _resolved.ApiKey, _drift);
        return new PostPressResponse<T>(value, response.StatusCode, response.Headers, response.ContentHeaders);
    }

    /// <summary>Sends a call with header parameters or a non-JSON body whose 2xx response has no documented body.</summary>
    public async Task<PostPressResponse> SendNoContentAsync(OperationInfo operation, OperationRequest request, PostPressRequestOptions? requestOptions, CancellationToken cancellationToken)
    {
        // The call's own settings, all checked before anything is sent; null (no options) costs nothing more.
        var call = requestOptions?.Resolve(_resolved.Options);
        using var response = await SendCoreAsync(operation, request, stream: false, call, cancellationToken).ConfigureAwait(false);
        return new PostPressResponse(response.StatusCode, response.Headers, response.ContentHeaders);
    }

    /// <summary>
    /// Sends a download: retries and the attempt timeout apply until the 2xx headers arrive; the body is handed to the
    /// caller unread (<see cref="PostPressFileResponse"/>), never buffered, never retried mid-stream.
    /// </summary>
    public async Task<PostPressFileResponse> SendStreamAsync(OperationInfo operation, OperationRequest request, PostPressRequestOptions? requestOptions, CancellationToken cancellationToken)
    {
        // The call's own settings, all checked before anything is sent; null (no options) costs nothing more.
        var call = requestOptions?.Resolve(_resolved.Options);
        using var response = await SendCoreAsync(operation, request, stream: true, call, cancellationToken).ConfigureAwait(false);
        var raw = response.TakeUnread();
        try
        {
            var content = raw.Content;
            Stream body;
            if (content is null)
            {
                body = new MemoryStream(Array.Empty<byte>(), writable: false);
            }
            else
            {
#if NET5_0_OR_GREATER
                body = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
                body = await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
            }

            return new PostPressFileResponse(raw, body);
        }
        catch
        {
            raw.Dispose();
            throw;
        }
    }

    /// <summary>Runs the call through the policies (a <see cref="ValueTask{TResult}"/>: no task allocated when it completes synchronously).</summary>
#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
#endif
    private async ValueTask<BufferedResponse> SendCoreAsync(OperationInfo operation, OperationRequest request, bool stream, CallOptions? call, CancellationToken cancellationToken)
    {
        var uri = new Uri(_baseUrl + request.PathAndQuery, UriKind.Absolute);
        var json = request.JsonBody is null ? null : RequestBodySerializer.Serialize(request.JsonBody);
        using var message = new PipelineMessage(operation, uri, json, call?.ApiKey ?? _resolved.ApiKey, cancellationToken)
        {
            Content = request.Content,
            Headers = request.Headers,
            Accept = request.Accept ?? "application/json",
            StreamResponse = stream,
        };
        if (call is not null)
        {
            Apply(message, call);
        }

        await _policies[0].ProcessAsync(message, new PipelineNext(_policies, 1)).ConfigureAwait(false);
        return message.TakeResponse();
    }

    /// <summary>Runs the call through the policies (a <see cref="ValueTask{TResult}"/>: no task allocated when it completes synchronously).</summary>
#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
#endif
    private async ValueTask<BufferedResponse> SendCoreAsync(OperationInfo operation, string pathAndQuery, object? body, CallOptions? call, CancellationToken cancellationToken)
    {
        using var message = new PipelineMessage(operation, new Uri(_baseUrl + pathAndQuery, UriKind.Absolute), body is null ? null : RequestBodySerializer.Serialize(body), call?.ApiKey ?? _resolved.ApiKey, cancellationToken);
        if (call is not null)
        {
            Apply(message, call);
        }

        if (_pacing && operation.AccountKey is not null)
        {
            message.AccountId = AccountKeyReader.Read(operation, pathAndQuery, message.Body);
        }
        await _policies[0].ProcessAsync(message, new PipelineNext(_policies, 1)).ConfigureAwait(false);
        return message.TakeResponse();
    }

#if NET8_0_OR_GREATER
    // The synchronous twins (net8.0+; absent on netstandard2.0, whose HttpClient has no synchronous Send): the same
    // options resolution, the same message, the same policies through PipelinePolicy.Process, the same deserialization.

    /// <summary>The synchronous twin of <see cref="SendAsync{T}(OperationInfo, string, object, PostPressRequestOptions, CancellationToken)"/>.</summary>
    public T Send<T>(OperationInfo operation, string pathAndQuery, object? body, PostPressRequestOptions? requestOptions, CancellationToken cancellationToken)
    {
        var call = requestOptions?.Resolve(_resolved.Options);
        using var response = SendCore(operation, pathAndQuery, body, call, cancellationToken);
        return ResponseDeserializer.Deserialize<T>(operation, response, call?.ApiKey ?? _resolved.ApiKey, _drift);
    }

    /// <summary>The synchronous twin of <see cref="SendWithResponseAsync{T}(OperationInfo, string, object, PostPressRequestOptions, CancellationToken)"/>.</summary>
    public PostPressResponse<T> SendWithResponse<T>(OperationInfo operation, string pathAndQuery, object? body, PostPressRequestOptions? requestOptions, CancellationToken cancellationToken)
    {
        var call = requestOptions?.Resolve(_resolved.Options);
        using var response = SendCore(operation, pathAndQuery, body, call, cancellationToken);
        var value = ResponseDeserializer.Deserialize<T>(operation, response, call?.ApiKey ?? _resolved.ApiKey, _drift);
        return new PostPressResponse<T>(value, response.StatusCode, response.Headers, response.ContentHeaders);
    }

    /// <summary>The synchronous twin of <see cref="SendNoContentAsync(OperationInfo, string, object, PostPressRequestOptions, CancellationToken)"/>.</summary>
    public PostPressResponse SendNoContent(OperationInfo operation, string pathAndQuery, object? body, PostPressRequestOptions? requestOptions, CancellationToken cancellationToken)
    {
        var call = requestOptions?.Resolve(_resolved.Options);
        using var response = SendCore(operation, pathAndQuery, body, call, cancellationToken);
        return new PostPressResponse(response.StatusCode, response.Headers, response.ContentHeaders);
    }

    /// <summary>The synchronous twin of <see cref="SendAsync{T}(OperationInfo, OperationRequest, PostPressRequestOptions, CancellationToken)"/>.</summary>
    public T Send<T>(OperationInfo operation, OperationRequest request, PostPressRequestOptions? requestOptions, CancellationToken cancellationToken)
    {
        var call = requestOptions?.Resolve(_resolved.Options);
        using var response = SendCore(operation, request, stream: false, call, cancellationToken);
        return ResponseDeserializer.Deserialize<T>(operation, response, call?.ApiKey ?? _resolved.ApiKey, _drift);
    }

    /// <summary>The synchronous twin of <see cref="SendWithResponseAsync{T}(OperationInfo, OperationRequest, PostPressRequestOptions, CancellationToken)"/>.</summary>
    public PostPressResponse<T> SendWithResponse<T>(OperationInfo operation, OperationRequest request, PostPressRequestOptions? requestOptions, CancellationToken cancellationToken)
    {
        var call = requestOptions?.Resolve(_resolved.Options);
        using var response = SendCore(operation, request, stream: false, call, cancellationToken);
        var value = ResponseDeserializer.Deserialize<T>(operation, response, call?.ApiKey ?? _resolved.ApiKey, _drift);
        return new PostPressResponse<T>(value, response.StatusCode, response.Headers, response.ContentHeaders);
    }

    /// <summary>The synchronous twin of <see cref="SendNoContentAsync(OperationInfo, OperationRequest, PostPressRequestOptions, CancellationToken)"/>.</summary>
    public PostPressResponse SendNoContent(OperationInfo operation, OperationRequest request, PostPressRequestOptions? requestOptions, CancellationToken cancellationToken)
    {
        var call = requestOptions?.Resolve(_resolved.Options);
        using var response = SendCore(operation, request, stream: false, call, cancellationToken);
        return new PostPressResponse(response.StatusCode, response.Headers, response.ContentHeaders);
    }

    /// <summary>
    /// The synchronous twin of <see cref="SendStreamAsync"/>: retries and the attempt timeout until the 2xx headers
    /// arrive; the body is handed over unread (<see cref="System.Net.Http.HttpContent.ReadAsStream(CancellationToken)"/>), the caller
    /// reads it with <see cref="Stream.Read(byte[], int, int)"/> or <see cref="Stream.ReadAsync(byte[], int, int, CancellationToken)"/>.
    /// </summary>
    public PostPressFileResponse SendStream(OperationInfo operation, OperationRequest request, PostPressRequestOptions? requestOptions, CancellationToken cancellationToken)
    {
        var call = requestOptions?.Resolve(_resolved.Options);
        using var response = SendCore(operation, request, stream: true, call, cancellationToken);
        var raw = response.TakeUnread();
        try
        {
            var body = raw.Content is { } content
                ? content.ReadAsStream(cancellationToken)
                : new MemoryStream(Array.Empty<byte>(), writable: false);
            return new PostPressFileResponse(raw, body);
        }
        catch
        {
            raw.Dispose();
            throw;
        }
    }

    private BufferedResponse SendCore(OperationInfo operation, OperationRequest request, bool stream, CallOptions? call, CancellationToken cancellationToken)
    {
        var uri = new Uri(_baseUrl + request.PathAndQuery, UriKind.Absolute);
        var json = request.JsonBody is null ? null : RequestBodySerializer.Serialize(request.JsonBody);
        using var message = new PipelineMessage(operation, uri, json, call?.ApiKey ?? _resolved.ApiKey, cancellationToken)
        {
            Content = request.Content,
            Headers = request.Headers,
            Accept = request.Accept ?? "application/json",
            StreamResponse = stream,
        };
        if (call is not null)
        {
            Apply(message, call);
        }

        _policies[0].Process(message, new PipelineNext(_policies, 1));
        return message.TakeResponse();
    }

    private BufferedResponse SendCore(OperationInfo operation, string pathAndQuery, object? body, CallOptions? call, CancellationToken cancellationToken)
    {
        using var message = new PipelineMessage(operation, new Uri(_baseUrl + pathAndQuery, UriKind.Absolute), body is null ? null : RequestBodySerializer.Serialize(body), call?.ApiKey ?? _resolved.ApiKey, cancellationToken);
        if (call is not null)
        {
            Apply(message, call);
        }

        if (_pacing && operation.AccountKey is not null)
        {
            message.AccountId = AccountKeyReader.Read(operation, pathAndQuery, message.Body);
        }

        _policies[0].Process(message, new PipelineNext(_policies, 1));
        return message.TakeResponse();
    }
#endif

    /// <summary>Puts a call's own settings (validated by <see cref="PostPressRequestOptions.Resolve"/>) on its message.</summary>
    private static void Apply(PipelineMessage message, CallOptions call)
    {
        message.ExtraHeaders = call.Headers;
        message.Timeout = call.Timeout;
        message.AttemptTimeout = call.AttemptTimeout;
        message.MaxRetries = call.MaxRetries;
    }
}
