using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace PostPress.Testing.Tests;

/// <summary>
/// The sandbox under hostile input: the API key is checked before any body byte is read, bodies are read up to
/// <see cref="PostPressSandboxOptions.MaxRequestBodySize"/> (413 past it, with or without <c>Content-Length</c>), and the
/// journal is bounded by entries and by bytes.
/// </summary>
public sealed class HostileInputTests : IClassFixture<SandboxFixture>
{
    private const string ActionPath = "linkedin/user/AEMAAB1";
    private const int MiB = 1024 * 1024;

    /// <summary>Guards the raw-socket reads: a server that waits for a body the test never sends fails the test instead of hanging it.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly PostPressSandbox _sandbox;
    private readonly ITestOutputHelper _output;

    public HostileInputTests(SandboxFixture fixture, ITestOutputHelper output)
    {
        _sandbox = fixture.Sandbox;
        _sandbox.Reset();
        _output = output;
    }

    [Theory]
    [InlineData(null, "errors/missing_credentials")]
    [InlineData("pp_wrong", "errors/invalid_credentials")]
    public async Task A_64_MiB_streamed_body_without_the_right_key_is_answered_401_and_not_read(string? key, string type)
    {
        const long size = 64L * MiB;
        using var http = _sandbox.CreateHttpClient(sendApiKey: false);
        using var content = new CountingContent(ValidJson(), size, chunked: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, ActionPath) { Content = content };
        if (key is not null)
        {
            request.Headers.Add("X-API-KEY", key);
        }

        using var response = await SendUntilClosedAsync(http, request);
        _output.WriteLine($"pulled {content.Pulled} of {size} bytes; HttpClient {(response is null ? "failed to send the rest" : "got " + (int)response.StatusCode)}");

        if (response is not null)
        {
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized, type);
        }

        // The client could only push what the loopback socket buffers and Kestrel's request buffer hold before the
        // connection closed: the sandbox read none of the 64 MiB.
        Assert.True(content.Pulled < size / 4, $"{content.Pulled} of {size} bytes were pulled from the client");
        var entry = Assert.Single(_sandbox.Requests);
        Assert.Equal(401, entry.ResponseStatus);
        Assert.Null(entry.Body);
        Assert.Equal(0, entry.BodyLength);
    }

    [Fact]
    public async Task A_body_within_the_limit_without_the_right_key_gets_a_clean_401_and_is_not_recorded()
    {
        using var http = _sandbox.CreateHttpClient(sendApiKey: false);
        http.DefaultRequestHeaders.Add("X-API-KEY", "pp_wrong");
        using var content = new CountingContent(ValidJson(), 512 * 1024, chunked: false);

        using var response = await http.PostAsync(ActionPath, content);

        // Kestrel discarded the body (it is within twice MaxRequestBodySize) so that HttpClient, which sends it all before
        // it reads the response, gets the 401; the sandbox did not read it.
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "errors/invalid_credentials");
        Assert.True(response.Headers.ConnectionClose);
        var entry = Assert.Single(_sandbox.Requests);
        Assert.Null(entry.Body);
        Assert.Equal(0, entry.BodyLength);
        Assert.False(entry.BodyTruncated);
    }

    [Fact]
    public async Task A_wrong_key_with_expect_100_continue_gets_401_before_any_body_byte_is_sent()
    {
        // HttpClient waits for 100 Continue (or the final answer) before it sends the body: long enough here that it never
        // gives up waiting and sends it anyway, whatever the machine's load.
        using var handler = new SocketsHttpHandler { Expect100ContinueTimeout = Guard };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(_sandbox.BaseUri.AbsoluteUri.TrimEnd('/') + "/") };
        using var content = new CountingContent(ValidJson(), 8L * MiB, chunked: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, ActionPath) { Content = content };
        request.Headers.Add("X-API-KEY", "pp_wrong");
        request.Headers.ExpectContinue = true;

        using var response = await http.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "errors/invalid_credentials");
        Assert.Equal(0, content.Pulled);   // Kestrel sends 100 Continue only once the app reads the body: it never did
    }

    [Theory]
    [InlineData("", "errors/missing_credentials")]
    [InlineData("X-API-KEY: pp_wrong\r\n", "errors/invalid_credentials")]
    public async Task A_declared_50_MiB_body_without_the_right_key_is_answered_before_a_single_body_byte_is_sent(string keyHeader, string type)
    {
        // Headers only: the body never comes. A sandbox that read it would wait for it until the guard fails the test.
        var response = await RawAsync(
            "POST /api/v1/" + ActionPath + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + keyHeader
            + "Content-Length: " + (50 * MiB).ToString(System.Globalization.CultureInfo.InvariantCulture) + "\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 401 ", response, StringComparison.Ordinal);
        Assert.Contains("\r\nConnection: close\r\n", response, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"type\":\"" + type + "\"", response, StringComparison.Ordinal);
        Assert.Equal(0, Assert.Single(_sandbox.Requests).BodyLength);
    }

    [Fact]
    public async Task A_pending_failure_scenario_still_answers_a_request_without_the_right_key_and_its_body_stays_unread()
    {
        _sandbox.Next(1, "performLinkedInUserAction").ServiceUnavailable(TimeSpan.FromSeconds(1));

        var response = await RawAsync(
            "POST /api/v1/" + ActionPath + " HTTP/1.1\r\nHost: localhost\r\nX-API-KEY: pp_wrong\r\n"
            + "Content-Length: " + (50 * MiB).ToString(System.Globalization.CultureInfo.InvariantCulture) + "\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 503 ", response, StringComparison.Ordinal);
        Assert.Contains("\r\nConnection: close\r\n", response, StringComparison.OrdinalIgnoreCase);
        var entry = Assert.Single(_sandbox.Requests);
        Assert.Equal(503, entry.ResponseStatus);
        Assert.Equal(0, entry.BodyLength);
    }

    [Fact]
    public async Task An_unknown_path_without_the_right_key_is_404_without_its_body_being_read()
    {
        var response = await RawAsync(
            "PUT /api/v1/nothing/here HTTP/1.1\r\nHost: localhost\r\nX-API-KEY: pp_wrong\r\nTransfer-Encoding: chunked\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 404 ", response, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"errors/resource_not_found\"", response, StringComparison.Ordinal);
        var entry = Assert.Single(_sandbox.Requests);
        Assert.Null(entry.OperationId);
        Assert.Equal(0, entry.BodyLength);
    }

    [Fact]
    public async Task A_declared_Content_Length_over_the_limit_is_413_without_reading_the_body()
    {
        var response = await RawAsync(
            "POST /api/v1/" + ActionPath + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-API-KEY: " + _sandbox.ApiKey + "\r\n"
            + "Content-Length: " + (PostPressSandboxOptions.DefaultMaxRequestBodySize + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 413 ", response, StringComparison.Ordinal);
        Assert.Contains("\r\nConnection: close\r\n", response, StringComparison.OrdinalIgnoreCase);
        var problem = JsonNode.Parse(response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..])!;
        Assert.Equal("errors/content_too_large", problem["type"]!.GetValue<string>());
        Assert.Equal(413, problem["status"]!.GetValue<int>());
        Assert.Contains("1048576 bytes", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var entry = Assert.Single(_sandbox.Requests);
        Assert.Equal(413, entry.ResponseStatus);
        Assert.True(entry.BodyTruncated);
        Assert.Equal(0, entry.BodyLength);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_413_once_the_limit_is_passed_without_waiting_for_its_end()
    {
        await using var sandbox = await PostPressSandbox.StartAsync(new PostPressSandboxOptions { MaxRequestBodySize = 1024 });

        // One 4 KiB chunk and no last chunk: the body never ends, yet the 413 comes once byte 1025 is read.
        var response = await RawAsync(
            sandbox,
            "POST /api/v1/" + ActionPath + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nX-API-KEY: " + sandbox.ApiKey + "\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n1000\r\n" + new string(' ', 4096) + "\r\n");

        Assert.StartsWith("HTTP/1.1 413 ", response, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"errors/content_too_large\"", response, StringComparison.Ordinal);
        var entry = Assert.Single(sandbox.Requests);
        Assert.True(entry.BodyTruncated);
        Assert.InRange(entry.BodyLength, 0, 1025);   // stopped at one byte past the limit, or before when Kestrel saw it first
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_at_the_limit_is_served_and_one_byte_more_is_413(bool chunked)
    {
        const int limit = 64 * 1024;
        await using var sandbox = await PostPressSandbox.StartAsync(new PostPressSandboxOptions { MaxRequestBodySize = limit });
        using var http = sandbox.CreateHttpClient();

        using (var atLimit = new CountingContent(ValidJson(), limit, chunked))
        using (var ok = await http.PostAsync(ActionPath, atLimit))
        {
            Assert.True(ok.IsSuccessStatusCode, $"{(int)ok.StatusCode}: {await ok.Content.ReadAsStringAsync()}");
        }

        var served = sandbox.Requests[^1];
        Assert.Equal(limit, served.BodyLength);
        Assert.False(served.BodyTruncated);
        Assert.Equal(limit, Encoding.UTF8.GetByteCount(served.Body!));

        using var over = new CountingContent(ValidJson(), limit + 1, chunked);
        using var response = await http.PostAsync(ActionPath, over);
        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "errors/content_too_large");
        Assert.True(sandbox.Requests[^1].BodyTruncated);
    }

    [Fact]
    public async Task A_64_MiB_chunked_body_is_413_and_not_read_to_its_end()
    {
        const long size = 64L * MiB;
        using var http = _sandbox.CreateHttpClient();
        using var content = new CountingContent(ValidJson(), size, chunked: true);
        using var request = new HttpRequestMessage(HttpMethod.Post, ActionPath) { Content = content };

        using var response = await SendUntilClosedAsync(http, request);
        _output.WriteLine($"pulled {content.Pulled} of {size} bytes; HttpClient {(response is null ? "failed to send the rest" : "got " + (int)response.StatusCode)}");

        if (response is not null)
        {
            await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "errors/content_too_large");
        }

        Assert.True(content.Pulled < size / 4, $"{content.Pulled} of {size} bytes were pulled from the client");
        var entry = Assert.Single(_sandbox.Requests);
        Assert.Equal(413, entry.ResponseStatus);
        Assert.True(entry.BodyTruncated);
        Assert.InRange(entry.BodyLength, 0, PostPressSandboxOptions.DefaultMaxRequestBodySize + 1);
        Assert.True(Encoding.UTF8.GetByteCount(entry.Body ?? string.Empty) <= entry.BodyLength);
    }

    [Fact]
    public async Task The_journal_stays_within_its_entry_and_byte_bounds_and_cuts_long_bodies()
    {
        const long maxBytes = 48 * 1024;
        const int maxBody = 4 * 1024;
        await using var sandbox = await PostPressSandbox.StartAsync(new PostPressSandboxOptions
        {
            JournalCapacity = 40,
            JournalMaxBytes = maxBytes,
            JournalMaxBodySize = maxBody,
        });
        using var http = sandbox.CreateHttpClient();

        var sizes = new[] { 200, 3_000, 4_096, 4_097, 20_000 };
        for (var i = 0; i < 150; i++)
        {
            var size = sizes[i % sizes.Length];
            using var content = new CountingContent(ValidJson(), size, chunked: i % 2 == 0);
            using var response = await http.PostAsync(ActionPath + "?n=" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), content);
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

            var journal = sandbox.Requests;
            Assert.True(journal.Count <= 40, $"{journal.Count} entries");
            Assert.True(JournalBytes(journal) <= maxBytes, $"{JournalBytes(journal)} bytes in {journal.Count} entries");
            var newest = journal[^1];
            Assert.Equal("?n=" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), newest.QueryString);
            Assert.Equal(size, newest.BodyLength);
            Assert.Equal(size > maxBody, newest.BodyTruncated);
            Assert.Equal(Math.Min(size, maxBody), Encoding.UTF8.GetByteCount(newest.Body!));
            Assert.StartsWith(Encoding.UTF8.GetString(ValidJson()), newest.Body, StringComparison.Ordinal);
        }

        // Oldest first, and the oldest were the ones dropped: the entries kept are the latest, in order.
        var kept = sandbox.Requests.Select(r => int.Parse(r.QueryString[3..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(150 - kept.Count, kept.Count), kept);
        Assert.True(kept.Count < 40, "the byte bound, not the entry bound, is the one that held here");
    }

    [Fact]
    public async Task The_journal_entry_bound_holds_for_many_small_requests()
    {
        await using var sandbox = await PostPressSandbox.StartAsync(new PostPressSandboxOptions { JournalCapacity = 25 });
        using var http = sandbox.CreateHttpClient();
        for (var i = 0; i < 100; i++)
        {
            using var response = await http.GetAsync("accounts/acc_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var journal = sandbox.Requests;
        Assert.Equal(25, journal.Count);
        Assert.Equal(Enumerable.Range(75, 25).Select(i => "/api/v1/accounts/acc_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)), journal.Select(r => r.Path));
        Assert.True(JournalBytes(journal) <= PostPressSandboxOptions.DefaultJournalMaxBytes);
    }

    [Fact]
    public async Task A_cut_body_ends_on_a_character_boundary()
    {
        await using var sandbox = await PostPressSandbox.StartAsync(new PostPressSandboxOptions { JournalMaxBodySize = 1001 });
        using var http = sandbox.CreateHttpClient();
        var text = "{\"account_id\":\"acc_1\",\"note\":\"" + new string('é', 2000) + "\"}";   // é: 2 bytes in UTF-8

        using var response = await http.PostAsync(ActionPath, new StringContent(text, Encoding.UTF8, "application/json"));

        var entry = sandbox.Requests[^1];
        Assert.True(entry.BodyTruncated);
        Assert.Equal(Encoding.UTF8.GetByteCount(text), entry.BodyLength);
        Assert.DoesNotContain('\uFFFD', entry.Body!);
        Assert.StartsWith(entry.Body!, text, StringComparison.Ordinal);
        Assert.InRange(Encoding.UTF8.GetByteCount(entry.Body!), 1000, 1001);
    }

    [Fact]
    public void The_limits_have_their_documented_defaults()
    {
        var options = new PostPressSandboxOptions();
        Assert.Equal(1024 * 1024, options.MaxRequestBodySize);
        Assert.Equal(10_000, options.JournalCapacity);
        Assert.Equal(32L * 1024 * 1024, options.JournalMaxBytes);
        Assert.Equal(1024 * 1024, options.JournalMaxBodySize);
    }

    [Theory]
    [InlineData(-1, 0, 0)]
    [InlineData(0, -1, 0)]
    [InlineData(0, 0, -1)]
    public async Task Negative_limits_are_refused_at_start(long maxBody, long journalBytes, int journalBody)
    {
        var options = new PostPressSandboxOptions { MaxRequestBodySize = maxBody, JournalMaxBytes = journalBytes, JournalMaxBodySize = journalBody };
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => PostPressSandbox.StartAsync(options));
    }

    /// <summary>What the journal counts against <see cref="PostPressSandboxOptions.JournalMaxBytes"/>, as its documentation states it.</summary>
    private static long JournalBytes(System.Collections.Generic.IEnumerable<SandboxRequest> journal) =>
        journal.Sum(r => 2L * (r.Method.Length + r.Path.Length + r.QueryString.Length + (r.Body?.Length ?? 0) + r.Headers.Sum(h => h.Key.Length + h.Value.Length)));

    /// <summary>A valid body of performLinkedInUserAction; padded with spaces it stays valid JSON of any size.</summary>
    private static byte[] ValidJson() =>
        Encoding.UTF8.GetBytes("""{"account_id":"acc_1","api":"sales_navigator","action":"saveLead"}""");

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        var problem = JsonNode.Parse(text)!;
        Assert.Equal(type, problem["type"]!.GetValue<string>());
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
    }

    /// <summary>
    /// Sends the request; null when HttpClient failed to send the rest of the body because the sandbox answered and
    /// closed the connection first. Over HTTP/1.1, HttpClient sends the whole body before it reads the response and reports
    /// the failed send instead of that response (dotnet/runtime#119350): the body not being read is what is asserted.
    /// </summary>
    private static async Task<HttpResponseMessage?> SendUntilClosedAsync(HttpClient http, HttpRequestMessage request)
    {
        try
        {
            return await http.SendAsync(request);
        }
        catch (HttpRequestException e) when (e.InnerException is IOException)
        {
            return null;
        }
    }

    private Task<string> RawAsync(string head) => RawAsync(_sandbox, head);

    /// <summary>
    /// Writes <paramref name="head"/> (request line, headers, maybe the start of a body) on a fresh connection and reads
    /// the response: its head and its <c>Content-Length</c> bytes of body.
    /// </summary>
    private static async Task<string> RawAsync(PostPressSandbox sandbox, string head)
    {
        using var cts = new CancellationTokenSource(Guard);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(sandbox.BaseUri.Host, sandbox.BaseUri.Port, cts.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cts.Token);
        var received = new System.Collections.Generic.List<byte>();
        var buffer = new byte[16 * 1024];
        try
        {
            while (!IsComplete(received))
            {
                var count = await stream.ReadAsync(buffer, cts.Token);
                if (count == 0)
                {
                    break;
                }

                received.AddRange(buffer.Take(count));
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            Assert.Fail($"No complete answer within {Guard.TotalSeconds} s (the sandbox waited for the body?): {Encoding.UTF8.GetString(received.ToArray())}");
        }

        return Encoding.UTF8.GetString(received.ToArray());

        static bool IsComplete(System.Collections.Generic.List<byte> bytes)
        {
            var text = Encoding.ASCII.GetString(bytes.ToArray());
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0)
            {
                return false;
            }

            var match = System.Text.RegularExpressions.Regex.Match(text[..end], @"\r\nContent-Length: *(\d+)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            return match.Success && bytes.Count - (end + 4) >= int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>A body generated as it is sent (<paramref name="prefix"/>, then spaces), counting the bytes the transport pulled.</summary>
    private sealed class CountingContent : HttpContent
    {
        private readonly byte[] prefix;
        private readonly long length;
        private readonly bool chunked;
        private long _pulled;

        public CountingContent(byte[] prefix, long length, bool chunked)
        {
            this.prefix = prefix;
            this.length = length;
            this.chunked = chunked;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");   // the sandbox checks it (415)
        }

        public long Pulled => Interlocked.Read(ref _pulled);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            var chunk = new byte[64 * 1024];
            long sent = 0;
            while (sent < length)
            {
                Array.Fill(chunk, (byte)' ');
                var n = (int)Math.Min(chunk.Length, length - sent);
                if (sent < prefix.Length)
                {
                    prefix.AsSpan((int)sent, (int)Math.Min(prefix.Length - sent, n)).CopyTo(chunk);
                }

                await stream.WriteAsync(chunk.AsMemory(0, n), cancellationToken);
                sent += n;
                Interlocked.Add(ref _pulled, n);
            }
        }

        protected override bool TryComputeLength(out long length1)
        {
            length1 = length;
            return !chunked;
        }
    }
}
