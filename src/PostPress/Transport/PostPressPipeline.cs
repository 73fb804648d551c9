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

    public PostPressPipeline(ResolvedOptions resolved, ClientTransport transport, ClientLifetime lifetime)
    {
        _resolved = resolved;
        var options = resolved.Options;
        var logger = options.LoggerFactory?.CreateLogger("PostPress.Client") ?? NullLogger.Instance;
        var userAgent = "postpress-dotnet/" + UserAgentVersion + (string.IsNullOrEmpty(options.ApplicationId) ? string.Empty : " " + options.ApplicationId);
        _baseUrl = options.BaseUri.AbsoluteUri.TrimEnd('/');
        _policies = PostPressPipelineBuilder.Build(options, transport, lifetime, logger, userAgent);
        _pacing = options.Pacing is not null;
    }

    /// <summary>The policies of the per-call path, outermost first.</summary>
    internal PipelinePolicy[] Policies => _policies;

    /// <summary>The JSON serializer of the wire format (shared: Json.NET serializers are safe to reuse across threads once configured).</summary>
    internal static JsonSerializer Serializer { get; } = JsonSerializer.Create(PostPressJsonSerializerSettings.Create());

    /// <summary>The serializer of response bodies (<see cref="PostPressContractResolver.ForReading"/>); never used to write.</summary>
    internal static JsonSerializer ReadSerializer { get; } = JsonSerializer.Create(PostPressJsonSerializerSettings.CreateForReading());

    /// <summary>Sends a call and returns its deserialized 2xx body.</summary>
    public async Task<T> SendAsync<T>(OperationInfo operation, string pathAndQuery, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(operation, pathAndQuery, body, cancellationToken).ConfigureAwait(false);
        return ResponseDeserializer.Deserialize<T>(operation, response, _resolved.ApiKey);
    }

    /// <summary>Sends a call and returns its deserialized 2xx body with the status, headers and request id.</summary>
    public async Task<PostPressResponse<T>> SendWithResponseAsync<T>(OperationInfo operation, string pathAndQuery, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(operation, pathAndQuery, body, cancellationToken).ConfigureAwait(false);
        var value = ResponseDeserializer.Deserialize<T>(operation, response, _resolved.ApiKey);
        return new PostPressResponse<T>(value, response.StatusCode, response.Headers, response.ContentHeaders);
    }

    /// <summary>Sends a call whose 2xx response has no documented body.</summary>
    public async Task<PostPressResponse> SendNoContentAsync(OperationInfo operation, string pathAndQuery, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(operation, pathAndQuery, body, cancellationToken).ConfigureAwait(false);
        return new PostPressResponse(response.StatusCode, response.Headers, response.ContentHeaders);
    }

    private async Task<BufferedResponse> SendCoreAsync(OperationInfo operation, string pathAndQuery, object? body, CancellationToken cancellationToken)
    {
        using var message = new PipelineMessage(operation, new Uri(_baseUrl + pathAndQuery, UriKind.Absolute), body is null ? null : RequestBodySerializer.Serialize(body), _resolved.ApiKey, cancellationToken);
        if (_pacing && operation.AccountKey is not null)
        {
            message.AccountId = AccountKeyReader.Read(operation, pathAndQuery, message.Body);
        }
        await _policies[0].ProcessAsync(message, new PipelineNext(_policies, 1)).ConfigureAwait(false);
        return message.TakeResponse();
    }
}
