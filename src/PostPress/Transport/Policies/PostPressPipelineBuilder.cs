using System;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PostPress;

/// <summary>
/// The per-call path in one place: the ordered list of policies every call goes through, outermost first. Each
/// policy is one concern in its own file; read this list top to bottom to know what happens to a call.
/// </summary>
internal static class PostPressPipelineBuilder
{
    /// <summary>Builds the policies for a client's options, outermost first; the last one is the transport.</summary>
    public static PipelinePolicy[] Build(PostPressClientOptions options, ClientTransport transport, ClientLifetime lifetime, ILogger logger, string userAgent)
    {
        var baseUri = options.BaseUri;

        // A client without a LoggerFactory logs nothing, ever (NullLogger): its path has no logging policies at all. A
        // real logger keeps them even when its level is off now, since filters can change while the client lives.
        var logs = !ReferenceEquals(logger, NullLogger.Instance);
        var policies = new System.Collections.Generic.List<PipelinePolicy>
        {
            // The call: one span, one Warning for a failure, the call's token and what it means when it fires.
            new CallTelemetryPolicy(baseUri),
        };
        if (logs)
        {
            policies.Add(new CallLoggingPolicy(logger));
        }

        // A write that may or may not have been performed: its own exception (or, opted in, a retry that detects it).
        policies.Add(new UnknownOutcomePolicy(options.RetryUnknownOutcomes));
        policies.Add(new CallTimeoutPolicy(lifetime, options.Timeout, options.AttemptTimeout, options.TimeProvider));
        policies.Add(new TransportErrorPolicy());
        policies.Add(new ErrorMappingPolicy(options.TimeProvider));

        // The attempts: retried, each bounded by the attempt timeout.
        policies.Add(new RetryPolicy(options, logger, baseUri));

        // Per-account pacing (opt-in): every attempt, retries included, waits for its account's turn; the wait counts
        // against the overall timeout, not the attempt's.
        if (options.Pacing is { } pacing)
        {
            policies.Add(PacingPolicy.For(pacing, options.TimeProvider));
        }

        // Always present: a call may set its own attempt timeout (PostPressRequestOptions); it steps aside when neither
        // the call nor the client sets one.
        policies.Add(new AttemptTimeoutPolicy(options.AttemptTimeout, options.TimeProvider));

        // One attempt: the request; its span (which puts its trace context on the request) and log line; then, on the
        // way back, the body read whole after the redirect check.
        policies.Add(new RequestPolicy(userAgent));
        policies.Add(new AttemptTelemetryPolicy(baseUri));
        if (logs)
        {
            policies.Add(new AttemptLoggingPolicy(logger));
        }

        policies.Add(new ResponseBufferingPolicy(options.MaxResponseSize));
        policies.Add(new RedirectGuardPolicy());
        policies.Add(new TransportPolicy(transport));
        return policies.ToArray();
    }
}
