using System;
using System.Collections.Generic;

namespace PostPress.Testing;

/// <summary>A request the sandbox received, as recorded in <see cref="PostPressSandbox.Requests"/>.</summary>
public sealed class SandboxRequest
{
    internal SandboxRequest(
        string? operationId,
        string method,
        string path,
        string queryString,
        IReadOnlyDictionary<string, IReadOnlyList<string>> query,
        IReadOnlyDictionary<string, string> headers,
        bool hadApiKey,
        string? body,
        long bodyLength,
        bool bodyTruncated,
        DateTimeOffset receivedAt)
    {
        OperationId = operationId;
        Method = method;
        Path = path;
        QueryString = queryString;
        Query = query;
        Headers = headers;
        HadApiKey = hadApiKey;
        Body = body;
        BodyLength = bodyLength;
        BodyTruncated = bodyTruncated;
        ReceivedAt = receivedAt;
        JournalSize = TextSize(method, path, queryString, body, headers);
    }

    /// <summary>The operation the request was routed to (<c>getAccount</c>), or null when no operation matched.</summary>
    public string? OperationId { get; }

    /// <summary>The HTTP method (<c>GET</c>, <c>POST</c>).</summary>
    public string Method { get; }

    /// <summary>The path, including the server's base path (<c>/api/v1/accounts/acc_1</c>).</summary>
    public string Path { get; }

    /// <summary>The raw query string, with its leading <c>?</c> (empty when none).</summary>
    public string QueryString { get; }

    /// <summary>The query parameters (a repeated parameter has several values).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Query { get; }

    /// <summary>The request headers (case-insensitive names, repeated values joined by <c>,</c>) without the API key header.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Whether the request carried the API key header (its value is never recorded).</summary>
    public bool HadApiKey { get; }

    /// <summary>
    /// The request body as text (UTF-8), or null when there was none or the sandbox did not read it. When
    /// <see cref="BodyTruncated"/> is set, only its beginning: at most <see cref="PostPressSandboxOptions.JournalMaxBodySize"/>
    /// bytes, cut on a character boundary. The body of a request without the right API key is never read (null here).
    /// </summary>
    public string? Body { get; }

    /// <summary>
    /// How many bytes of the body the sandbox read: the whole body, or for one over
    /// <see cref="PostPressSandboxOptions.MaxRequestBodySize"/> the bytes read before it stopped (at most one past the limit;
    /// 0 when the declared <c>Content-Length</c> was already over it). 0 when there was no body or it was not read (wrong or
    /// missing API key).
    /// </summary>
    public long BodyLength { get; }

    /// <summary>
    /// Whether <see cref="Body"/> is not the whole body: it was longer than the journal keeps
    /// (<see cref="PostPressSandboxOptions.JournalMaxBodySize"/>, or what <see cref="PostPressSandboxOptions.JournalMaxBytes"/>
    /// leaves for it), or over <see cref="PostPressSandboxOptions.MaxRequestBodySize"/> (answered 413).
    /// </summary>
    public bool BodyTruncated { get; }

    /// <summary>When the sandbox received the request.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The status the sandbox answered with (0 when the connection was reset or the response is not complete yet).</summary>
    public int ResponseStatus { get; internal set; }

    /// <summary>What the entry counts against <see cref="PostPressSandboxOptions.JournalMaxBytes"/>: 2 bytes a character of its method, path, query string, header names and values, and body.</summary>
    internal long JournalSize { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Method} {Path}{QueryString} -> {ResponseStatus}";

    /// <summary>The size an entry with these texts counts against <see cref="PostPressSandboxOptions.JournalMaxBytes"/> (UTF-16: 2 bytes a character).</summary>
    internal static long TextSize(string method, string path, string queryString, string? body, IReadOnlyDictionary<string, string> headers)
    {
        long chars = method.Length + path.Length + queryString.Length + (body?.Length ?? 0);
        foreach (var (name, value) in headers)
        {
            chars += name.Length + value.Length;
        }

        return 2 * chars;
    }
}

/// <summary>An operation of the spec the sandbox serves.</summary>
public sealed class SandboxOperation
{
    internal SandboxOperation(string operationId, string method, string path, bool isPaged, int successStatus, IReadOnlyList<string> variants, IReadOnlyList<string> exampleNames, IReadOnlyList<int> documentedErrorStatuses)
    {
        OperationId = operationId;
        Method = method;
        Path = path;
        IsPaged = isPaged;
        SuccessStatus = successStatus;
        Variants = variants;
        ExampleNames = exampleNames;
        DocumentedErrorStatuses = documentedErrorStatuses;
    }

    /// <summary>The operation id (<c>getAccount</c>); operations without one are named <c>"GET /path"</c>.</summary>
    public string OperationId { get; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The path template of the spec (<c>/accounts/{id}</c>), without the server's base path.</summary>
    public string Path { get; }

    /// <summary>Whether the spec marks the operation paged (<c>x-postpress-pagination</c>).</summary>
    public bool IsPaged { get; }

    /// <summary>The status of a successful response.</summary>
    public int SuccessStatus { get; }

    /// <summary>
    /// The variants of the response when it is a union: its discriminator values (<c>LINKEDIN</c>, <c>MAIL</c>, ...) or,
    /// without a discriminator, its variant names. Each can be passed to <see cref="SandboxResponseBuilder.WithVariant(string)"/>.
    /// </summary>
    public IReadOnlyList<string> Variants { get; }

    /// <summary>The error statuses the spec documents for the operation.</summary>
    public IReadOnlyList<int> DocumentedErrorStatuses { get; }

    /// <summary>The names of the documented success examples (for <see cref="SandboxResponseBuilder.WithExample"/>).</summary>
    public IReadOnlyList<string> ExampleNames { get; }

    /// <inheritdoc />
    public override string ToString() => $"{OperationId} ({Method} {Path})";
}
