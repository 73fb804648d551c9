using System;
using System.Net;
using System.Net.Http;
using System.Reflection;
using Xunit;

namespace PostPress.Tests.Transport;

/// <summary>
/// Which build of PostPress these tests run against: tests/PostPress.Tests references the net8.0 build,
/// tests/PostPress.Tests.NetStandard (same sources, <c>POSTPRESS_NETSTANDARD_ASSET</c> defined) the netstandard2.0 one,
/// whose <c>#else</c> branches (here: <see cref="HttpClientHandler"/> instead of <see cref="SocketsHttpHandler"/>) the
/// whole suite then exercises.
/// </summary>
public sealed class PrimaryHttpHandlerTests
{
    [Fact]
    public void The_tests_run_against_the_intended_build_of_PostPress()
    {
        var framework = typeof(PostPressClient).Assembly.GetCustomAttribute<System.Runtime.Versioning.TargetFrameworkAttribute>()!.FrameworkName;
#if POSTPRESS_NETSTANDARD_ASSET
        Assert.Equal(".NETStandard,Version=v2.0", framework);
#else
        Assert.Equal(".NETCoreApp,Version=v8.0", framework);
#endif
    }

    [Fact]
    public void The_primary_handler_follows_no_redirect_and_decompresses()
    {
        using var handler = PrimaryHttpHandler.Create(TimeSpan.FromMinutes(5));
#if POSTPRESS_NETSTANDARD_ASSET
        var client = Assert.IsType<HttpClientHandler>(handler);
        Assert.False(client.AllowAutoRedirect);
        Assert.Equal(DecompressionMethods.GZip | DecompressionMethods.Deflate, client.AutomaticDecompression);
#else
        var sockets = Assert.IsType<SocketsHttpHandler>(handler);
        Assert.False(sockets.AllowAutoRedirect);
        Assert.Equal(DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli, sockets.AutomaticDecompression);
        Assert.Equal(TimeSpan.FromMinutes(5), sockets.PooledConnectionLifetime);
#endif
    }
}
