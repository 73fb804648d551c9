using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace PostPress;

/// <summary>
/// One <see cref="LogLevel.Warning"/> line per failed call (an error status after retries, a timeout, a connection
/// failure); a call the caller cancelled is not a failure. Server text in the line is neutralized.
/// </summary>
internal sealed class CallLoggingPolicy : PipelinePolicy
{
    private static readonly Action<ILogger, string, string, int, string, string, int, Exception?> CallFailedStatus =
        LoggerMessage.Define<string, string, int, string, string, int>(LogLevel.Warning, new EventId(5, "PostPressCallFailed"),
            "PostPress {Method} {Path} failed with {StatusCode} {ErrorType} (request id '{Instance}') after {Attempts} attempt(s)");

    private static readonly Action<ILogger, string, string, string, int, Exception?> CallFailed =
        LoggerMessage.Define<string, string, string, int>(LogLevel.Warning, new EventId(6, "PostPressCallError"),
            "PostPress {Method} {Path} failed with {Error} after {Attempts} attempt(s)");

    private readonly ILogger _logger;

    public CallLoggingPolicy(ILogger logger)
    {
        _logger = logger;
    }

    public override ValueTask ProcessAsync(PipelineMessage message, PipelineNext next) =>
        _logger.IsEnabled(LogLevel.Warning) ? LogAsync(message, next) : next.ProcessAsync(message);

#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
#endif
    private async ValueTask LogAsync(PipelineMessage message, PipelineNext next)
    {
        try
        {
            await next.ProcessAsync(message).ConfigureAwait(false);
        }
        catch (PostPressException error)
        {
            Failed(message, error);
            throw;
        }
    }

#if NET8_0_OR_GREATER
    public override void Process(PipelineMessage message, PipelineNext next)
    {
        if (!_logger.IsEnabled(LogLevel.Warning))
        {
            next.Process(message);
            return;
        }

        try
        {
            next.Process(message);
        }
        catch (PostPressException error)
        {
            Failed(message, error);
            throw;
        }
    }
#endif

    /// <summary>Writes the failed call's line (both paths).</summary>
    private void Failed(PipelineMessage message, PostPressException error)
    {
        var operation = message.Operation;
        if (error is PostPressApiException api)
        {
            CallFailedStatus(_logger, operation.Method.Method, operation.UrlTemplate, api.StatusCode,
                ServerText.ForDiagnostics(api.ErrorType?.Value, message.ApiKey) ?? "(none)", ServerText.ForDiagnostics(api.Instance, message.ApiKey) ?? string.Empty, message.Attempt, null);
        }
        else
        {
            CallFailed(_logger, operation.Method.Method, operation.UrlTemplate, Telemetry.ErrorType(error), message.Attempt, null);
        }
    }
}
