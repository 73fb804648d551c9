using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PostPress.Tests.Support;

/// <summary>A WireMock server on loopback plus a client pointed at it with fast, deterministic retry settings.</summary>
public sealed class MockApi : IDisposable
{
    public const string ApiKey = "pp_test_SECRET_7f3a9c1e5b";
    public const string BasePath = "/api/v1";

    public MockApi()
    {
        Server = WireMockServer.Start();
        Logs = new CapturingLoggerProvider();
    }

    public WireMockServer Server { get; }

    public CapturingLoggerProvider Logs { get; }

    public Uri BaseUri => new(Server.Url + BasePath);

    public IReadOnlyList<ILogEntry> Requests => Server.LogEntries.ToList();

    public PostPressClientOptions Options(Action<PostPressClientOptions>? configure = null)
    {
        var options = new PostPressClientOptions(ApiKey)
        {
            BaseUri = BaseUri,
            InitialRetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(20),
            AttemptTimeout = TimeSpan.FromSeconds(10),
            Timeout = TimeSpan.FromSeconds(20),
            LoggerFactory = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace)),
        };
        configure?.Invoke(options);
        return options;
    }

    public PostPressClient Client(Action<PostPressClientOptions>? configure = null) => new(Options(configure));

    public IRequestBuilder Get(string path) => Request.Create().WithPath(BasePath + path).UsingGet();

    public IRequestBuilder Post(string path) => Request.Create().WithPath(BasePath + path).UsingPost();

    public void Reply(IRequestBuilder request, int status, string body, params (string Name, string Value)[] headers)
    {
        var response = Response.Create().WithStatusCode(status).WithBody(body);
        if (!headers.Any(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            response = response.WithHeader("Content-Type", "application/json");
        }

        foreach (var (name, value) in headers)
        {
            response = response.WithHeader(name, value);
        }

        Server.Given(request).RespondWith(response);
    }

    public void Dispose() => Server.Stop();
}

/// <summary>Collects every log line (message + exception text) written through it.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly List<string> _lines = new();

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToList();
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger : ILogger
    {
        private readonly CapturingLoggerProvider _owner;
        private readonly string _category;

        public Logger(CapturingLoggerProvider owner, string category)
        {
            _owner = owner;
            _category = category;
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> kv ? string.Join(";", kv.Select(p => p.Key + "=" + p.Value)) : string.Empty;
            lock (_owner._lines)
            {
                _owner._lines.Add($"{logLevel} {_category} {formatter(state, exception)} [{structured}] {exception}");
            }
        }
    }
}
