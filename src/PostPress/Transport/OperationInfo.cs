using System;
using System.Net.Http;

namespace PostPress;

/// <summary>
/// What the pipeline needs to know of an operation besides its URL: the operation id and URL template (traces, metrics
/// and logs never carry concrete ids) and whether it may be retried after it may have reached the API. One static
/// instance per operation, emitted by the generator.
/// </summary>
internal sealed class OperationInfo
{
    public OperationInfo(string operationId, string method, string urlTemplate)
    {
        OperationId = operationId ?? throw new ArgumentNullException(nameof(operationId));
        UrlTemplate = urlTemplate ?? throw new ArgumentNullException(nameof(urlTemplate));
        Method = method switch
        {
            "GET" => HttpMethod.Get,
            "POST" => HttpMethod.Post,
            "PUT" => HttpMethod.Put,
            "DELETE" => HttpMethod.Delete,
            "HEAD" => HttpMethod.Head,
            "OPTIONS" => HttpMethod.Options,
            _ => new HttpMethod(method),
        };

        // Only safe methods are retried after the request may have reached the API (README, "Retries").
        Idempotent = Method == HttpMethod.Get || Method == HttpMethod.Head || Method == HttpMethod.Options;
        SpanName = Method.Method + " " + urlTemplate;
    }

    public string OperationId { get; }

    public HttpMethod Method { get; }

    /// <summary>The path template of the spec, e.g. <c>/users/{identifier}</c>.</summary>
    public string UrlTemplate { get; }

    public bool Idempotent { get; }

    public string SpanName { get; }

    /// <summary>The operation's tag in the spec (e.g. <c>Users</c>), for pacing configured per tag.</summary>
    public string? Tag { get; set; }

    /// <summary>
    /// The query parameter or top-level body field naming the account the call acts for (the operation's
    /// <c>x-postpress-account-key</c>), or <see langword="null"/>: the key of per-account pacing.
    /// </summary>
    public string? AccountKey { get; set; }

    /// <summary>Whether <see cref="AccountKey"/> is a top-level field of the JSON body (else a query parameter).</summary>
    public bool AccountKeyInBody { get; set; }

    /// <summary>The operation's cost class (<c>x-postpress-cost</c>), for pacing configured per class, or <see langword="null"/>.</summary>
    public string? CostClass { get; set; }

    /// <summary>
    /// The problem type the API answers when the action was already performed (<c>x-postpress-duplicate-error</c>), or
    /// <see langword="null"/>: only such writes may be retried after an unknown outcome (<see cref="UnknownOutcomePolicy"/>).
    /// </summary>
    public string? DuplicateError { get; set; }

    public override string ToString() => SpanName;
}
