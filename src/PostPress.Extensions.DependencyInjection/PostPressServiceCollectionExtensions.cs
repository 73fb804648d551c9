using System;
using System.Net.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PostPress;

/// <summary>Registers the PostPress client in a <see cref="IServiceCollection"/>.</summary>
public static class PostPressServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the client sends through (configure it with the returned builder).</summary>
    public const string HttpClientName = "PostPress";

    /// <summary>
    /// Registers <see cref="IPostPressClient"/> and <see cref="PostPressClient"/> as singletons sending through the
    /// named <see cref="HttpClient"/> <see cref="HttpClientName"/> of <c>IHttpClientFactory</c>. Options come from
    /// <paramref name="configure"/>, then any <c>IConfigureOptions&lt;PostPressClientOptions&gt;</c>; when no API key
    /// is set, the <c>POSTPRESS_API_KEY</c> environment variable is used. The application's
    /// <see cref="ILoggerFactory"/> is used unless the options set one.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets options, or <see langword="null"/>.</param>
    /// <returns>The builder of the named HTTP client, to add handlers: <c>.AddHttpMessageHandler&lt;MyHandler&gt;()</c>.</returns>
    public static IHttpClientBuilder AddPostPress(this IServiceCollection services, Action<PostPressClientOptions>? configure = null)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        var optionsBuilder = services.AddOptions<PostPressClientOptions>();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<PostPressClientOptions>>().Value.Clone();
            options.LoggerFactory ??= sp.GetService<ILoggerFactory>();
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            return new PostPressClient(options, () => factory.CreateClient(HttpClientName));
        });
        services.TryAddSingleton<IPostPressClient>(sp => sp.GetRequiredService<PostPressClient>());

        // The SDK runs its own retries and timeouts; the factory's 100 s default would cut them short. The primary
        // handler never follows redirects: .NET would re-send the X-API-KEY header to the redirect target.
        return services.AddHttpClient(HttpClientName)
            .ConfigureHttpClient(c => c.Timeout = System.Threading.Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(static () => PrimaryHttpHandler.Create(pooledConnectionLifetime: null));
    }

    /// <summary>
    /// Registers the client like <see cref="AddPostPress(IServiceCollection, Action{PostPressClientOptions})"/>,
    /// binding options from a configuration section (by default the <c>PostPress</c> section of the root, e.g.
    /// <c>"PostPress": { "ApiKey": "...", "BaseUri": "...", "MaxRetries": 3, "Timeout": "00:01:00" }</c>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration root, or the section itself.</param>
    /// <param name="sectionName">The section to bind, or <see langword="null"/> to bind <paramref name="configuration"/> itself.</param>
    /// <param name="configure">Applied after binding, or <see langword="null"/>.</param>
    /// <returns>The builder of the named HTTP client.</returns>
    public static IHttpClientBuilder AddPostPress(
        this IServiceCollection services,
        IConfiguration configuration,
        string? sectionName = PostPressClientOptions.DefaultConfigurationSectionName,
        Action<PostPressClientOptions>? configure = null)
    {
        if (configuration is null)
        {
            throw new ArgumentNullException(nameof(configuration));
        }

        var section = sectionName is null ? configuration : configuration.GetSection(sectionName);
        services.AddOptions<PostPressClientOptions>().Bind(section);
        return services.AddPostPress(configure);
    }
}
