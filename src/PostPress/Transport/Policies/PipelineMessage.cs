using System;
using System.Net.Http;
using System.Threading;

namespace PostPress;

/// <summary>
/// One call on its way through the policies: what to send (operation, URI, body, key), the tokens in force, the
/// attempt number, and what came back. Each policy reads and sets only the members of its own concern.
/// </summary>
internal sealed class PipelineMessage : IDisposable
{
    public PipelineMessage(OperationInfo operation, Uri uri, byte[]? body, string apiKey, CancellationToken callerToken)
    {
        Operation = operation;
        Uri = uri;
        Body = body;
        ApiKey = apiKey;
        CallerToken = callerToken;
        CallToken = callerToken;
        CancellationToken = callerToken;
    }

    /// <summary>The operation (id, method, URL template, whether it is idempotent).</summary>
    public OperationInfo Operation { get; }

    /// <summary>The absolute URI of the call (base address, path and query).</summary>
    public Uri Uri { get; }

    /// <summary>The JSON request body in UTF-8, or <see langword="null"/>.</summary>
    public byte[]? Body { get; }

    /// <summary>A non-JSON body (form, multipart, stream, text) that makes a fresh content per attempt, or <see langword="null"/>.</summary>
    public RequestContent? Content { get; set; }

    /// <summary>The operation's header parameters, already validated (<see cref="RequestPolicy"/> sets them), or <see langword="null"/>.</summary>
    public System.Collections.Generic.List<System.Collections.Generic.KeyValuePair<string, string>>? Headers { get; set; }

    /// <summary>The caller's extra headers (<see cref="PostPressRequestOptions.Headers"/>, validated), or <see langword="null"/>.</summary>
    public System.Collections.Generic.List<System.Collections.Generic.KeyValuePair<string, string>>? ExtraHeaders { get; set; }

    /// <summary>The call's own overall timeout (<see cref="PostPressRequestOptions.Timeout"/>), or <see langword="null"/> for the client's.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>The call's own attempt timeout (<see cref="PostPressRequestOptions.AttemptTimeout"/>), or <see langword="null"/> for the client's.</summary>
    public TimeSpan? AttemptTimeout { get; set; }

    /// <summary>
    /// The call's own retry count (<see cref="PostPressRequestOptions.MaxRetries"/>), or <see langword="null"/> for the
    /// client's; <see cref="RetryPolicy"/> sets it to the count in force (the call's or the client's) before the first attempt.
    /// </summary>
    public int? MaxRetries { get; set; }

    /// <summary>The <c>Accept</c> header (the operation's media type); <c>application/json</c> by default.</summary>
    public string Accept { get; set; } = "application/json";

    /// <summary>
    /// A 2xx body is handed over unread (<see cref="ResponseBufferingPolicy"/>): binary downloads. Error bodies are still
    /// read whole for the error mapping.
    /// </summary>
    public bool StreamResponse { get; set; }

    /// <summary>
    /// The API key the call is sent with: the client's, or the call's own (<see cref="PostPressRequestOptions.ApiKey"/>)
    /// (never logged; redacted from what the server sends back).
    /// </summary>
    public string ApiKey { get; }

    /// <summary>The caller's own token.</summary>
    public CancellationToken CallerToken { get; }

    /// <summary>The call's token: the caller's, the client's lifetime and the overall timeout (<see cref="CallTimeoutPolicy"/>).</summary>
    public CancellationToken CallToken { get; set; }

    /// <summary>The token of the step in progress: within an attempt, the attempt's (<see cref="AttemptTimeoutPolicy"/>).</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>The attempt in progress, from 1 (<see cref="RetryPolicy"/>).</summary>
    public int Attempt { get; set; }

    /// <summary>Called by <see cref="RetryPolicy"/> once a retry is decided, before its delay.</summary>
    public Action<PipelineMessage>? RetryDecided { get; set; }

    /// <summary>The call's source and its paired attempt source (<see cref="CallTimeoutPolicy"/>, <see cref="AttemptTimeoutPolicy"/>).</summary>
    public CallSpare? CallSpare { get; set; }


    /// <summary>
    /// The account the call acts for (the value of the operation's <see cref="OperationInfo.AccountKey"/>), set when
    /// pacing is on (<see cref="PostPressPipeline"/>); the key of <see cref="PacingPolicy"/>.
    /// </summary>
    public string? AccountId { get; set; }

    /// <summary>
    /// Whether a write whose outcome is unknown may be retried, because a duplicate is detectable
    /// (<see cref="UnknownOutcomePolicy"/>; read by <see cref="RetryPolicy"/>).
    /// </summary>
    public bool RetryUnknownOutcome { get; set; }

    /// <summary>Whether an attempt of this call ended with its outcome unknown (sent, then no answer, or a 504).</summary>
    public bool OutcomeUnknown { get; set; }

    /// <summary>Whether some attempt's request was handed to the transport (it may have reached the API) (<see cref="RequestPolicy"/>).</summary>
    public bool RequestDispatched { get; set; }

    /// <summary>Whether the request body of the last attempt was written to the connection in full (<see cref="RequestPolicy"/>).</summary>
    public bool RequestSent { get; set; }

    /// <summary>The request of the attempt in progress (<see cref="RequestPolicy"/>).</summary>
    public HttpRequestMessage? Request { get; set; }

    /// <summary>The response of the attempt in progress, headers only (<see cref="TransportPolicy"/>).</summary>
    public HttpResponseMessage? RawResponse { get; set; }

    /// <summary>The response with its whole body in memory (<see cref="ResponseBufferingPolicy"/>).</summary>
    public BufferedResponse? Response { get; set; }

    /// <summary>Takes the buffered response out of the message (the caller then owns and disposes it).</summary>
    public BufferedResponse TakeResponse()
    {
        var response = Response ?? throw new InvalidOperationException("The pipeline ended without a response.");
        Response = null;
        return response;
    }

    public void Dispose()
    {
        RawResponse?.Dispose();
        RawResponse = null;
        Response?.Dispose();
        Response = null;
    }
}
