using System;
using System.Threading.Tasks;

namespace PostPress;

/// <summary>One span per call (kind <c>Internal</c>, named after the operation id), parent of the attempts' spans.</summary>
internal sealed class CallTelemetryPolicy : PipelinePolicy
{
    private readonly Uri _baseUri;

    public CallTelemetryPolicy(Uri baseUri)
    {
        _baseUri = baseUri;
    }

    public override ValueTask ProcessAsync(PipelineMessage message, PipelineNext next) =>
        Telemetry.StartCall(message.Operation, _baseUri) is { } activity ? TraceAsync(activity, message, next) : next.ProcessAsync(message);

#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
#endif
    private static async ValueTask TraceAsync(System.Diagnostics.Activity activity, PipelineMessage message, PipelineNext next)
    {
        try
        {
            await next.ProcessAsync(message).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            Failed(activity, message, error);
            throw;
        }

        Succeeded(activity, message);
    }

#if NET8_0_OR_GREATER
    public override void Process(PipelineMessage message, PipelineNext next)
    {
        if (Telemetry.StartCall(message.Operation, _baseUri) is not { } activity)
        {
            next.Process(message);
            return;
        }

        try
        {
            next.Process(message);
        }
        catch (Exception error)
        {
            Failed(activity, message, error);
            throw;
        }

        Succeeded(activity, message);
    }
#endif

    /// <summary>Ends the call's span for a call that threw (both paths).</summary>
    private static void Failed(System.Diagnostics.Activity activity, PipelineMessage message, Exception error)
    {
        if (error is PostPressApiException api)
        {
            Telemetry.Stop(activity, api.StatusCode, Telemetry.Status(api.StatusCode), ServerText.ForDiagnostics(api.Instance, message.ApiKey));
        }
        else
        {
            Telemetry.Stop(activity, null, Telemetry.ErrorType(error), null);
        }
    }

    /// <summary>Ends the call's span for a call that returned (both paths).</summary>
    private static void Succeeded(System.Diagnostics.Activity activity, PipelineMessage message)
    {
        var response = message.Response!;
        Telemetry.Stop(activity, response.StatusCode, null, ServerText.ForDiagnostics(HeaderSnapshot.RequestId(response.Headers), message.ApiKey));
    }
}
