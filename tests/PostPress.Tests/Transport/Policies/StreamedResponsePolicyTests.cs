using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace PostPress.Tests.Transport.Policies;

/// <summary><see cref="ResponseBufferingPolicy"/> for a download (<see cref="PipelineMessage.StreamResponse"/>).</summary>
public sealed class StreamedResponsePolicyTests
{
    [Fact]
    public async Task A_2xx_body_of_a_download_is_handed_over_unread_and_not_bound_by_the_size_cap()
    {
        var body = new string('z', 4096);
        var end = new ScriptedEnd().RespondRaw(() => PolicyHarness.Raw(200, body));
        using var message = PolicyHarness.Message();
        message.StreamResponse = true;

        await PolicyHarness.RunAsync(message, new ResponseBufferingPolicy(16), end);

        using var response = message.TakeResponse();
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(0, response.Length);
        using var raw = response.TakeUnread();
        using var reader = new StreamReader(await raw.Content.ReadAsStreamAsync());
        Assert.Equal(body, await reader.ReadToEndAsync());
        Assert.Throws<System.InvalidOperationException>(() => response.TakeUnread());
    }

    [Fact]
    public async Task An_error_body_of_a_download_is_still_read_whole_for_the_error_mapping()
    {
        var end = new ScriptedEnd().RespondRaw(() => PolicyHarness.Raw(404, "{\"status\":404}"));
        using var message = PolicyHarness.Message();
        message.StreamResponse = true;

        await PolicyHarness.RunAsync(message, new ResponseBufferingPolicy(1024), end);

        using var response = message.TakeResponse();
        Assert.Equal(404, response.StatusCode);
        Assert.Equal("{\"status\":404}", response.Excerpt(100));
        Assert.Throws<System.InvalidOperationException>(() => response.TakeUnread());
    }

    [Fact]
    public async Task Disposing_an_unread_response_releases_the_raw_response()
    {
        var raw = PolicyHarness.Raw(200, "abc");
        var end = new ScriptedEnd().RespondRaw(() => raw);
        using var message = PolicyHarness.Message();
        message.StreamResponse = true;

        await PolicyHarness.RunAsync(message, new ResponseBufferingPolicy(1024), end);
        message.TakeResponse().Dispose();

        await Assert.ThrowsAsync<System.ObjectDisposedException>(() => raw.Content.ReadAsStringAsync());
    }
}
