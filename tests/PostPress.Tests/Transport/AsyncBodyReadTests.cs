using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Transport;

/// <summary>
/// Deterministic proof that the SDK reads bodies asynchronously: the response content is a stream that throws on
/// every synchronous read and hands out its bytes in small asynchronous pieces. Success, error (problem details)
/// and unknown-length bodies must all work through it.
/// </summary>
public sealed class AsyncBodyReadTests
{
    private static PostPressClientOptions Options(Action<PostPressClientOptions>? configure = null)
    {
        var options = new PostPressClientOptions(MockApi.ApiKey)
        {
            BaseUri = new Uri("https://api.postpress.ai/api/v1"), // never reached: the handler answers in memory
            MaxRetries = 0,
        };
        configure?.Invoke(options);
        return options;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_success_body_is_read_only_with_ReadAsync(bool declareLength)
    {
        // 40 KB: larger than the first buffer when the length is unknown, so the buffer has to grow.
        var name = new string('n', 40_000);
        var json = Bodies.Account("acc_async").Replace("\"name\":\"n\"", "\"name\":\"" + name + "\"", StringComparison.Ordinal);
        var handler = new InMemoryHandler(200, json, declareLength);
        using var http = new HttpClient(handler);
        using var client = new PostPressClient(Options(), http);

        var account = await client.Accounts.GetAsync("acc_async");

        var telegram = Assert.IsType<TelegramAccount>(account);
        Assert.Equal("acc_async", telegram.Id);
        Assert.Equal(name, telegram.Name);
        Assert.Equal(declareLength ? json.Length : (long?)null, handler.LastContentLength);
        Assert.Equal(0, handler.Stream!.SyncReads);
        Assert.True(handler.Stream.AsyncReads > 100, "read in many small asynchronous pieces: " + handler.Stream.AsyncReads);
        Assert.True(handler.Stream.Disposed, "the response stream is disposed");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_error_body_is_read_only_with_ReadAsync(bool declareLength)
    {
        var handler = new InMemoryHandler(404, Bodies.Problem(404, "errors/resource_not_found", "req_async_404"), declareLength);
        using var http = new HttpClient(handler);
        using var client = new PostPressClient(Options(), http);

        var ex = await Assert.ThrowsAsync<NotFoundException>(() => client.Accounts.GetAsync("acc_async"));

        Assert.Equal("req_async_404", ex.Instance);
        Assert.Equal(ErrorType.ResourceNotFound, ex.ErrorType);
        Assert.Contains("req_async_404", ex.RawBody);
        Assert.Equal(0, handler.Stream!.SyncReads);
        Assert.True(handler.Stream.AsyncReads > 1);
    }

    [Fact]
    public async Task A_response_with_metadata_is_read_only_with_ReadAsync()
    {
        var handler = new InMemoryHandler(200, Bodies.Account("acc_async"), declareLength: false, ("X-Request-Id", "req_async_meta"));
        using var http = new HttpClient(handler);
        using var client = new PostPressClient(Options(), http);

        var response = await client.Accounts.GetWithResponseAsync("acc_async");

        Assert.Equal("req_async_meta", response.RequestId);
        Assert.Equal("acc_async", Assert.IsType<TelegramAccount>(response.Value).Id);
        Assert.Equal(0, handler.Stream!.SyncReads);
    }

    /// <summary>Answers every request in memory with an <see cref="AsyncOnlyStream"/> body.</summary>
    private sealed class InMemoryHandler : HttpMessageHandler
    {
        private readonly int _status;
        private readonly byte[] _body;
        private readonly bool _declareLength;
        private readonly (string Name, string Value)[] _headers;

        public InMemoryHandler(int status, string body, bool declareLength, params (string Name, string Value)[] headers)
        {
            _status = status;
            _body = Encoding.UTF8.GetBytes(body);
            _declareLength = declareLength;
            _headers = headers;
        }

        public AsyncOnlyStream? Stream { get; private set; }

        public long? LastContentLength { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Stream = new AsyncOnlyStream(_body, chunkSize: 37);
            var content = new StreamContent(Stream);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (_declareLength)
            {
                content.Headers.ContentLength = _body.Length;
            }

            // A non-seekable StreamContent without a declared length has none: the "chunked" case.
            LastContentLength = content.Headers.ContentLength;
            var response = new HttpResponseMessage((HttpStatusCode)_status) { Content = content, RequestMessage = request };
            foreach (var (name, value) in _headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return Task.FromResult(response);
        }
    }

    /// <summary>A non-seekable stream that fails every synchronous read and yields before each asynchronous one.</summary>
    private sealed class AsyncOnlyStream : Stream
    {
        private readonly byte[] _data;
        private readonly int _chunkSize;
        private int _position;
        private int _syncReads;

        public AsyncOnlyStream(byte[] data, int chunkSize)
        {
            _data = data;
            _chunkSize = chunkSize;
        }

        public int SyncReads => Volatile.Read(ref _syncReads);

        public int AsyncReads { get; private set; }

        public bool Disposed { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => throw SyncRead();

        public override int Read(Span<byte> buffer) => throw SyncRead();

        public override int ReadByte() => throw SyncRead();

        public override void CopyTo(Stream destination, int bufferSize) => throw SyncRead();

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield(); // really asynchronous: the caller's thread is released
            cancellationToken.ThrowIfCancellationRequested();
            AsyncReads++;
            var n = Math.Min(Math.Min(_chunkSize, buffer.Length), _data.Length - _position);
            _data.AsMemory(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }

        private InvalidOperationException SyncRead()
        {
            Interlocked.Increment(ref _syncReads);
            return new InvalidOperationException("Synchronous read of a response body.");
        }
    }
}
