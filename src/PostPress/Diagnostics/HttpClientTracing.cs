using System.Diagnostics;

namespace PostPress;

/// <summary>
/// Whether HttpClient records a span of its own (kind <c>Client</c>) for each request the SDK sends, so the SDK's
/// attempt span must not be a second <c>Client</c> span.
/// </summary>
/// <remarks>
/// <para>HttpClient (.NET 7 and later) starts its request activity from an <see cref="ActivitySource"/> named
/// <c>System.Net.Http</c> when something listens to that name (OpenTelemetry's HttpClient instrumentation adds it on
/// .NET 7+; on .NET 9+ the runtime fills in the HTTP attributes itself). Listeners choose sources by name
/// (<see cref="ActivityListener.ShouldListenTo"/>), so a source of the same name here has listeners exactly when the
/// runtime's has: <see cref="ActivitySource.HasListeners"/> on it answers the question without touching the runtime's
/// source. No activity is ever started from these probes. Where the netstandard2.0 build runs on a runtime without that
/// source, OpenTelemetry's instrumentation records the <c>Client</c> span under a source of its own, probed the same
/// way: <c>OpenTelemetry.Instrumentation.Http.HttpWebRequest</c> (.NET Framework) and
/// <c>OpenTelemetry.Instrumentation.Http.HttpClient</c> (.NET 6).</para>
/// <para>Azure.Core keeps its HTTP span <c>Client</c> and leaves it to the application to filter HttpClient's span out
/// (the Azure Monitor distro does it with <c>FilterHttpRequestMessage</c>); the SDK has no such filter to rely on, so it
/// yields instead: HttpClient's span, when recorded, carries the HTTP semantics (<c>url.full</c>, protocol, connection
/// details) and the SDK's <c>Internal</c> attempt span above it carries the template, retry count and request id.</para>
/// <para>Not detected: a listener that samples HttpClient's span out while keeping the SDK's (e.g. an HttpClient
/// instrumentation filter that drops PostPress requests) leaves the attempt span <c>Internal</c> with no <c>Client</c>
/// span under it.</para>
/// </remarks>
internal static class HttpClientTracing
{
    /// <summary>HttpClient's activity source name (.NET 7 and later).</summary>
    internal const string SystemNetHttpSourceName = "System.Net.Http";

    private static readonly ActivitySource SystemNetHttpProbe = new(SystemNetHttpSourceName);

#if !NET
    /// <summary>OpenTelemetry's HttpWebRequest instrumentation on .NET Framework.</summary>
    private static readonly ActivitySource HttpWebRequestProbe = new("OpenTelemetry.Instrumentation.Http.HttpWebRequest");

    /// <summary>OpenTelemetry's HttpClient instrumentation on .NET 6 and older.</summary>
    private static readonly ActivitySource LegacyHttpClientProbe = new("OpenTelemetry.Instrumentation.Http.HttpClient");
#endif

    /// <summary>True when an HttpClient request span will be recorded under the SDK's attempt span.</summary>
    public static bool RecordsClientSpans =>
#if NET
        SystemNetHttpProbe.HasListeners();
#else
        SystemNetHttpProbe.HasListeners() || HttpWebRequestProbe.HasListeners() || LegacyHttpClientProbe.HasListeners();
#endif

    /// <summary>The kind of the SDK's attempt span: <c>Internal</c> under HttpClient's <c>Client</c> span, else <c>Client</c>.</summary>
    public static ActivityKind AttemptKind => RecordsClientSpans ? ActivityKind.Internal : ActivityKind.Client;
}
