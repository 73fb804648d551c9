using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;

namespace PostPress;

/// <summary>
/// The entry point of the PostPress SDK. Operations are grouped by resource: <see cref="Users"/>,
/// <see cref="Accounts"/> and <see cref="LinkedIn"/>.
/// </summary>
/// <example>
/// <code>
/// using var client = new PostPressClient("pp_live_...");
/// var me = await client.Users.GetMeAsync("acc_...");
/// switch (me)
/// {
///     case LinkedInOwnProfile linkedIn: Console.WriteLine(linkedIn.Headline); break;
///     case GmailOwnProfile gmail: Console.WriteLine(gmail.Email); break;
/// }
/// </code>
/// </example>
/// <remarks>
/// A client is thread-safe and meant to be reused for the lifetime of the application. All members are virtual
/// and every resource has an interface, so the client can be mocked.
/// </remarks>
public partial class PostPressClient : IPostPressClient, IDisposable
{
    private readonly ClientTransport? _transport;
    private readonly ClientLifetime? _lifetime;
    private readonly bool _ownsTransport;
    private readonly PostPressPipeline? _pipeline;

    /// <summary>Creates a client with an API key and every other option at its default.</summary>
    /// <param name="apiKey">The API key from the postpress dashboard.</param>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> is null, empty or not a valid header value.</exception>
    public PostPressClient(string apiKey)
        : this(new PostPressClientOptions(apiKey ?? throw new ArgumentNullException(nameof(apiKey))))
    {
    }

    /// <summary>Creates a client from options and, optionally, the <see cref="HttpClient"/> to send through.</summary>
    /// <param name="options">The client settings. They are copied: later changes do not affect this client.</param>
    /// <param name="httpClient">
    /// The HTTP client requests go through (for example one with your own handlers). It is not disposed by this
    /// client. When <see langword="null"/>, the client creates and owns its own, which never follows redirects. The
    /// SDK applies its own retries and timeouts; the given client's <see cref="HttpClient.Timeout"/> should be large
    /// enough (or infinite) not to cut them short. Its primary handler should not follow redirects
    /// (<c>AllowAutoRedirect = false</c>): .NET re-sends custom headers such as <c>X-API-KEY</c> to the redirect
    /// target. The SDK refuses every 3xx it sees and throws <see cref="PostPressRedirectException"/> if the given
    /// client followed one to another origin, but by then the key has been sent.
    /// </param>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public PostPressClient(PostPressClientOptions options, HttpClient? httpClient = null)
        : this(options, httpClient is null ? null : ClientTransport.FromFactory(() => httpClient), null)
    {
    }

    /// <summary>
    /// Creates a client that asks <paramref name="httpClientFactory"/> for the <see cref="HttpClient"/> of each
    /// request, as <c>IHttpClientFactory.CreateClient(name)</c> is meant to be used (handler rotation keeps working).
    /// </summary>
    /// <param name="options">The client settings. They are copied.</param>
    /// <param name="httpClientFactory">
    /// Returns the HTTP client to send a request through. Clients it returns are not disposed. Returning
    /// <see langword="null"/> fails the call with an <see cref="ArgumentException"/> before anything is sent.
    /// </param>
    public PostPressClient(PostPressClientOptions options, Func<HttpClient> httpClientFactory)
        : this(options, ClientTransport.FromFactory(httpClientFactory ?? throw new ArgumentNullException(nameof(httpClientFactory))), null)
    {
    }

    /// <summary>Creates an uninitialized client for mocking frameworks. Calling a member not set up throws.</summary>
    protected PostPressClient()
    {
    }

    private PostPressClient(PostPressClientOptions options, ClientTransport? transport, ClientLifetime? parentLifetime)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        Resolved = options.Resolve();
        if (transport is null)
        {
            transport = ClientTransport.Owned(PrimaryHttpHandler.Create(pooledConnectionLifetime: TimeSpan.FromMinutes(5)));
            _ownsTransport = true;
        }

        _transport = transport;
        _lifetime = new ClientLifetime(parentLifetime);
        _pipeline = new PostPressPipeline(Resolved, transport, _lifetime);
        InitializeResources(_pipeline);
    }

    /// <summary>The validated options of this client.</summary>
    internal ResolvedOptions Resolved { get; } = null!;

    /// <summary>The per-call pipeline the generated operations send through.</summary>
    internal PostPressPipeline Pipeline => _pipeline ?? throw NotInitialized();

    /// <summary>
    /// Returns a client that shares this client's connections but uses changed options, e.g. to call once without
    /// retries: <c>client.WithOptions(o =&gt; o.MaxRetries = 0).Accounts.GetAsync(id)</c>.
    /// </summary>
    /// <param name="configure">Changes a copy of this client's options.</param>
    /// <returns>
    /// A client over the same connections. Disposing it does not close them; disposing this client ends it too
    /// (its later calls throw <see cref="ObjectDisposedException"/>).
    /// </returns>
    public virtual IPostPressClient WithOptions(Action<PostPressClientOptions> configure)
    {
        if (configure is null)
        {
            throw new ArgumentNullException(nameof(configure));
        }

        if (_lifetime is null)
        {
            throw NotInitialized();
        }

        _lifetime.ThrowIfDisposed();
        var copy = Resolved.Options.Clone();
        copy.ApiKey ??= Resolved.ApiKey;
        configure(copy);
        return new PostPressClient(copy, _transport, _lifetime);
    }

    /// <summary>
    /// Releases the connections this client created (a caller-supplied <see cref="HttpClient"/> is left open). Calls
    /// in flight end with an <see cref="OperationCanceledException"/>; later calls throw
    /// <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources.</summary>
    /// <param name="disposing">Whether this is called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing || _lifetime is null || _lifetime.IsDisposed && !_ownsTransport)
        {
            return;
        }

        _lifetime.Dispose();
        if (_ownsTransport)
        {
            _transport?.Dispose();
        }
    }

    /// <summary>Describes the client without its API key.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => "PostPressClient { " + (_pipeline is null ? "uninitialized" : Resolved.ToString()) + " }";

    private static InvalidOperationException NotInitialized() =>
        new("This PostPressClient was created by the protected constructor for mocking; set up the member you call.");
}

/// <summary>
/// The PostPress client, as an interface for mocking and dependency injection. Its resource groups
/// (<c>Users</c>, <c>Accounts</c>, <c>LinkedIn</c>, …: one per tag of the spec) are generated.
/// </summary>
public partial interface IPostPressClient
{
    /// <summary>Returns a client that shares the connections but uses changed options.</summary>
    /// <param name="configure">Changes a copy of the options.</param>
    /// <returns>The derived client.</returns>
    IPostPressClient WithOptions(Action<PostPressClientOptions> configure);
}
