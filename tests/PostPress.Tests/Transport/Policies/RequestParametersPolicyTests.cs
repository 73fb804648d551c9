using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace PostPress.Tests.Transport.Policies;

/// <summary>
/// <see cref="RequestPolicy"/> with what a generated operation adds beyond JSON: header parameters, the operation's
/// Accept, and non-JSON bodies built fresh per attempt.
/// </summary>
public sealed class RequestParametersPolicyTests
{
    private static async Task<(HttpRequestMessage Request, byte[] Body)> SendOnce(PipelineMessage message)
    {
        HttpRequestMessage? seen = null;
        byte[] body = Array.Empty<byte>();
        var end = new ScriptedEnd().Then(async m =>
        {
            seen = m.Request;
            if (m.Request!.Content is { } content)
            {
                body = await content.ReadAsByteArrayAsync();
            }

            m.Response = await PolicyHarness.BufferedAsync(200);
        });
        await PolicyHarness.RunAsync(message, new RequestPolicy("ua"), end);
        return (seen!, body);
    }

    [Fact]
    public async Task Header_parameters_and_the_operation_accept_are_set_on_the_request()
    {
        using var message = PolicyHarness.Message();
        message.Headers = new List<KeyValuePair<string, string>> { new("Idempotency-Key", "k-1"), new("X-Dry-Run", "true") };
        message.Accept = "application/pdf";

        var (request, _) = await SendOnce(message);

        Assert.Equal("k-1", request.Headers.GetValues("Idempotency-Key").Single());
        Assert.Equal("true", request.Headers.GetValues("X-Dry-Run").Single());
        Assert.Equal("application/pdf", request.Headers.Accept.Single().MediaType);
        Assert.Equal(PolicyHarness.Key, request.Headers.GetValues("X-API-KEY").Single());
    }

    [Fact]
    public async Task A_seekable_stream_body_is_rewound_for_each_attempt_and_left_open()
    {
        var stream = new MemoryStream(new byte[] { 9, 1, 2, 3 }) { Position = 1 };
        using var message = PolicyHarness.Message(PolicyHarness.Post);
        message.Content = RequestContent.Stream(stream, "application/octet-stream");

        var first = await SendOnce(message);
        var second = await SendOnce(message);

        Assert.Equal(new byte[] { 1, 2, 3 }, first.Body);
        Assert.Equal(new byte[] { 1, 2, 3 }, second.Body);
        Assert.True(message.Content.CanResend);
        Assert.True(stream.CanRead);
        Assert.Equal("application/octet-stream", first.Request.Content!.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_non_seekable_stream_body_cannot_be_resent_once_read()
    {
        using var message = PolicyHarness.Message(PolicyHarness.Post);
        message.Content = RequestContent.Stream(new ForwardOnlyStream(new byte[] { 5, 6 }), "application/octet-stream");
        Assert.True(message.Content.CanResend);

        var (_, body) = await SendOnce(message);

        Assert.Equal(new byte[] { 5, 6 }, body);
        Assert.False(message.Content.CanResend);
    }

    [Fact]
    public async Task Form_and_text_bodies_carry_their_media_types()
    {
        using var form = PolicyHarness.Message(PolicyHarness.Post);
        form.Content = RequestContent.Form(new[] { new KeyValuePair<string, string?>("name", "Ada Lovelace"), new("skip", null), new("q", "a&b=c") });
        var (formRequest, formBody) = await SendOnce(form);
        Assert.Equal("application/x-www-form-urlencoded", formRequest.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("name=Ada+Lovelace&q=a%26b%3Dc", System.Text.Encoding.UTF8.GetString(formBody));

        using var text = PolicyHarness.Message(PolicyHarness.Post);
        text.Content = RequestContent.Text("héllo", "text/plain");
        var (textRequest, textBody) = await SendOnce(text);
        Assert.Equal("text/plain; charset=utf-8", textRequest.Content!.Headers.ContentType!.ToString());
        Assert.Equal("héllo", System.Text.Encoding.UTF8.GetString(textBody));
    }

    [Fact]
    public async Task A_multipart_body_has_its_fields_and_files_in_order()
    {
        using var message = PolicyHarness.Message(PolicyHarness.Post);
        message.Content = RequestContent.Multipart()
            .Field("title", "Q3 report")
            .Field("note", null)
            .Files("files", new[]
            {
                new PostPressFile(new MemoryStream(new byte[] { 1, 2 }), "a.pdf", "application/pdf"),
                new PostPressFile(new MemoryStream(new byte[] { 3 }), "b\".bin"),
            }, "application/x-custom");

        var (request, body) = await SendOnce(message);

        Assert.Equal("multipart/form-data", request.Content!.Headers.ContentType!.MediaType);
        var text = System.Text.Encoding.UTF8.GetString(body);
        Assert.Contains("name=title", text, StringComparison.Ordinal);
        Assert.Contains("Q3 report", text, StringComparison.Ordinal);
        Assert.DoesNotContain("name=note", text, StringComparison.Ordinal);
        Assert.Contains("filename=a.pdf", text, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/pdf", text, StringComparison.Ordinal);
        Assert.Contains("filename=b_.bin", text, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/x-custom", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("name=title", StringComparison.Ordinal) < text.IndexOf("a.pdf", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_retry_rules_do_not_resend_a_body_read_from_a_non_seekable_stream()
    {
        var options = new PostPressClientOptions(PolicyHarness.Key) { MaxRetries = 3, InitialRetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(1) };
        var retry = new RetryPolicy(options, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, new Uri("https://api.example.test"));
        var end = new ScriptedEnd()
            .Then(async m =>
            {
                await m.Request!.Content!.ReadAsByteArrayAsync();
                m.Response = await PolicyHarness.BufferedAsync(503);
            })
            .Then(async m => m.Response = await PolicyHarness.BufferedAsync(200));
        using var message = PolicyHarness.Message(PolicyHarness.Post);
        message.Content = RequestContent.Stream(new ForwardOnlyStream(new byte[] { 1 }), "application/octet-stream");

        await PolicyHarness.RunAsync(message, retry, new RequestPolicy("ua"), end);

        Assert.Equal(1, end.Calls);
        Assert.Equal(503, message.Response!.StatusCode);
    }

    [Fact]
    public async Task The_retry_rules_resend_a_seekable_stream_from_its_start()
    {
        var options = new PostPressClientOptions(PolicyHarness.Key) { MaxRetries = 3, InitialRetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(1) };
        var retry = new RetryPolicy(options, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, new Uri("https://api.example.test"));
        var bodies = new List<byte[]>();
        var end = new ScriptedEnd()
            .Then(async m =>
            {
                bodies.Add(await m.Request!.Content!.ReadAsByteArrayAsync());
                m.Response = await PolicyHarness.BufferedAsync(503);
            })
            .Then(async m =>
            {
                bodies.Add(await m.Request!.Content!.ReadAsByteArrayAsync());
                m.Response = await PolicyHarness.BufferedAsync(200);
            });
        using var message = PolicyHarness.Message(PolicyHarness.Post);
        message.Content = RequestContent.Stream(new MemoryStream(new byte[] { 4, 2 }), "application/octet-stream");

        await PolicyHarness.RunAsync(message, retry, new RequestPolicy("ua"), end);

        Assert.Equal(2, end.Calls);
        Assert.All(bodies, b => Assert.Equal(new byte[] { 4, 2 }, b));
        Assert.Equal(200, message.Response!.StatusCode);
    }

    /// <summary>A readable stream that cannot seek (a network or pipe stream).</summary>
    internal sealed class ForwardOnlyStream : Stream
    {
        private readonly MemoryStream _inner;

        public ForwardOnlyStream(byte[] bytes) => _inner = new MemoryStream(bytes);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
