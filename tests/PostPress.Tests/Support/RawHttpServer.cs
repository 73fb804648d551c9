using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace PostPress.Tests.Support;

/// <summary>A request as a <see cref="RawHttpServer"/> read it off the socket.</summary>
public sealed class RawRequest
{
    public RawRequest(int index, string method, string target, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        Index = index;
        Method = method;
        Target = target;
        Headers = headers;
        Body = body;
    }

    /// <summary>0 for the first request the server saw, 1 for the second...</summary>
    public int Index { get; }

    public string Method { get; }

    /// <summary>The request target as sent: path and query.</summary>
    public string Target { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    public byte[] Body { get; }

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}

/// <summary>One accepted connection; the handler writes whatever bytes it wants, then may close or reset it.</summary>
public sealed class RawConnection
{
    private readonly Socket _socket;
    private readonly Stream _stream;

    internal RawConnection(Socket socket, Stream stream, CancellationToken stopping)
    {
        _socket = socket;
        _stream = stream;
        Stopping = stopping;
    }

    /// <summary>Cancelled when the server is disposed.</summary>
    public CancellationToken Stopping { get; }

    /// <summary>Blocks (bounded) until the server is disposed: a response that never comes.</summary>
    public void Stall(TimeSpan max) => Stopping.WaitHandle.WaitOne(max);

    public void Write(string ascii) => Write(Encoding.UTF8.GetBytes(ascii));

    public void Write(byte[] bytes)
    {
        _stream.Write(bytes);
        _stream.Flush();
    }

    /// <summary>Writes a complete response with Content-Length and <c>Connection: close</c>.</summary>
    public void Respond(int status, string body, params (string Name, string Value)[] headers)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        Write(Head(status, bytes.Length, headers));
        Write(bytes);
    }

    /// <summary>The status line and headers (with <c>Connection: close</c>), and <c>Content-Length</c> unless null.</summary>
    public static string Head(int status, long? contentLength, params (string Name, string Value)[] headers)
    {
        var head = new StringBuilder("HTTP/1.1 " + status + " " + Reason(status) + "\r\n");
        if (!headers.Any(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            head.Append("Content-Type: application/json\r\n");
        }

        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (contentLength is { } n)
        {
            head.Append("Content-Length: ").Append(n).Append("\r\n");
        }

        head.Append("Connection: close\r\n\r\n");
        return head.ToString();
    }

    /// <summary>A chunked response: the head (Transfer-Encoding: chunked), the body in chunks, the last chunk.</summary>
    public void RespondChunked(int status, string body, int chunkSize, params (string Name, string Value)[] headers)
    {
        Write(Head(status, null, headers.Append(("Transfer-Encoding", "chunked")).ToArray()));
        var bytes = Encoding.UTF8.GetBytes(body);
        for (var i = 0; i < bytes.Length; i += chunkSize)
        {
            var n = Math.Min(chunkSize, bytes.Length - i);
            Write(n.ToString("x") + "\r\n");
            Write(bytes.AsSpan(i, n).ToArray());
            Write("\r\n");
        }

        Write("0\r\n\r\n");
    }

    /// <summary>Closes with a TCP reset (RST) instead of a graceful close.</summary>
    public void Reset()
    {
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    /// <summary>Graceful close (FIN).</summary>
    public void Close()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }

        _socket.Close();
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        404 => "Not Found",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        _ => "Status",
    };
}

/// <summary>
/// An HTTP/1.1 server on loopback built on a raw socket, for exact control of headers, bodies, stalls, closes and
/// resets. It runs on dedicated threads (one per connection, blocking I/O), never on the thread pool, so it keeps
/// working when a test starves or limits the pool. One request per connection: every response says
/// <c>Connection: close</c> and the connection is closed when the handler returns.
/// </summary>
public sealed class RawHttpServer : IDisposable
{
    private readonly Socket _listener;
    private readonly Action<RawRequest, RawConnection> _handler;
    private readonly X509Certificate2? _certificate;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<RawRequest> _requests = new();
    private readonly List<Socket> _sockets = new();
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = new();

    /// <param name="handler">Answers a request; runs on the connection's own thread and may block (bounded waits on <see cref="Stopping"/>).</param>
    /// <param name="certificate">When given, the server speaks TLS (https) with it.</param>
    public RawHttpServer(Action<RawRequest, RawConnection> handler, X509Certificate2? certificate = null)
    {
        _handler = handler;
        _certificate = certificate;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(512);
        new Thread(AcceptLoop) { IsBackground = true, Name = "RawHttpServer accept" }.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndPoint!).Port;

    /// <summary>The origin, e.g. <c>http://127.0.0.1:5123</c>.</summary>
    public string Origin => (_certificate is null ? "http" : "https") + "://127.0.0.1:" + Port;

    /// <summary>The SDK base address on this server: <c>{Origin}/api/v1</c>.</summary>
    public Uri BaseUri => new(Origin + "/api/v1");

    /// <summary>Cancelled when the server is disposed: handlers waiting on something should observe it.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public IReadOnlyList<RawRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>Completes when the server has seen <paramref name="count"/> requests; fails after <paramref name="timeout"/>.</summary>
    public Task WaitForRequestsAsync(int count, TimeSpan timeout)
    {
        TaskCompletionSource done;
        lock (_requests)
        {
            if (_requests.Count >= count)
            {
                return Task.CompletedTask;
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
        }

        return done.Task.WaitAsync(timeout);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Close();
        lock (_sockets)
        {
            foreach (var s in _sockets)
            {
                s.Close();
            }
        }
    }

    private void AcceptLoop()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = _listener.Accept();
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            lock (_sockets)
            {
                _sockets.Add(socket);
            }

            new Thread(() => Serve(socket)) { IsBackground = true, Name = "RawHttpServer connection" }.Start();
        }
    }

    private void Serve(Socket socket)
    {
        try
        {
            socket.NoDelay = true;
            Stream stream = new NetworkStream(socket, ownsSocket: false);
            if (_certificate is not null)
            {
                var tls = new SslStream(stream);
                tls.AuthenticateAsServer(_certificate);
                stream = tls;
            }

            var request = Read(stream);
            if (request is null)
            {
                return;
            }

            _handler(request, new RawConnection(socket, stream, _stopping.Token));
        }
        catch (Exception ex) when (ex is SocketException || ex is IOException || ex is ObjectDisposedException || ex is OperationCanceledException || ex is System.Security.Authentication.AuthenticationException)
        {
        }
        finally
        {
            try
            {
                socket.Close();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private RawRequest? Read(Stream stream)
    {
        var received = new List<byte>();
        var buffer = new byte[8192];
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(received)) < 0)
        {
            var n = stream.Read(buffer);
            if (n == 0)
            {
                return null;
            }

            received.AddRange(buffer.AsSpan(0, n).ToArray());
        }

        var head = Encoding.ASCII.GetString(received.GetRange(0, headerEnd).ToArray());
        var lines = head.Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                var name = line.Substring(0, colon).Trim();
                var value = line.Substring(colon + 1).Trim();
                headers[name] = headers.TryGetValue(name, out var existing) ? existing + ", " + value : value;
            }
        }

        var length = headers.TryGetValue("Content-Length", out var cl) ? int.Parse(cl, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var body = received.Skip(headerEnd + 4).ToList();
        while (body.Count < length)
        {
            var n = stream.Read(buffer);
            if (n == 0)
            {
                break;
            }

            body.AddRange(buffer.AsSpan(0, n).ToArray());
        }

        RawRequest request;
        lock (_requests)
        {
            request = new RawRequest(_requests.Count, requestLine[0], requestLine.Length > 1 ? requestLine[1] : string.Empty, headers, body.ToArray());
            _requests.Add(request);
            foreach (var waiter in _waiters.Where(w => _requests.Count >= w.Count).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult();
            }
        }

        return request;
    }

    private static int IndexOfHeaderEnd(List<byte> bytes)
    {
        for (var i = 0; i + 3 < bytes.Count; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>Bodies the tests serve.</summary>
public static class Bodies
{
    public static string Account(string id) =>
        "{\"object\":\"Account\",\"type\":\"TELEGRAM\",\"id\":\"" + id + "\",\"name\":\"n\",\"created_at\":\"2026-04-12T09:14:21.000Z\","
        + "\"connection_params\":{\"im\":{\"user_id\":\"u1\",\"username\":\"tg\"}},\"groups\":[\"g1\"],\"sources\":[{\"id\":\"messaging\",\"status\":\"OK\"}]}";

    public const string ActionResult = "{\"object\":\"LinkedinPerformActionOnUser\",\"success\":true}";

    public static string Problem(int status, string type, string? instance = null) =>
        "{\"title\":\"t\",\"type\":\"" + type + "\",\"status\":" + status + (instance is null ? string.Empty : ",\"instance\":\"" + instance + "\"") + "}";
}

/// <summary>Client options for a <see cref="RawHttpServer"/>: the test key, fast retries, bounded timeouts, captured logs.</summary>
public static class RawOptions
{
    public static PostPressClientOptions For(RawHttpServer server, CapturingLoggerProvider? logs = null, Action<PostPressClientOptions>? configure = null)
    {
        var options = new PostPressClientOptions(MockApi.ApiKey)
        {
            BaseUri = server.BaseUri,
            InitialRetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(20),
            AttemptTimeout = TimeSpan.FromSeconds(10),
            Timeout = TimeSpan.FromSeconds(20),
        };
        if (logs is not null)
        {
            options.LoggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        }

        configure?.Invoke(options);
        return options;
    }
}

/// <summary>A self-signed certificate for 127.0.0.1, for TLS test servers.</summary>
public static class TestCertificate
{
    private static readonly Lazy<X509Certificate2> Instance = new(Create);

    public static X509Certificate2 Loopback => Instance.Value;

    private static X509Certificate2 Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
