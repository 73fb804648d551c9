using System;

namespace PostPress;

/// <summary>
/// A write (POST) may or may not have been performed: its request was sent, then the attempt timed out, the connection
/// broke, or the API answered 504, and no later attempt settled it. Thrown instead of the
/// <see cref="PostPressTimeoutException"/>, <see cref="PostPressConnectionException"/> or 504
/// <see cref="PostPressApiException"/> (kept as <see cref="Exception.InnerException"/>). Check the provider before
/// sending the request again, or opt in to <see cref="PostPressClientOptions.RetryUnknownOutcomes"/> for operations whose
/// duplicates the API reports.
/// </summary>
/// <remarks>
/// The message names the operation and what is known; it never quotes the body. The caller's own cancellation stays an
/// <see cref="OperationCanceledException"/> (the outcome of a write cancelled in flight is unknown too).
/// </remarks>
public class PostPressUnknownOutcomeException : PostPressException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="operationId">The operation id of the write.</param>
    /// <param name="requestBody">The JSON request body as sent, or <see langword="null"/>.</param>
    /// <param name="statusCode">The HTTP status of the last answer (504), or <see langword="null"/> when none came.</param>
    /// <param name="requestSent">Whether the last attempt's request was written to the connection in full.</param>
    /// <param name="attempts">The attempts made.</param>
    /// <param name="innerException">The failure that left the outcome unknown.</param>
    public PostPressUnknownOutcomeException(string message, string operationId, string? requestBody, int? statusCode, bool requestSent, int attempts, Exception? innerException = null)
        : base(message, innerException)
    {
        OperationId = operationId;
        RequestBody = requestBody;
        StatusCode = statusCode;
        RequestSent = requestSent;
        Attempts = attempts;
    }

    /// <summary>The operation id of the write (e.g. <c>performLinkedInUserAction</c>).</summary>
    public string OperationId { get; }

    /// <summary>The JSON request body as sent (the API key, a header, is never in it; if it were, it is redacted).</summary>
    public string? RequestBody { get; }

    /// <summary>The status of the last answer when the API answered (504), else <see langword="null"/>.</summary>
    public int? StatusCode { get; }

    /// <summary>
    /// Whether the last attempt's request body was written to the connection in full (for a request without a body:
    /// whether an answer came). <see langword="false"/> does not mean the API did not act on an earlier attempt.
    /// </summary>
    public bool RequestSent { get; }

    /// <summary>The attempts made.</summary>
    public int Attempts { get; }
}

/// <summary>
/// A write whose first attempt had an unknown outcome was retried (<see cref="PostPressClientOptions.RetryUnknownOutcomes"/>)
/// and the API answered that the action was already performed (the operation's <c>x-postpress-duplicate-error</c>, e.g.
/// <c>errors/action_already_performed</c>): the earlier attempt did it, so the action is done. Catch it as the success
/// of that call; the result body of the performing attempt was lost, so there is no result object to return.
/// </summary>
public class PostPressActionAlreadyPerformedException : PostPressException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="operationId">The operation id of the write.</param>
    /// <param name="requestBody">The JSON request body as sent, or <see langword="null"/>.</param>
    /// <param name="attempts">The attempts made.</param>
    /// <param name="answer">The API's answer to the retry (the duplicate error).</param>
    public PostPressActionAlreadyPerformedException(string message, string operationId, string? requestBody, int attempts, PostPressApiException answer)
        : base(message, answer)
    {
        OperationId = operationId;
        RequestBody = requestBody;
        Attempts = attempts;
        Answer = answer ?? throw new ArgumentNullException(nameof(answer));
    }

    /// <summary>The operation id of the write.</summary>
    public string OperationId { get; }

    /// <summary>The JSON request body as sent.</summary>
    public string? RequestBody { get; }

    /// <summary>The attempts made (the first with an unknown outcome, the last answered with the duplicate error).</summary>
    public int Attempts { get; }

    /// <summary>The API's answer to the retry: the duplicate error (status, problem type, request id).</summary>
    public PostPressApiException Answer { get; }
}
