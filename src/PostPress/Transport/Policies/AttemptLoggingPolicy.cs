using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace PostPress;

/// <summary>
/// One <see cref="LogLevel.Information"/> line per attempt (status, time, request id): a failed call's single
/// <see cref="LogLevel.Warning"/> comes from <see cref="CallLoggingPolicy"/>. Server text is neutralized.
/// </summary>
internal sealed class AttemptLoggingPolicy : PipelinePolicy
{
    private static readonly Action<ILogger, string, string, int, int, long, string, Exception?> Attempt =
        LoggerMessage.Define<string, string, int, int, long, string>(LogLevel.Information, new EventId(1, "PostPressAttempt"),
            "PostPress {Method} {Path} attempt {Attempt} -> {StatusCode} in {ElapsedMs} ms (request id '{RequestId}')");

    private static readonly Action<ILogger, string, string, int, string, long, Exception?> AttemptFailed =
        LoggerMessage.Define<string, string, int, string, long>(LogLevel.Information, new EventId(3, "PostPressAttemptFailed"),
            "PostPress {Method} {Path} attempt {Attempt} failed with {Error} after {ElapsedMs} ms");

    private readonly ILogger _logger;

    public AttemptLoggingPolicy(ILogger logger)
    {
        _logger = logger;
    }

    public override ValueTask ProcessAsync(PipelineMessage message, PipelineNext next) =>
        _logger.IsEnabled(LogLevel.Information) ? LogAsync(message, next) : next.ProcessAsync(message);

#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
#endif
    private async ValueTask LogAsync(PipelineMessage message, PipelineNext next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next.ProcessAsync(message).ConfigureAwait(false);
        }
        catch (Exception ex) when (Logged(message, ex))
        {
            Failed(message, started, ex);
            throw;
        }

        Answered(message, started);
    }

#if NET8_0_OR_GREATER
    public override void Process(PipelineMessage message, PipelineNext next)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            next.Process(message);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            next.Process(message);
        }
        catch (Exception ex) when (Logged(message, ex))
        {
            Failed(message, started, ex);
            throw;
        }

        Answered(message, started);
    }
#endif

    /// <summary>Whether a failed attempt gets a line: not when the call's own token ended it (the caller cancelled).</summary>
    private static bool Logged(PipelineMessage message, Exception ex) =>
        ex is not OperationCanceledException || !message.CallToken.IsCancellationRequested || ex is Polly.Timeout.TimeoutRejectedException;

    private void Failed(PipelineMessage message, long started, Exception ex)
    {
        var operation = message.Operation;
        AttemptFailed(_logger, operation.Method.Method, operation.UrlTemplate, message.Attempt, ex is OperationCanceledException ? "Timeout" : ex.GetType().Name, ElapsedMs(started), null);
    }

    private void Answered(PipelineMessage message, long started)
    {
        var operation = message.Operation;
        var response = message.Response!;
        var requestId = ServerText.ForDiagnostics(HeaderSnapshot.RequestId(response.Headers), message.ApiKey) ?? string.Empty;
        Attempt(_logger, operation.Method.Method, operation.UrlTemplate, message.Attempt, response.StatusCode, ElapsedMs(started), requestId, null);
    }

    internal static long ElapsedMs(long started) => (long)((Stopwatch.GetTimestamp() - started) * 1000.0 / Stopwatch.Frequency);
}
