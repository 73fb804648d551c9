using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Polly.Timeout;

namespace PostPress;

/// <summary>
/// One span per attempt and one duration measurement per attempt (<see cref="PostPressDiagnostics"/>); a Client span
/// puts its trace context on the request (<see cref="Telemetry.Propagate"/>). Nothing is recorded when nothing listens.
/// </summary>
internal sealed class AttemptTelemetryPolicy : PipelinePolicy
{
    private readonly Uri _baseUri;

    public AttemptTelemetryPolicy(Uri baseUri)
    {
        _baseUri = baseUri;
    }

    public override ValueTask ProcessAsync(PipelineMessage message, PipelineNext next) =>
        Telemetry.IsRecording ? RecordAsync(message, next) : next.ProcessAsync(message);

#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
#endif
    private async ValueTask RecordAsync(PipelineMessage message, PipelineNext next)
    {
        var started = Stopwatch.GetTimestamp();
        var activity = Start(message);
        try
        {
            await next.ProcessAsync(message).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Failed(message, started, activity, ex);
            throw;
        }

        Succeeded(message, started, activity);
    }

#if NET8_0_OR_GREATER
    public override void Process(PipelineMessage message, PipelineNext next)
    {
        if (!Telemetry.IsRecording)
        {
            next.Process(message);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var activity = Start(message);
        try
        {
            next.Process(message);
        }
        catch (Exception ex)
        {
            Failed(message, started, activity, ex);
            throw;
        }

        Succeeded(message, started, activity);
    }
#endif

    /// <summary>Starts the attempt's span and puts its trace context on the request (both paths).</summary>
    private Activity? Start(PipelineMessage message)
    {
        var activity = Telemetry.StartAttempt(message.Operation, _baseUri, message.Attempt);
        if (message.Request is { } request)
        {
            Telemetry.Propagate(activity, request);
        }

        return activity;
    }

    /// <summary>Records an attempt that threw (both paths).</summary>
    private void Failed(PipelineMessage message, long started, Activity? activity, Exception ex)
    {
        // The call's own token (caller, client disposal, overall timeout) ends the call: "cancelled", not retried.
        var error = ex is OperationCanceledException && message.CallToken.IsCancellationRequested && ex is not TimeoutRejectedException
            ? "cancelled"
            : ex is OperationCanceledException ? "timeout" : Telemetry.ErrorType(ex);
        var status = message.RawResponse is { } raw ? (int?)(int)raw.StatusCode : null;
        Telemetry.RecordAttempt(message.Operation, _baseUri, started, status, error);
        Telemetry.Stop(activity, status, error, null);
    }

    /// <summary>Records an attempt that was answered (both paths).</summary>
    private void Succeeded(PipelineMessage message, long started, Activity? activity)
    {
        var response = message.Response!;
        var errorType = response.IsSuccess ? null : Telemetry.Status(response.StatusCode);
        Telemetry.RecordAttempt(message.Operation, _baseUri, started, response.StatusCode, errorType);
        Telemetry.Stop(activity, response.StatusCode, errorType, activity is null ? null : ServerText.ForDiagnostics(HeaderSnapshot.RequestId(response.Headers), message.ApiKey));
    }
}
