using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace PostPress.Tests.Transport.Policies;

public sealed class RequestPolicyTests
{
    [Fact]
    public async Task Builds_the_request_with_the_key_accept_user_agent_and_json_body_and_disposes_it_after_the_attempt()
    {
        HttpRequestMessage? seen = null;
        string? body = null;
        var end = new ScriptedEnd().Then(async m =>
        {
            seen = m.Request;
            body = await m.Request!.Content!.ReadAsStringAsync();
            m.Response = await PolicyHarness.BufferedAsync(200);
        });
        using var message = PolicyHarness.Message(PolicyHarness.Post, body: "{\"a\":1}"u8.ToArray());

        await PolicyHarness.RunAsync(message, new RequestPolicy("postpress-dotnet/1.2.3 app/4"), end);

        Assert.NotNull(seen);
        Assert.Equal(HttpMethod.Post, seen!.Method);
        Assert.Equal(message.Uri, seen.RequestUri);
        Assert.Equal(PolicyHarness.Key, seen.Headers.GetValues("X-API-KEY").Single());
        Assert.Equal("application/json", seen.Headers.Accept.Single().MediaType);
        Assert.Equal("postpress-dotnet/1.2.3 app/4", string.Join(" ", seen.Headers.GetValues("User-Agent")));
        Assert.Equal("application/json; charset=utf-8", seen.Content!.Headers.ContentType!.ToString());
        Assert.Equal("{\"a\":1}", body);
        Assert.Null(message.Request);
        await Assert.ThrowsAsync<System.ObjectDisposedException>(() => seen.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_get_has_no_content()
    {
        HttpRequestMessage? seen = null;
        var end = new ScriptedEnd().Then(async m =>
        {
            seen = m.Request;
            m.Response = await PolicyHarness.BufferedAsync(200);
        });
        using var message = PolicyHarness.Message();
        await PolicyHarness.RunAsync(message, new RequestPolicy("ua"), end);
        Assert.Null(seen!.Content);
    }
}
