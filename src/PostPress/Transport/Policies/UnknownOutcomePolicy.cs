using System;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace PostPress;

/// <summary>
/// Writes whose outcome is unknown. For a non-idempotent operation (POST): a call that ends with an attempt timeout, a
/// broken connection after the request was handed to the transport, or a 504 (or any retryable failure after an
/// earlier attempt ended so) throws <see cref="PostPressUnknownOutcomeException"/> instead of the timeout, connection or
/// 504 exception. With <see cref="PostPressClientOptions.RetryUnknownOutcomes"/> and an operation that declares its
/// duplicate error (<see cref="OperationInfo.DuplicateError"/>), it lets <see cref="RetryPolicy"/> retry such an attempt
/// (<see cref="PipelineMessage.RetryUnknownOutcome"/>), and a retry answered with that error ends the call with
/// <see cref="PostPressActionAlreadyPerformedException"/>. Sits outside <see cref="CallTimeoutPolicy"/>, so it sees the
/// exception the call would end with; the caller's cancellation and a client disposed in flight are left as they are.
/// </summary>
internal sealed class UnknownOutcomePolicy : PipelinePolicy
{
    private readonly bool _retryUnknownOutcomes;

    public UnknownOutcomePolicy(bool retryUnknownOutcomes)
    {
        _retryUnknownOutcomes = retryUnknownOutcomes;
    }

    /// <summary>Reads pass straight through (no state machine); writes go through <see cref="ProcessWrite"/>.</summary>
    public override ValueTask ProcessAsync(PipelineMessage message, PipelineNext next) =>
        message.Operation.Idempotent ? next.ProcessAsync(message) : ProcessWrite(message, next);

    /// <summary>A write that completed synchronously and well has nothing to translate: no state machine.</summary>
    private ValueTask ProcessWrite(PipelineMessage message, PipelineNext next)
    {
        message.RetryUnknownOutcome = _retryUnknownOutcomes && message.Operation.DuplicateError is not null;
        ValueTask pending;
        try
        {
            pending = next.ProcessAsync(message);
        }
        catch (Exception ex)
        {
            pending = PipelineResult.Faulted(ex);
        }

        return pending.IsCompletedSuccessfully ? pending : ProcessWriteAsync(message, pending);
    }

#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
#endif
    private static async ValueTask ProcessWriteAsync(PipelineMessage message, ValueTask pending)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (PostPressException ex) when (Translate(ex, message) is { } translated)
        {
            throw translated;
        }
    }

#if NET8_0_OR_GREATER
    public override void Process(PipelineMessage message, PipelineNext next)
    {
        if (message.Operation.Idempotent)
        {
            next.Process(message);
            return;
        }

        message.RetryUnknownOutcome = _retryUnknownOutcomes && message.Operation.DuplicateError is not null;
        try
        {
            next.Process(message);
        }
        catch (PostPressException ex) when (Translate(ex, message) is { } translated)
        {
            throw translated;
        }
    }
#endif

    /// <summary>
    /// What a write's failure becomes (both paths): a duplicate answer after an unknown outcome, an unknown outcome, or
    /// <see langword="null"/> (the exception stands).
    /// </summary>
    private static PostPressException? Translate(PostPressException ex, PipelineMessage message)
    {
        var operation = message.Operation;
        if (ex is PostPressApiException api && message.OutcomeUnknown && operation.DuplicateError is { } duplicate && api.ErrorType?.ToString() == duplicate)
        {
            return new PostPressActionAlreadyPerformedException(
                operation.SpanName + ": attempt " + message.Attempt + " was answered '" + duplicate + "' after an earlier attempt's outcome was unknown: that attempt performed the action.",
                operation.OperationId,
                Body(message),
                message.Attempt,
                api);
        }

        if (IsUnknown(ex, message) is var status && status.Unknown)
        {
            var what = status.Code is { } code ? "the API answered " + code : message.RequestSent ? "no answer came after the request was sent" : "the request may have reached the API";
            return new PostPressUnknownOutcomeException(
                operation.SpanName + " may or may not have been performed: " + what + " (" + message.Attempt + " attempt(s)). Check before sending it again.",
                operation.OperationId,
                Body(message),
                status.Code,
                message.RequestSent,
                message.Attempt,
                ex);
        }

        return null;
    }

    private static (bool Unknown, int? Code) IsUnknown(PostPressException exception, PipelineMessage message)
    {
        switch (exception)
        {
            case PostPressApiException api:
                var status = api.StatusCode;
                return (status == 504 || (message.OutcomeUnknown && (status == 429 || status >= 500)), status);
            case PostPressTimeoutException:
                return (message.OutcomeUnknown || message.RequestDispatched, null);
            case PostPressConnectionException connection:
                return (message.OutcomeUnknown || (message.RequestDispatched && !(connection.InnerException is HttpRequestException h && RetryPolicy.IsConnectFailure(h))), null);
            default:
                return (false, null);
        }
    }

    private static string? Body(PipelineMessage message) =>
        message.Body is { } body ? ServerText.Redact(Encoding.UTF8.GetString(body), message.ApiKey) : null;
}
