using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace PostPress.Benchmarks.Baselines;

/// <summary>
/// The operations of scenarios A-E, hand-written over <see cref="HttpClient"/> the way an application would:
/// URL built by hand, API key + Accept + User-Agent headers, a status check, the body read as a stream.
/// </summary>
public abstract class HandWrittenClient
{
    private readonly HttpClient _http;
    private readonly string _baseUrl;
    private readonly string _apiKey;

    protected HandWrittenClient(HttpClient http, Uri baseUrl, string apiKey)
    {
        _http = http;
        _baseUrl = baseUrl.ToString().TrimEnd('/');
        _apiKey = apiKey;
    }

    public Task<PlainProfile> GetProfileAsync(string identifier, string accountId, CancellationToken ct = default) =>
        GetAsync<PlainProfile>("/users/" + Uri.EscapeDataString(identifier) + "?account_id=" + Uri.EscapeDataString(accountId), ct);

    public Task<PlainAccount> GetAccountAsync(string id, CancellationToken ct = default) =>
        GetAsync<PlainAccount>("/accounts/" + Uri.EscapeDataString(id), ct);

    public Task<PlainRelationsPage> ListRelationsAsync(string accountId, int limit, string? cursor, CancellationToken ct = default) =>
        GetAsync<PlainRelationsPage>(
            "/users/relations?account_id=" + Uri.EscapeDataString(accountId) + "&limit=" + limit.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)),
            ct);

    public async Task<PlainActionResult> PerformUserActionAsync(string userId, PlainPipelineActionRequest body, CancellationToken ct = default)
    {
        using var request = NewRequest(HttpMethod.Post, "/linkedin/user/" + Uri.EscapeDataString(userId));
        request.Content = Serialize(body);
        return await SendAsync<PlainActionResult>(request, ct).ConfigureAwait(false);
    }

    protected abstract HttpContent Serialize(PlainPipelineActionRequest body);

    protected abstract Task<T> DeserializeAsync<T>(Stream stream, CancellationToken ct);

    private async Task<T> GetAsync<T>(string pathAndQuery, CancellationToken ct)
    {
        using var request = NewRequest(HttpMethod.Get, pathAndQuery);
        return await SendAsync<T>(request, ct).ConfigureAwait(false);
    }

    private HttpRequestMessage NewRequest(HttpMethod method, string pathAndQuery)
    {
        var request = new HttpRequestMessage(method, _baseUrl + pathAndQuery);
        request.Headers.TryAddWithoutValidation("X-API-KEY", _apiKey);
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", "handwritten/1.0");
        return request;
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException("HTTP " + (int)response.StatusCode, null, response.StatusCode);
        }

        using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        return await DeserializeAsync<T>(stream, ct).ConfigureAwait(false);
    }
}

/// <summary>Baseline 1: HttpClient + Newtonsoft.Json streaming (<see cref="JsonTextReader"/>) into the plain classes.</summary>
public sealed class NewtonsoftClient : HandWrittenClient
{
    private static readonly Newtonsoft.Json.JsonSerializer Serializer = Newtonsoft.Json.JsonSerializer.Create(new JsonSerializerSettings
    {
        ContractResolver = new DefaultContractResolver { NamingStrategy = new SnakeCaseNamingStrategy() },
        DateParseHandling = DateParseHandling.None,
        MetadataPropertyHandling = MetadataPropertyHandling.Ignore,
        NullValueHandling = NullValueHandling.Ignore,
    });

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    public NewtonsoftClient(HttpClient http, Uri baseUrl, string apiKey)
        : base(http, baseUrl, apiKey)
    {
    }

    protected override HttpContent Serialize(PlainPipelineActionRequest body)
    {
        var writer = new StringWriter(new StringBuilder(128), System.Globalization.CultureInfo.InvariantCulture);
        Serializer.Serialize(writer, body);
        return new StringContent(writer.ToString(), Encoding.UTF8, "application/json");
    }

    protected override Task<T> DeserializeAsync<T>(Stream stream, CancellationToken ct)
    {
        using var text = new StreamReader(stream, Encoding.UTF8);
        using var json = new JsonTextReader(text);
        return Task.FromResult(Serializer.Deserialize<T>(json) ?? throw new JsonSerializationException("null body"));
    }

    internal static MediaTypeHeaderValue JsonMediaType => Json;
}

/// <summary>Baseline 2: HttpClient + System.Text.Json with source-generated metadata (the practical floor).</summary>
public sealed class StjSourceGenClient : HandWrittenClient
{
    public StjSourceGenClient(HttpClient http, Uri baseUrl, string apiKey)
        : base(http, baseUrl, apiKey)
    {
    }

    protected override HttpContent Serialize(PlainPipelineActionRequest body)
    {
        var content = new ByteArrayContent(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body, PlainJsonContext.Default.PlainPipelineActionRequest));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    protected override async Task<T> DeserializeAsync<T>(Stream stream, CancellationToken ct)
    {
        var info = (JsonTypeInfo<T>)PlainJsonContext.Default.GetTypeInfo(typeof(T))!;
        return await System.Text.Json.JsonSerializer.DeserializeAsync(stream, info, ct).ConfigureAwait(false)
            ?? throw new System.Text.Json.JsonException("null body");
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PlainProfile))]
[JsonSerializable(typeof(PlainAccount))]
[JsonSerializable(typeof(PlainRelationsPage))]
[JsonSerializable(typeof(PlainPipelineActionRequest))]
[JsonSerializable(typeof(PlainActionResult))]
internal sealed partial class PlainJsonContext : JsonSerializerContext
{
}
