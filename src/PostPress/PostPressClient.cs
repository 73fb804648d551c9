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
public class PostPressClient : IPostPressClient, IDisposable
{
    private readonly HttpClient? _pipelineClient;
    private readonly HttpClient? _ownedTransport;
    private readonly Func<HttpClient>? _transport;
    private readonly UsersResource? _users;
    private readonly AccountsResource? _accounts;
    private readonly LinkedInResource? _linkedIn;
    private bool _disposed;

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
    /// client. When <see langword="null"/>, the client creates and owns its own. The SDK applies its own retries and
    /// timeouts; the given client's <see cref="HttpClient.Timeout"/> should be large enough (or infinite) not to cut
    /// them short.
    /// </param>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public PostPressClient(PostPressClientOptions options, HttpClient? httpClient = null)
        : this(options, httpClient is null ? null : () => httpClient, ownedTransport: null)
    {
    }

    /// <summary>
    /// Creates a client that asks <paramref name="httpClientFactory"/> for the <see cref="HttpClient"/> of each
    /// request, as <c>IHttpClientFactory.CreateClient(name)</c> is meant to be used (handler rotation keeps working).
    /// </summary>
    /// <param name="options">The client settings. They are copied.</param>
    /// <param name="httpClientFactory">Returns the HTTP client to send a request through. Clients it returns are not disposed.</param>
    public PostPressClient(PostPressClientOptions options, Func<HttpClient> httpClientFactory)
        : this(options, httpClientFactory ?? throw new ArgumentNullException(nameof(httpClientFactory)), ownedTransport: null)
    {
    }

    /// <summary>Creates an uninitialized client for mocking frameworks. Calling a member not set up throws.</summary>
    protected PostPressClient()
    {
    }

    private PostPressClient(PostPressClientOptions options, Func<HttpClient>? transport, HttpClient? ownedTransport)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        Resolved = options.Resolve();
        if (transport is null)
        {
            _ownedTransport = ownedTransport ?? new HttpClient(CreateDefaultHandler(), disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            var owned = _ownedTransport;
            transport = () => owned;
        }

        _transport = transport;
        _pipelineClient = new HttpClient(new PostPressPipelineHandler(Resolved, new HttpClientTransport(transport)), disposeHandler: true)
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };

        var baseUrl = Resolved.Options.BaseUri.ToString();
        var generated = new PostPressGeneratedClient(baseUrl, _pipelineClient);
        _users = new UsersResource(this, generated);
        _accounts = new AccountsResource(this, generated);
        _linkedIn = new LinkedInResource(this, generated);
    }

    /// <summary>Profiles of the account owner and of other users, and an account's relations.</summary>
    public virtual IUsersResource Users => _users ?? throw NotInitialized();

    /// <summary>Accounts linked to the postpress workspace.</summary>
    public virtual IAccountsResource Accounts => _accounts ?? throw NotInitialized();

    /// <summary>LinkedIn-specific actions (Recruiter, Sales Navigator).</summary>
    public virtual ILinkedInResource LinkedIn => _linkedIn ?? throw NotInitialized();

    /// <summary>The validated options of this client.</summary>
    internal ResolvedOptions Resolved { get; } = null!;

    /// <summary>
    /// Returns a client that shares this client's connections but uses changed options, e.g. to call once without
    /// retries: <c>client.WithOptions(o =&gt; o.MaxRetries = 0).Accounts.GetAsync(id)</c>.
    /// </summary>
    /// <param name="configure">Changes a copy of this client's options.</param>
    /// <returns>A client over the same connections. Disposing it does not close them.</returns>
    public virtual IPostPressClient WithOptions(Action<PostPressClientOptions> configure)
    {
        if (configure is null)
        {
            throw new ArgumentNullException(nameof(configure));
        }

        ThrowIfDisposed();
        var copy = Resolved.Options.Clone();
        copy.ApiKey ??= Resolved.ApiKey;
        configure(copy);
        return new PostPressClient(copy, _transport, ownedTransport: null);
    }

    /// <summary>Releases the connections this client created. A caller-supplied <see cref="HttpClient"/> is left open.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources.</summary>
    /// <param name="disposing">Whether this is called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (disposing)
        {
            _pipelineClient?.Dispose();
            _ownedTransport?.Dispose();
        }
    }

    /// <summary>Describes the client without its API key.</summary>
    /// <returns>A description safe to log.</returns>
    public override string ToString() => "PostPressClient { " + (_pipelineClient is null ? "uninitialized" : Resolved.ToString()) + " }";

    internal void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(PostPressClient));
        }
    }

    /// <summary>
    /// Runs one generated operation under the overall timeout (<see cref="PostPressClientOptions.Timeout"/>, which
    /// covers every attempt, back-off wait and the reading of the response body) and turns whatever escapes it into
    /// the SDK's documented exceptions.
    /// </summary>
    internal async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        var scope = CallScope.Begin();
        var overall = Resolved.Options.Timeout;
        using var timeout = overall is { } t ? CreateTimeoutSource(t) : null;
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        scope.CancellationToken = linked?.Token ?? cancellationToken;
        try
        {
            return await call(scope.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && IsCancellationLike(ex))
        {
            // The caller's own cancellation, surfacing as a cancelled read or an aborted body stream.
            throw ex as OperationCanceledException ?? new OperationCanceledException("The call was cancelled.", ex, cancellationToken);
        }
        catch (Exception ex) when (timeout?.IsCancellationRequested == true && (IsCancellationLike(ex) || ex is PostPressTimeoutException || ex is PostPressConnectionException))
        {
            throw new PostPressTimeoutException("The call did not complete within the overall timeout (" + overall + ").", ex);
        }
        catch (PostPressException)
        {
            throw;
        }
        catch (PostPressGeneratedApiException ex)
        {
            throw Translate(ex, scope);
        }
        catch (JsonException ex)
        {
            throw new PostPressSerializationException("The response body is not valid for " + typeof(T).Name + ": " + ex.Message, scope.StatusCode, scope.BodyExcerpt(), ex);
        }
        catch (Exception ex) when (ex is HttpRequestException || ex is IOException || ex is ObjectDisposedException)
        {
            throw new PostPressConnectionException("The connection failed while reading the response: " + ex.Message, ex);
        }
        catch (OperationCanceledException ex)
        {
            throw new PostPressTimeoutException("The call was cancelled by the transport (timeout).", ex);
        }
    }

    private static bool IsCancellationLike(Exception ex) =>
        ex is OperationCanceledException || ex is IOException || ex is ObjectDisposedException || ex is HttpRequestException ||
        (ex is PostPressGeneratedApiException g && (g.InnerException is IOException || g.InnerException is ObjectDisposedException || g.InnerException is OperationCanceledException));

    private CancellationTokenSource CreateTimeoutSource(TimeSpan timeout)
    {
#if NET8_0_OR_GREATER
        return new CancellationTokenSource(timeout, Resolved.Options.TimeProvider);
#else
        return System.Threading.Tasks.TimeProviderTaskExtensions.CreateCancellationTokenSource(Resolved.Options.TimeProvider, timeout);
#endif
    }

    private static PostPressException Translate(PostPressGeneratedApiException ex, CallScope scope)
    {
        var status = ex.StatusCode;
        var excerpt = scope.Capture is not null ? scope.BodyExcerpt() : (ex.Response ?? string.Empty);
        if (ex.InnerException is JsonException json)
        {
            return new PostPressSerializationException(
                "The " + status + " response body could not be read as the documented type: " + json.Message + " Body starts: " + ErrorMapper.Excerpt(excerpt, 200),
                status,
                excerpt,
                json);
        }

        if (ex.InnerException is HttpRequestException || ex.InnerException is IOException)
        {
            return new PostPressConnectionException("The connection failed while reading the response: " + ex.InnerException.Message, ex.InnerException);
        }

        if (status >= 200 && status < 300)
        {
            return new PostPressSerializationException(
                "The " + status + " response is not what the API documents: " + ex.Message + (excerpt.Length > 0 ? " Body starts: " + ErrorMapper.Excerpt(excerpt, 200) : string.Empty),
                status,
                excerpt,
                ex);
        }

        var details = ErrorMapper.Parse(status, excerpt, new System.Collections.Generic.Dictionary<string, System.Collections.Generic.IReadOnlyList<string>>(), null);
        return ErrorMapper.Create(details);
    }

    private static HttpMessageHandler CreateDefaultHandler()
    {
#if NET5_0_OR_GREATER
        return new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.GZip | System.Net.DecompressionMethods.Deflate | System.Net.DecompressionMethods.Brotli,
        };
#else
        return new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.GZip | System.Net.DecompressionMethods.Deflate };
#endif
    }

    private static InvalidOperationException NotInitialized() =>
        new("This PostPressClient was created by the protected constructor for mocking; set up the member you call.");
}

/// <summary>The PostPress client, as an interface for mocking and dependency injection.</summary>
public interface IPostPressClient
{
    /// <summary>Profiles of the account owner and of other users, and an account's relations.</summary>
    IUsersResource Users { get; }

    /// <summary>Accounts linked to the postpress workspace.</summary>
    IAccountsResource Accounts { get; }

    /// <summary>LinkedIn-specific actions (Recruiter, Sales Navigator).</summary>
    ILinkedInResource LinkedIn { get; }

    /// <summary>Returns a client that shares the connections but uses changed options.</summary>
    /// <param name="configure">Changes a copy of the options.</param>
    /// <returns>The derived client.</returns>
    IPostPressClient WithOptions(Action<PostPressClientOptions> configure);
}
