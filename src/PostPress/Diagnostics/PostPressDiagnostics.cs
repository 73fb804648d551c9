using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http;
using System.Reflection;

namespace PostPress;

/// <summary>
/// The names under which the SDK publishes traces and metrics. Subscribe with OpenTelemetry:
/// <c>builder.WithTracing(t =&gt; t.AddSource(PostPressDiagnostics.ActivitySourceName))</c> and
/// <c>.WithMetrics(m =&gt; m.AddMeter(PostPressDiagnostics.MeterName))</c>.
/// </summary>
/// <remarks>
/// <para>Spans: one per call (kind <c>Internal</c>, named after the operation id, e.g. <c>getUserProfile</c>), the
/// parent of one span per attempt (named <c>{method} {url.template}</c>, e.g. <c>GET /users/{identifier}</c>). Their
/// attributes follow the OpenTelemetry HTTP client conventions: <c>http.request.method</c>, <c>server.address</c>,
/// <c>server.port</c>, <c>url.template</c> (never the concrete ids), <c>http.response.status_code</c>,
/// <c>error.type</c>, <c>http.request.resend_count</c> (on retries), plus <c>postpress.operation.id</c> and
/// <c>postpress.request.id</c>. Nothing is recorded when no listener is attached.</para>
/// <para>Exactly one <c>Client</c> span per attempt: when something listens to HttpClient's own activity source
/// (<c>System.Net.Http</c>, e.g. OpenTelemetry's HttpClient instrumentation), the attempt span is of kind
/// <c>Internal</c> and HttpClient's span (kind <c>Client</c>, with <c>url.full</c> and the other HTTP attributes of
/// the runtime) is its child; otherwise the attempt span itself is of kind <c>Client</c>. The choice is made when each
/// attempt starts.</para>
/// <para>Metrics, all under the SDK's own names (never the runtime's <c>http.client.*</c> instruments, which
/// <c>System.Net.Http</c> publishes for the same requests): <c>postpress.client.request.duration</c> (histogram,
/// seconds, one measurement per attempt) and <c>postpress.client.retries</c> (counter), with the same low-cardinality
/// attributes.</para>
/// </remarks>
public static class PostPressDiagnostics
{
    /// <summary>The <see cref="ActivitySource"/> name: <c>PostPress</c>.</summary>
    public const string ActivitySourceName = "PostPress";

    /// <summary>The <see cref="Meter"/> name: <c>PostPress</c>.</summary>
    public const string MeterName = "PostPress";

    private static readonly string Version = typeof(PostPressDiagnostics).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    internal static readonly ActivitySource Source = new(ActivitySourceName, Version);

    internal static readonly Meter Meter = new(MeterName, Version);

    /// <summary>The per-attempt duration histogram's name (earlier builds used System.Net.Http's own
    /// <c>http.client.request.duration</c>, so every request was counted twice under that name).</summary>
    internal const string RequestDurationName = "postpress.client.request.duration";

    /// <summary>The retry counter's name.</summary>
    internal const string RetriesName = "postpress.client.retries";

    /// <summary>The pacing wait counter's name.</summary>
    internal const string PacingWaitsName = "postpress.client.pacing.waits";

    /// <summary>The pacing wait-time histogram's name.</summary>
    internal const string PacingWaitDurationName = "postpress.client.pacing.wait.duration";

    /// <summary>The name of the counter of 429s a paced account received.</summary>
    internal const string PacingThrottledName = "postpress.client.pacing.throttled";

    internal static readonly Counter<long> PacingWaits = Meter.CreateCounter<long>(
        PacingWaitsName,
        unit: "{wait}",
        description: "Attempts the PostPress client held back to pace an account.");

    internal static readonly Histogram<double> PacingWaitDuration = Meter.CreateHistogram<double>(
        PacingWaitDurationName,
        unit: "s",
        description: "How long the PostPress client held an attempt back to pace its account.");

    internal static readonly Counter<long> PacingThrottled = Meter.CreateCounter<long>(
        PacingThrottledName,
        unit: "{response}",
        description: "429 answers for a paced account (each pauses that account for its Retry-After).");

    internal static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>(
        RequestDurationName,
        unit: "s",
        description: "Duration of the PostPress client's HTTP requests, one measurement per attempt.");

    /// <summary>The schema drift counter's name (README, "Schema drift").</summary>
    internal const string SchemaDriftName = "postpress.client.schema_drift";

    internal static readonly Counter<long> SchemaDrift = Meter.CreateCounter<long>(
        SchemaDriftName,
        unit: "{drift}",
        description: "Fields, enum values and union variants in 2xx responses that this SDK does not know (tags: model, field, kind).");

    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        RetriesName,
        unit: "{retry}",
        description: "Attempts retried by the PostPress client.");
}

/// <summary>Recording helpers for the call and attempt spans and the metrics; cheap when nothing listens.</summary>
internal static class Telemetry
{
    /// <summary>Whether anything listens to the SDK's spans or its per-attempt duration (else the attempt policy steps aside).</summary>
    public static bool IsRecording => PostPressDiagnostics.Source.HasListeners() || PostPressDiagnostics.RequestDuration.Enabled;

    public static Activity? StartCall(OperationInfo operation, Uri baseUri) =>
        Start(operation, baseUri, operation.OperationId, ActivityKind.Internal, attempt: 1);

    /// <summary>
    /// Starts an attempt span: kind <c>Client</c>, unless HttpClient's own span will be recorded as its child (see
    /// <see cref="HttpClientTracing"/>), then <c>Internal</c>, so a trace has one <c>Client</c> span per attempt.
    /// </summary>
    public static Activity? StartAttempt(OperationInfo operation, Uri baseUri, int attempt) =>
        Start(operation, baseUri, operation.SpanName, kind: null, attempt);

    private static Activity? Start(OperationInfo operation, Uri baseUri, string name, ActivityKind? kind, int attempt)
    {
        if (!PostPressDiagnostics.Source.HasListeners())
        {
            return null;
        }

        var activity = PostPressDiagnostics.Source.StartActivity(name, kind ?? HttpClientTracing.AttemptKind);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("postpress.operation.id", operation.OperationId);
            activity.SetTag("http.request.method", operation.Method.Method);
            activity.SetTag("url.template", operation.UrlTemplate);
            activity.SetTag("server.address", baseUri.Host);
            activity.SetTag("server.port", baseUri.Port);
            if (attempt > 1)
            {
                activity.SetTag("http.request.resend_count", attempt - 1);
            }
        }

        return activity;
    }

    /// <summary>
    /// Puts the trace context of a <c>Client</c> attempt span on the request (<c>traceparent</c>/<c>tracestate</c>
    /// through <see cref="DistributedContextPropagator.Current"/>), so the server's span is the attempt span's child. Call
    /// it once the request is built, before sending. Without it, HttpClient (which starts an unrecorded activity of its
    /// own under the current one when nothing listens to <c>System.Net.Http</c>) sends that activity's id, a parent no
    /// exporter ever sees. HttpClient never replaces a header that is already there. Does nothing without a span, or
    /// when the attempt span is <c>Internal</c>: HttpClient's recorded <c>Client</c> span is then the right parent and
    /// HttpClient propagates it itself.
    /// </summary>
    /// <param name="attempt">The span <see cref="StartAttempt"/> returned (null when nothing listens).</param>
    /// <param name="request">The request about to be sent.</param>
    public static void Propagate(Activity? attempt, HttpRequestMessage request)
    {
        if (attempt is null || attempt.Kind != ActivityKind.Client)
        {
            return;
        }

        DistributedContextPropagator.Current.Inject(attempt, request, static (carrier, name, value) =>
        {
            if (carrier is HttpRequestMessage message && name is not null && value is not null && !message.Headers.Contains(name))
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        });
    }

    /// <summary>Ends a span with its outcome: a status code and/or an error type.</summary>
    public static void Stop(Activity? activity, int? statusCode, string? errorType, string? requestId)
    {
        if (activity is null)
        {
            return;
        }

        if (activity.IsAllDataRequested)
        {
            if (statusCode is { } status)
            {
                activity.SetTag("http.response.status_code", status);
            }

            if (requestId is not null)
            {
                activity.SetTag("postpress.request.id", requestId);
            }

            if (errorType is not null)
            {
                activity.SetTag("error.type", errorType);
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }

        activity.Dispose();
    }

    public static void RecordAttempt(OperationInfo operation, Uri baseUri, long startTimestamp, int? statusCode, string? errorType)
    {
        if (!PostPressDiagnostics.RequestDuration.Enabled)
        {
            return;
        }

        var seconds = (Stopwatch.GetTimestamp() - startTimestamp) / (double)Stopwatch.Frequency;
        var tags = new TagList
        {
            { "http.request.method", operation.Method.Method },
            { "server.address", baseUri.Host },
            { "server.port", baseUri.Port },
            { "url.template", operation.UrlTemplate },
            { "postpress.operation.id", operation.OperationId },
        };
        if (statusCode is { } status)
        {
            tags.Add("http.response.status_code", status);
        }

        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        PostPressDiagnostics.RequestDuration.Record(seconds, tags);
    }

    /// <summary>A pacing wait (no account id as a tag: unbounded cardinality, and an account id identifies a customer).</summary>
    public static void RecordPacingWait(OperationInfo operation, TimeSpan waited)
    {
        if (PostPressDiagnostics.PacingWaits.Enabled)
        {
            PostPressDiagnostics.PacingWaits.Add(1, new KeyValuePair<string, object?>("postpress.operation.id", operation.OperationId));
        }

        if (PostPressDiagnostics.PacingWaitDuration.Enabled)
        {
            PostPressDiagnostics.PacingWaitDuration.Record(waited.TotalSeconds, new KeyValuePair<string, object?>("postpress.operation.id", operation.OperationId));
        }
    }

    /// <summary>A 429 for a paced account.</summary>
    public static void RecordThrottled(OperationInfo operation)
    {
        if (PostPressDiagnostics.PacingThrottled.Enabled)
        {
            PostPressDiagnostics.PacingThrottled.Add(1, new KeyValuePair<string, object?>("postpress.operation.id", operation.OperationId));
        }
    }

    public static void RecordRetry(OperationInfo operation, Uri baseUri, string reason)
    {
        if (!PostPressDiagnostics.Retries.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "http.request.method", operation.Method.Method },
            { "server.address", baseUri.Host },
            { "url.template", operation.UrlTemplate },
            { "postpress.operation.id", operation.OperationId },
            { "error.type", reason },
        };
        PostPressDiagnostics.Retries.Add(1, tags);
    }

    /// <summary>The <c>error.type</c> of an exception: the well-known name, else the exception's type name.</summary>
    public static string ErrorType(Exception exception) => exception switch
    {
        Polly.Timeout.TimeoutRejectedException => "timeout",
        OperationCanceledException => "cancelled",
        PostPressRedirectException => "redirect",
        PostPressResponseTooLargeException => "response_too_large",
        _ => exception.GetType().FullName ?? exception.GetType().Name,
    };

    public static string Status(int status) => status.ToString(CultureInfo.InvariantCulture);
}
