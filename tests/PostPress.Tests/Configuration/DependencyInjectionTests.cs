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
/// <remarks>
/// Some tests set <c>POSTPRESS_API_KEY</c>, which is process-wide: the class runs in the non-parallel collection, and
/// each test restores the variable's previous value.
/// </remarks>
[Collection(NonParallelCollection.Name)]
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
        using (new ApiKeyVariable("pp_env_key_1"))
        {
            var services = new ServiceCollection();
            services.AddPostPress(o => o.BaseUri = _api.BaseUri);
            using var provider = services.BuildServiceProvider();

            await provider.GetRequiredService<IPostPressClient>().Accounts.GetAsync("acc_01");

            Assert.Equal("pp_env_key_1", _api.Requests.Single().RequestMessage.Headers!["X-API-KEY"].Single());
        }
    }

    [Fact]
    public void Missing_api_key_fails_with_a_clear_argument_exception()
    {
        using var variable = new ApiKeyVariable(null);
        var services = new ServiceCollection();
        services.AddPostPress();
        using var provider = services.BuildServiceProvider();

        Assert.Contains("ApiKey = (not set)", provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<PostPressClientOptions>>().Value.ToString(), StringComparison.Ordinal);
        var ex = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<IPostPressClient>());
        Assert.Contains("POSTPRESS_API_KEY", ex.Message);
    }

    [Fact]
    public void ToString_reports_a_key_from_the_environment_variable_as_set_without_showing_it()
    {
        const string Key = "pp_env_SECRET_4d2b8e";
        using var variable = new ApiKeyVariable(Key);
        var services = new ServiceCollection();
        services.AddPostPress(o => o.BaseUri = _api.BaseUri);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<PostPressClientOptions>>().Value;
        var client = provider.GetRequiredService<PostPressClient>();
        var texts = new[] { options.ToString(), client.ToString(), client.Resolved.ToString() };

        foreach (var text in texts)
        {
            Assert.Contains("ApiKey = (set, from POSTPRESS_API_KEY)", text, StringComparison.Ordinal);
            Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
            Assert.DoesNotContain("(not set)", text, StringComparison.Ordinal);
        }

        // The client keeps saying where its key came from after the variable changes (it resolved the key once).
        Environment.SetEnvironmentVariable(PostPressClientOptions.ApiKeyEnvironmentVariable, null);
        Assert.Contains("ApiKey = (set, from POSTPRESS_API_KEY)", client.ToString(), StringComparison.Ordinal);
        Assert.Contains("ApiKey = (not set)", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_reports_a_configured_key_as_set_even_when_the_variable_is_set_too()
    {
        using var variable = new ApiKeyVariable("pp_env_other");
        var services = new ServiceCollection();
        services.AddPostPress(o =>
        {
            o.ApiKey = MockApi.ApiKey;
            o.BaseUri = _api.BaseUri;
        });
        using var provider = services.BuildServiceProvider();

        var text = provider.GetRequiredService<PostPressClient>().ToString();

        Assert.Contains("ApiKey = (set)", text, StringComparison.Ordinal);
        Assert.DoesNotContain(MockApi.ApiKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("pp_env_other", text, StringComparison.Ordinal);
    }

    /// <summary>Sets POSTPRESS_API_KEY for the duration of a test and restores the value it had.</summary>
    private sealed class ApiKeyVariable : IDisposable
    {
        private readonly string? _previous = Environment.GetEnvironmentVariable(PostPressClientOptions.ApiKeyEnvironmentVariable);

        public ApiKeyVariable(string? value) => Environment.SetEnvironmentVariable(PostPressClientOptions.ApiKeyEnvironmentVariable, value);

        public void Dispose() => Environment.SetEnvironmentVariable(PostPressClientOptions.ApiKeyEnvironmentVariable, _previous);
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
