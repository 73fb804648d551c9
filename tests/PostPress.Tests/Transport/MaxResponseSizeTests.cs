using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Transport;

/// <summary>
/// <see cref="PostPressClientOptions.MaxResponseSize"/> caps the buffered body, whether the size is announced
/// (Content-Length) or not (chunked); a body of exactly the cap is read.
/// </summary>
public sealed class MaxResponseSizeTests : IDisposable
{
    private const int Cap = 2000;
    private readonly RawHttpServer _server;
    private string _body = string.Empty;
    private bool _chunked;

    public MaxResponseSizeTests()
    {
        _server = new RawHttpServer((request, connection) =>
        {
            if (_chunked)
            {
                connection.RespondChunked(200, _body, chunkSize: 300);
            }
            else
            {
                connection.Respond(200, _body);
            }
        });
    }

    public void Dispose() => _server.Dispose();

    /// <summary>A valid account document of exactly <paramref name="bytes"/> bytes (trailing white space).</summary>
    private static string AccountOfSize(int bytes)
    {
        var json = Bodies.Account("acc_big");
        Assert.True(Encoding.UTF8.GetByteCount(json) < bytes);
        return json + new string(' ', bytes - Encoding.UTF8.GetByteCount(json));
    }

    private PostPressClient Client() => new(RawOptions.For(_server, configure: o => o.MaxResponseSize = Cap));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_of_exactly_the_cap_is_read(bool chunked)
    {
        _chunked = chunked;
        _body = AccountOfSize(Cap);
        using var client = Client();

        var account = await client.Accounts.GetAsync("acc_big");

        Assert.Equal("acc_big", Assert.IsType<TelegramAccount>(account).Id);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_one_byte_over_the_cap_is_refused(bool chunked)
    {
        _chunked = chunked;
        _body = AccountOfSize(Cap + 1);
        using var client = Client();

        var ex = await Assert.ThrowsAsync<PostPressResponseTooLargeException>(() => client.Accounts.GetAsync("acc_big"));

        Assert.Equal(200, ex.StatusCode);
        Assert.Equal(Cap, ex.MaxResponseSize);
        Assert.Equal(chunked ? null : Cap + 1, ex.ContentLength);
        Assert.Contains("MaxResponseSize", ex.Message);
        Assert.Single(_server.Requests); // the same again would be too large: not retried
    }

    [Fact]
    public async Task A_huge_chunked_body_is_refused_without_reading_it_all()
    {
        _chunked = true;
        _body = AccountOfSize(4 * 1024 * 1024);
        using var client = Client();

        var ex = await Assert.ThrowsAsync<PostPressResponseTooLargeException>(() => client.Accounts.GetAsync("acc_big"));

        Assert.Null(ex.ContentLength);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_held_in_many_buffers_is_deserialized_across_them(bool chunked)
    {
        // 300 KB: several buffers (16 KiB, 32 KiB, ...); the union's discriminator comes after the first one, and the
        // two-byte "é" of the name falls on every buffer boundary somewhere.
        var name = string.Concat(Enumerable.Repeat("é", 150_000));
        _chunked = chunked;
        _body = "{\"object\":\"Account\",\"name\":\"" + name + "\",\"type\":\"TELEGRAM\",\"id\":\"acc_big\","
            + "\"created_at\":\"2026-04-12T09:14:21.000Z\",\"connection_params\":{\"im\":{\"user_id\":\"u1\",\"username\":\"tg\"}},"
            + "\"groups\":[\"g1\"],\"sources\":[{\"id\":\"messaging\",\"status\":\"OK\"}]}";
        using var client = new PostPressClient(RawOptions.For(_server));

        var account = Assert.IsType<TelegramAccount>(await client.Accounts.GetAsync("acc_big"));

        Assert.Equal("acc_big", account.Id);
        Assert.Equal(name, account.Name);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(1024L * 1024 * 1024 + 1)]
    [InlineData(long.MaxValue)]
    public void An_invalid_MaxResponseSize_is_rejected_naming_it(long size)
    {
        var options = RawOptions.For(_server, configure: o => o.MaxResponseSize = size);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new PostPressClient(options));

        Assert.Equal(nameof(PostPressClientOptions.MaxResponseSize), ex.ParamName);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(1024L * 1024 * 1024)]
    public void The_bounds_of_MaxResponseSize_are_accepted(long size)
    {
        using var client = new PostPressClient(RawOptions.For(_server, configure: o => o.MaxResponseSize = size));

        Assert.Equal(size, client.Resolved.Options.MaxResponseSize);
    }
}
