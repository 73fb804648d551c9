using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Polly.Timeout;

namespace PostPress;

/// <summary>
/// Turns the failure that ended the last attempt into the SDK's exception: an attempt timeout or a transport
/// cancellation into <see cref="PostPressTimeoutException"/>, a connection or I/O failure into
/// <see cref="PostPressConnectionException"/>. What the call's own token ended is left to <see cref="CallTimeoutPolicy"/>.
/// </summary>
internal sealed class TransportErrorPolicy : PipelinePolicy
{
    /// <summary>When the rest of the path completed synchronously and well, nothing to translate: no state machine.</summary>
    public override ValueTask ProcessAsync(PipelineMessage message, PipelineNext next)
    {
        ValueTask pending;
        try
        {
            pending = next.ProcessAsync(message);
        }
        catch (Exception ex)
        {
            pending = PipelineResult.Faulted(ex);
        }

        return pending.IsCompletedSuccessfully ? pending : TranslateAsync(message, pending);
    }

#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
#endif
    private static async ValueTask TranslateAsync(PipelineMessage message, ValueTask pending)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not PostPressException && !message.CallToken.IsCancellationRequested && Translate(ex, message) is { } translated)
        {
            throw translated;
        }
    }

#if NET8_0_OR_GREATER
    public override void Process(PipelineMessage message, PipelineNext next)
    {
        try
        {
            next.Process(message);
        }
        catch (Exception ex) when (ex is not PostPressException && !message.CallToken.IsCancellationRequested && Translate(ex, message) is { } translated)
        {
            throw translated;
        }
    }
#endif

    private static Exception? Translate(Exception exception, PipelineMessage message)
    {
        var what = message.Operation.SpanName;
        var attempts = message.Attempt;
        return exception switch
        {
            TimeoutRejectedException timeout => new PostPressTimeoutException(what + " did not complete within the attempt timeout (" + timeout.Timeout + ") in " + attempts + " attempt(s).", exception),
            OperationCanceledException => new PostPressTimeoutException(what + " was cancelled by the transport (timeout) after " + attempts + " attempt(s).", exception),
            HttpRequestException or IOException or ObjectDisposedException =>
                new PostPressConnectionException(what + " failed after " + attempts + " attempt(s): " + ServerText.Neutralize(ServerText.Redact(exception.Message, message.ApiKey)), exception),
            _ => null,
        };
    }
}
