using System;
using System.Threading.Tasks;
using Xunit;

namespace PostPress.Testing.Tests;

/// <summary>One sandbox shared by the tests of a class; each test resets it first.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public PostPressSandbox Sandbox { get; private set; } = null!;

    public async Task InitializeAsync() => Sandbox = await PostPressSandbox.StartAsync(new PostPressSandboxOptions { Relations = 10_000 });

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();
}

internal static class Clients
{
    /// <summary>A client with fast retries (the sandbox's Retry-After is capped to a few ms).</summary>
    public static PostPressClient Fast(PostPressSandbox sandbox, int maxRetries = 2) => sandbox.CreateClient(o =>
    {
        o.MaxRetries = maxRetries;
        o.InitialRetryDelay = TimeSpan.FromMilliseconds(1);
        o.MaxRetryDelay = TimeSpan.FromMilliseconds(20);
    });
}
