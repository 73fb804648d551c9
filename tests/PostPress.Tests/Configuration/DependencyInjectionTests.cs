using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Configuration;

/// <summary><c>services.AddPostPress(...)</c> with options, configuration binding, IHttpClientFactory and app handlers.</summary>
public sealed class DependencyInjectionTests : IDisposable
{
    private const string AccountJson = "{\"object\":\"Account\",\"type\":\"TELEGRAM\",\"id\":\"acc_01\",\"name\":\"n\",\"created_at\":\"2026-04-12T09:14:21.000Z\",\"connection_params\":{\"im\":{\"user_id\":\"u1\",\"username\":\"tg\"}},\"groups\":[\"g1\"],\"sources\":[{\"id\":\"messaging\",\"status\":\"OK\"}]}";
    private readonly MockApi _api = new();

    public DependencyInjectionTests() => _api.Reply(_api.Get("/accounts/acc_01"), 200, AccountJson);

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Client_built_from_configuration_works_against_the_mock_and_runs_app_handlers()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PostPress:ApiKey"] = MockApi.ApiKey,
            ["PostPress:BaseUri"] = _api.BaseUri.ToString(),
            ["PostPress:MaxRetries"] = "0",
            ["PostPress:Timeout"] = "00:00:30",
        }).Build();
        var counter = new CountingHandler();
        var services = new ServiceCollection();
        services.AddPostPress(config).AddHttpMessageHandler(() => counter);
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IPostPressClient>();
        var account = await client.Accounts.GetAsync("acc_01");

        var telegram = Assert.IsType<TelegramAccount>(account);
        Assert.Equal("tg", telegram.ConnectionParams.Im.Username);
        Assert.Equal(1, counter.Calls);
        Assert.Same(client, provider.GetRequiredService<PostPressClient>());
        Assert.Equal(0, provider.GetRequiredService<PostPressClient>().Resolved.Options.MaxRetries);
    }

    [Fact]
    public async Task Api_key_can_come_from_the_environment_variable()
    {
        Environment.SetEnvironmentVariable(PostPressClientOptions.ApiKeyEnvironmentVariable, "pp_env_key_1");
        try
        {
            var services = new ServiceCollection();
            services.AddPostPress(o => o.BaseUri = _api.BaseUri);
            using var provider = services.BuildServiceProvider();

            await provider.GetRequiredService<IPostPressClient>().Accounts.GetAsync("acc_01");

            Assert.Equal("pp_env_key_1", _api.Requests.Single().RequestMessage.Headers!["X-API-KEY"].Single());
        }
        finally
        {
            Environment.SetEnvironmentVariable(PostPressClientOptions.ApiKeyEnvironmentVariable, null);
        }
    }

    [Fact]
    public void Missing_api_key_fails_with_a_clear_argument_exception()
    {
        Environment.SetEnvironmentVariable(PostPressClientOptions.ApiKeyEnvironmentVariable, null);
        var services = new ServiceCollection();
        services.AddPostPress();
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<IPostPressClient>());
        Assert.Contains("POSTPRESS_API_KEY", ex.Message);
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        public int Calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
