using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Requests;

/// <summary>
/// Inputs that used to slip through get a clear <see cref="ArgumentException"/> naming the parameter, and the server
/// (a real loopback socket that would answer 200) receives nothing.
/// </summary>
public sealed class InputGuardTests : IDisposable
{
    private readonly RawHttpServer _server = new((request, connection) => connection.Respond(200, Bodies.Account("acc_ok")));

    public void Dispose() => _server.Dispose();

    private PostPressClient Client() => new(RawOptions.For(_server));

    // The values are built in the test: xunit serializes theory data as UTF-8, which would turn a lone surrogate
    // into U+FFFD before the test sees it.
    private static readonly Dictionary<string, (string Parameter, string Value)> Surrogates = new()
    {
        ["lone high surrogate in a path id"] = ("id", "acc_\uD83Dx"),
        ["lone low surrogate in a path id"] = ("id", "\uDE00acc"),
        ["high surrogate at the end"] = ("id", "acc_\uD83D"),
        ["reversed pair"] = ("id", "acc_\uDE00\uD83D"),
        ["lone surrogate in a query parameter"] = ("accountId", "acc_\uD83D"),
        ["lone surrogate in a POST path id"] = ("userId", "AEM\uDC00"),
    };

    public static TheoryData<string> LoneSurrogates() => new(Surrogates.Keys);

    [Theory]
    [MemberData(nameof(LoneSurrogates))]
    public async Task A_lone_surrogate_is_rejected_naming_the_parameter(string name)
    {
        var (parameter, value) = Surrogates[name];
        Assert.Contains(value, c => char.IsSurrogate(c));
        using var client = Client();
        Func<Task> call = parameter switch
        {
            "id" => () => client.Accounts.GetAsync(value),
            "accountId" => () => client.Users.GetMeAsync(value),
            _ => () => client.LinkedIn.PerformUserActionAsync(value, LinkedInUserAction.SaveLead("acc_ok")),
        };

        var ex = await Assert.ThrowsAsync<ArgumentException>(call);

        Assert.True(parameter == ex.ParamName, name + ": " + ex.ParamName);
        Assert.Contains("surrogate", ex.Message);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_well_formed_surrogate_pair_is_sent()
    {
        using var client = Client();

        await client.Accounts.GetAsync("acc_\uD83D\uDE00");

        Assert.Equal("/api/v1/accounts/acc_%F0%9F%98%80", Assert.Single(_server.Requests).Target);
    }

    [Fact]
    public async Task A_ten_megabyte_id_is_rejected_naming_the_parameter()
    {
        using var client = Client();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.Accounts.GetAsync(new string('a', 10 * 1024 * 1024)));

        Assert.Equal("id", ex.ParamName);
        Assert.True(ex.Message.Length < 500, "the message does not echo the value");
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task An_HttpClient_factory_returning_null_is_an_ArgumentException_and_is_not_retried()
    {
        var asked = 0;
        using var client = new PostPressClient(RawOptions.For(_server, configure: o => o.MaxRetries = 2), () =>
        {
            Interlocked.Increment(ref asked);
            return null!;
        });

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.Accounts.GetAsync("acc_ok"));

        Assert.Equal("httpClientFactory", ex.ParamName);
        Assert.Contains("returned null", ex.Message);
        Assert.Equal(1, asked);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void A_null_HttpClient_factory_is_an_ArgumentNullException()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => new PostPressClient(RawOptions.For(_server), (Func<HttpClient>)null!));

        Assert.Equal("httpClientFactory", ex.ParamName);
    }

    [Fact]
    public void A_null_TimeProvider_is_an_ArgumentNullException()
    {
        var options = RawOptions.For(_server, configure: o => o.TimeProvider = null!);

        var ex = Assert.Throws<ArgumentNullException>(() => new PostPressClient(options));

        Assert.Equal(nameof(PostPressClientOptions.TimeProvider), ex.ParamName);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void An_AttemptTimeout_longer_than_the_Timeout_is_rejected()
    {
        var options = RawOptions.For(_server, configure: o =>
        {
            o.Timeout = TimeSpan.FromSeconds(5);
            o.AttemptTimeout = TimeSpan.FromSeconds(6);
        });

        var ex = Assert.Throws<ArgumentException>(() => new PostPressClient(options));

        Assert.Equal(nameof(PostPressClientOptions.AttemptTimeout), ex.ParamName);
        Assert.Contains("Timeout", ex.Message);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void An_AttemptTimeout_equal_to_the_Timeout_or_without_an_overall_Timeout_is_accepted()
    {
        using var equal = new PostPressClient(RawOptions.For(_server, configure: o => o.AttemptTimeout = o.Timeout));
        using var noOverall = new PostPressClient(RawOptions.For(_server, configure: o =>
        {
            o.Timeout = null;
            o.AttemptTimeout = TimeSpan.FromMinutes(30);
        }));

        Assert.Equal(equal.Resolved.Options.Timeout, equal.Resolved.Options.AttemptTimeout);
        Assert.Null(noOverall.Resolved.Options.Timeout);
    }

    [Fact]
    public void WithOptions_validates_the_changed_options_too()
    {
        using var client = Client();

        Assert.Throws<ArgumentNullException>(() => client.WithOptions(o => o.TimeProvider = null!));
        Assert.Throws<ArgumentException>(() => client.WithOptions(o => o.AttemptTimeout = o.Timeout + TimeSpan.FromSeconds(1)));
        var ex = Assert.Throws<ArgumentException>(() => client.WithOptions(o => o.BaseUri = new Uri("http://api.postpress.ai/api/v1")));
        Assert.Equal(nameof(PostPressClientOptions.BaseUri), ex.ParamName);
        Assert.Empty(_server.Requests);
    }
}
