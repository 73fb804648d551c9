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
        catch (PostPressApiException error)
        {
            Telemetry.Stop(activity, error.StatusCode, Telemetry.Status(error.StatusCode), ServerText.ForDiagnostics(error.Instance, message.ApiKey));
            throw;
        }
        catch (Exception error)
        {
            Telemetry.Stop(activity, null, Telemetry.ErrorType(error), null);
            throw;
        }

        var response = message.Response!;
        Telemetry.Stop(activity, response.StatusCode, null, ServerText.ForDiagnostics(HeaderSnapshot.RequestId(response.Headers), message.ApiKey));
    }
}
