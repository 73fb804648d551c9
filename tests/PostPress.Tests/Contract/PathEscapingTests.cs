using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Contract;

/// <summary>Path parameters are escaped as one segment: no identifier can change the request path, query or fragment.</summary>
public sealed class PathEscapingTests : IDisposable
{
    private readonly MockApi _api = new();

    public void Dispose() => _api.Dispose();

    public static IEnumerable<object[]> Identifiers() => new[]
    {
        "a/b", "../accounts/x", "x?account_id=evil", "#frag", "100%", "%2F", "with space", "ünïcødé-名前", "a+b&c=d", "semi;colon",
    }.Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(Identifiers))]
    public async Task Identifier_stays_one_path_segment(string identifier)
    {
        var seen = new List<Uri>();
        using var http = new HttpClient(new Recorder(seen) { InnerHandler = new HttpClientHandler() });
        using var client = new PostPressClient(_api.Options(), http);

        await Assert.ThrowsAnyAsync<PostPressApiException>(() => client.Users.GetProfileAsync(identifier, "acc_1"));
        await Assert.ThrowsAnyAsync<PostPressApiException>(() => client.Accounts.GetAsync(identifier));
        await Assert.ThrowsAnyAsync<PostPressApiException>(() => client.LinkedIn.PerformUserActionAsync(identifier, LinkedInUserAction.SaveLead("acc_1")));

        var escaped = Uri.EscapeDataString(identifier);
        Assert.Equal(3, seen.Count);
        Assert.Equal("/api/v1/users/" + escaped, seen[0].AbsolutePath);
        Assert.Equal("?account_id=acc_1", seen[0].Query);
        Assert.Equal("/api/v1/accounts/" + escaped, seen[1].AbsolutePath);
        Assert.Equal("/api/v1/linkedin/user/" + escaped, seen[2].AbsolutePath);
        Assert.All(seen, u => Assert.Equal(string.Empty, u.Fragment));
        // The server saw the same three routes: nothing in the identifier moved the request elsewhere.
        var paths = _api.Requests.Select(r => r.RequestMessage.Path).ToList();
        Assert.Equal(3, paths.Count);
        Assert.StartsWith("/api/v1/users/", paths[0]);
        Assert.StartsWith("/api/v1/accounts/", paths[1]);
        Assert.StartsWith("/api/v1/linkedin/user/", paths[2]);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public async Task Dot_segments_are_rejected_before_sending(string identifier)
    {
        using var client = _api.Client();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.Accounts.GetAsync(identifier));

        Assert.Equal("id", ex.ParamName);
        Assert.Empty(_api.Requests);
    }

    private sealed class Recorder : DelegatingHandler
    {
        private readonly List<Uri> _seen;

        public Recorder(List<Uri> seen) => _seen = seen;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (_seen)
            {
                _seen.Add(request.RequestUri!);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
