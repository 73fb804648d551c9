using System;
using System.Net;
using System.Net.Http;

namespace PostPress;

/// <summary>
/// The HTTP handler PostPress sends through when it owns the connection: redirects never followed (the API key must not
/// reach another address; every 3xx becomes a <see cref="PostPressRedirectException"/>) and compressed responses
/// accepted. One definition for the client's own handler and the primary handler the dependency-injection package gives
/// <c>IHttpClientFactory</c> (this file is compiled into both assemblies, so neither exposes it).
/// </summary>
internal static class PrimaryHttpHandler
{
    /// <summary>Creates the handler.</summary>
    /// <param name="pooledConnectionLifetime">How long a pooled connection lives (DNS changes are seen after it); null
    /// when the owner recycles handlers itself (<c>IHttpClientFactory</c>).</param>
    /// <returns>A new handler.</returns>
    public static HttpMessageHandler Create(TimeSpan? pooledConnectionLifetime)
    {
#if NET5_0_OR_GREATER
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
        };
        if (pooledConnectionLifetime is { } lifetime)
        {
            handler.PooledConnectionLifetime = lifetime;
        }

        return handler;
#else
        _ = pooledConnectionLifetime;
        return new HttpClientHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        };
#endif
    }
}
