using System;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace PostPress.Tests.Transport.Policies;

public sealed class RedirectGuardPolicyTests
{
    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_redirect_is_refused_and_its_response_disposed(int status)
    {
        HttpResponseMessage? raw = null;
        var end = new ScriptedEnd().RespondRaw(() =>
        {
            raw = PolicyHarness.Raw(status, "moved", ("Location", "https://evil.example/steal?key=x#f"));
            return raw;
        });
        using var message = PolicyHarness.Message();

        var ex = await Assert.ThrowsAsync<PostPressRedirectException>(() => PolicyHarness.RunAsync(message, new RedirectGuardPolicy(), end).AsTask());

        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(new Uri("https://evil.example/steal"), ex.Location);
        Assert.Contains("another origin", ex.Message);
        Assert.Null(message.RawResponse);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => raw!.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(PolicyHarness.Modes), MemberType = typeof(PolicyHarness))]
    public async Task A_response_from_another_origin_than_sent_is_refused(CallMode mode)
    {
        var end = new ScriptedEnd().RespondRaw(() =>
        {
            var raw = PolicyHarness.Raw(200);
            raw.RequestMessage = new HttpRequestMessage(HttpMethod.Get, "https://other.example:8443/api/v1/accounts/acc_1?x=1");
            return raw;
        });
        using var message = PolicyHarness.Message();

        var ex = await Assert.ThrowsAsync<PostPressRedirectException>(() => PolicyHarness.RunAsync(mode, message, new RedirectGuardPolicy(), end).AsTask());

        Assert.Contains("https://other.example:8443", ex.Message);
        Assert.Contains("AllowAutoRedirect", ex.Message);
    }

    [Theory]
    [MemberData(nameof(PolicyHarness.Modes), MemberType = typeof(PolicyHarness))]
    public async Task A_304_and_a_same_origin_response_pass(CallMode mode)
    {
        foreach (var status in new[] { 200, 304, 404 })
        {
            var end = new ScriptedEnd().RespondRaw(() =>
            {
                var raw = PolicyHarness.Raw(status);
                raw.RequestMessage = new HttpRequestMessage(HttpMethod.Get, "https://api.example.test/api/v1/accounts/acc_1");
                return raw;
            });
            using var message = PolicyHarness.Message();
            await PolicyHarness.RunAsync(mode, message, new RedirectGuardPolicy(), end);
            Assert.Equal(status, (int)message.RawResponse!.StatusCode);
        }
    }
}
