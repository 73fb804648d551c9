using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace PostPress.Docs.Samples;

/// <summary>The samples of docs/guides/telemetry.md.</summary>
public static class Telemetry
{
    /// <summary>Records the spans and metrics of one call with OpenTelemetry (in-memory exporters here).</summary>
    public static async Task<IReadOnlyList<string>> TraceOneCallAsync(IPostPressClient client, string accountId)
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();

        #region opentelemetry
        using TracerProvider tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(PostPressDiagnostics.ActivitySourceName)   // "PostPress"
            .AddInMemoryExporter(spans)                           // your exporter: OTLP, console, ...
            .Build();
        using MeterProvider meters = Sdk.CreateMeterProviderBuilder()
            .AddMeter(PostPressDiagnostics.MeterName)             // "PostPress"
            .AddInMemoryExporter(metrics)
            .Build();
        #endregion

        await client.Accounts.GetAsync(accountId);
        tracing.ForceFlush();
        meters.ForceFlush();

        // e.g. "getAccount (Internal)", "GET /accounts/{id} (Client)", "metric postpress.client.request.duration"
        return spans.Select(s => $"{s.DisplayName} ({s.Kind})")
            .Concat(metrics.Select(m => $"metric {m.Name}"))
            .ToList();
    }

    /// <summary>A client that logs through an <see cref="ILoggerFactory"/>.</summary>
    public static PostPressClient CreateLoggingClient(string apiKey, ILoggerFactory loggerFactory)
    {
        #region logging
        var client = new PostPressClient(new PostPressClientOptions(apiKey)
        {
            LoggerFactory = loggerFactory,   // category "PostPress.Client"; with DI the app's factory is used
        });
        #endregion
        return client;
    }
}
