using System;
using System.Net.Http;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using PostPress.Benchmarks.Baselines;
using PostPress.Benchmarks.KiotaClient;

namespace PostPress.Benchmarks.Infrastructure;

/// <summary>The four clients under test, all over the same <see cref="HttpMessageHandler"/>.</summary>
public sealed class Clients : IDisposable
{
    public const string ApiKey = "pp_test_0123456789abcdef";
    public static readonly Uri InMemoryBaseUrl = new("https://api.test/api/v1");

    private readonly HttpClient _newtonsoftHttp;
    private readonly HttpClient _stjHttp;
    private readonly HttpClient _kiotaHttp;
    private readonly HttpClient _sdkHttp;

    public Clients(Func<HttpMessageHandler> handler, Uri baseUrl)
    {
        _newtonsoftHttp = new HttpClient(handler(), disposeHandler: true);
        _stjHttp = new HttpClient(handler(), disposeHandler: true);
        _kiotaHttp = new HttpClient(handler(), disposeHandler: true);
        _sdkHttp = new HttpClient(handler(), disposeHandler: true);

        Newtonsoft = new NewtonsoftClient(_newtonsoftHttp, baseUrl, ApiKey);
        Stj = new StjSourceGenClient(_stjHttp, baseUrl, ApiKey);

        var auth = new ApiKeyAuthenticationProvider(ApiKey, "X-API-KEY", ApiKeyAuthenticationProvider.KeyLocation.Header, baseUrl.Host);
        var adapter = new HttpClientRequestAdapter(auth, httpClient: _kiotaHttp) { BaseUrl = baseUrl.ToString().TrimEnd('/') };
        Kiota = new PostPressKiotaClient(adapter);

        // Public API only: the SDK's internals are being rebuilt; the constructor taking an HttpClient stays.
        Sdk = new PostPressClient(new PostPressClientOptions { ApiKey = ApiKey, BaseUri = baseUrl, MaxRetries = 2 }, _sdkHttp);
    }

    public NewtonsoftClient Newtonsoft { get; }

    public StjSourceGenClient Stj { get; }

    public PostPressKiotaClient Kiota { get; }

    public PostPressClient Sdk { get; }

    public void Dispose()
    {
        Sdk.Dispose();
        _newtonsoftHttp.Dispose();
        _stjHttp.Dispose();
        _kiotaHttp.Dispose();
        _sdkHttp.Dispose();
    }
}
