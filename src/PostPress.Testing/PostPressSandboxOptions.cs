using System;
using System.Collections.Generic;
using System.IO;

namespace PostPress.Testing;

/// <summary>Options of a <see cref="PostPressSandbox"/>.</summary>
public sealed class PostPressSandboxOptions
{
    /// <summary>The operation id of <c>GET /users/relations</c>, which <see cref="Relations"/> sizes.</summary>
    public const string ListRelationsOperationId = "listRelations";

    /// <summary>The default <see cref="MaxRequestBodySize"/>: 1 MiB.</summary>
    public const long DefaultMaxRequestBodySize = 1024 * 1024;

    /// <summary>The default <see cref="JournalMaxBytes"/>: 32 MiB.</summary>
    public const long DefaultJournalMaxBytes = 32L * 1024 * 1024;

    /// <summary>
    /// The API key the sandbox accepts in the spec's API key header (<c>X-API-KEY</c>). A request without it is answered
    /// 401 <c>errors/missing_credentials</c>, one with another key 401 <c>errors/invalid_credentials</c>. The key is checked
    /// before the body: the sandbox never reads the body of such a request, nor records it (the 401 carries
    /// <c>Connection: close</c>; see <see cref="MaxRequestBodySize"/> for what Kestrel discards).
    /// Defaults to <c>pp_sandbox_key</c>.
    /// </summary>
    public string ApiKey { get; set; } = "pp_sandbox_key";

    /// <summary>
    /// The path of an OpenAPI document (YAML or JSON) to serve instead of the one embedded in this package
    /// (<c>openapi/postpress.yaml</c> of the SDK version this package was built with). Ignored when <see cref="SpecStream"/> is set.
    /// </summary>
    public string? SpecPath { get; set; }

    /// <summary>An OpenAPI document (YAML or JSON) to serve, read once by <see cref="PostPressSandbox.StartAsync"/>; the caller keeps ownership.</summary>
    public Stream? SpecStream { get; set; }

    /// <summary>How many items the data set of each paged operation (by operation id) has; <see cref="DefaultItemCount"/> for the others.</summary>
    public IDictionary<string, int> ItemCounts { get; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>How many items a paged operation not listed in <see cref="ItemCounts"/> serves. Defaults to 250.</summary>
    public int DefaultItemCount { get; set; } = 250;

    /// <summary>How many relations <c>GET /users/relations</c> serves: shorthand for <see cref="ItemCounts"/>[<c>listRelations</c>].</summary>
    public int? Relations
    {
        get => ItemCounts.TryGetValue(ListRelationsOperationId, out var count) ? count : null;
        set
        {
            if (value is null)
            {
                ItemCounts.Remove(ListRelationsOperationId);
            }
            else
            {
                ItemCounts[ListRelationsOperationId] = value.Value;
            }
        }
    }

    /// <summary>
    /// The seed of the values the sandbox makes up where the spec documents no example: person names, e-mails, URLs,
    /// LinkedIn URNs and ids in the API's shapes, date-times within the year before 2026-05-01, phone numbers, titles,
    /// companies, places, handles, chosen by each field's name and format. The same seed gives the same values (whatever
    /// order the requests come in); another seed gives others. Read once by <see cref="PostPressSandbox.StartAsync"/>.
    /// Defaults to 0.
    /// </summary>
    public int Seed { get; set; }

    /// <summary>Whether requests are validated against the spec (API key, parameters, bodies). Defaults to <see langword="true"/>.</summary>
    public bool ValidateRequests { get; set; } = true;

    /// <summary>
    /// The largest request body the sandbox reads, in bytes. It streams a body up to this limit, never allocating from the
    /// declared <c>Content-Length</c>: a body over it, announced by its <c>Content-Length</c> (not read at all) or found
    /// while reading a chunked one (read until it passes the limit, no further), is answered 413 with a problem-details body
    /// of type <c>errors/content_too_large</c> (the spec's <c>ErrorType</c> code for a payload too large, which it documents
    /// under 400) and <c>Connection: close</c>. The body of a request without the right API key is not read at all (see
    /// <see cref="ApiKey"/>). Read once by <see cref="PostPressSandbox.StartAsync"/>; 0 refuses every non-empty body.
    /// Defaults to 1 MiB (1,048,576).
    /// </summary>
    /// <remarks>
    /// Kestrel's own request body limit is set to twice this value (it counts chunk framing too). After a 401 or a 413 it
    /// discards, never buffers, the rest of a body within that size, so that a client that sends its whole body before it
    /// reads the response (HttpClient over HTTP/1.1) still gets the response; a larger body makes it close the connection at
    /// once, and such a client then sees a failed send instead of the response.
    /// </remarks>
    public long MaxRequestBodySize { get; set; } = DefaultMaxRequestBodySize;

    /// <summary>
    /// How many requests the journal (<see cref="PostPressSandbox.Requests"/>) keeps, at most; the oldest are dropped first.
    /// Values below 1 mean 1. Read once by <see cref="PostPressSandbox.StartAsync"/>. Defaults to 10,000.
    /// </summary>
    public int JournalCapacity { get; set; } = 10_000;

    /// <summary>
    /// How much text the journal keeps, at most, in bytes of UTF-16 (2 bytes a character of each entry's method, path, query
    /// string, header names and values, and body); the oldest entries are dropped first, and a body is cut
    /// (<see cref="SandboxRequest.BodyTruncated"/>) to what is left for it. The newest entry is always kept, so the bound
    /// is exceeded only when a request's path, query and headers alone are larger. Read once by
    /// <see cref="PostPressSandbox.StartAsync"/>. Defaults to 32 MiB (33,554,432).
    /// </summary>
    public long JournalMaxBytes { get; set; } = DefaultJournalMaxBytes;

    /// <summary>
    /// How many bytes of a request body a journal entry keeps, at most: a longer body is recorded as its first bytes (cut on
    /// a UTF-8 character boundary) with <see cref="SandboxRequest.BodyTruncated"/> set and its full length in
    /// <see cref="SandboxRequest.BodyLength"/>. Validation always sees the whole body. Read once by
    /// <see cref="PostPressSandbox.StartAsync"/>. Defaults to 1 MiB (1,048,576), the default
    /// <see cref="MaxRequestBodySize"/>, so that by default every accepted body is recorded whole.
    /// </summary>
    public int JournalMaxBodySize { get; set; } = (int)DefaultMaxRequestBodySize;

    /// <summary>
    /// A provider limit per account: once an account (the <c>account_id</c> a call names, for the operations whose
    /// <c>x-postpress-account-key</c> says where it is) has had <see cref="SandboxAccountLimit.PermitLimit"/> calls
    /// answered within <see cref="SandboxAccountLimit.Window"/>, its next calls are answered 429
    /// <c>errors/too_many_requests</c> with a <c>Retry-After</c> (whole seconds, rounded up) until the window has room.
    /// Each account is counted on its own. <see langword="null"/> (default): no limit.
    /// </summary>
    public SandboxAccountLimit? AccountLimit { get; set; }

    /// <summary>
    /// Remembers every action performed by an operation that declares <c>x-postpress-duplicate-error</c> (by path and
    /// body) and answers a repeat with that error (422 <c>errors/action_already_performed</c> for the LinkedIn user
    /// action). Actions applied by <see cref="SandboxScenarioBuilder.ApplyThenDropConnection"/> and its siblings are
    /// remembered whatever this says. Default <see langword="false"/>.
    /// </summary>
    public bool DetectDuplicateActions { get; set; }

    /// <summary>The clock of <see cref="AccountLimit"/>. Defaults to <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}

/// <summary>A per-account provider limit of the sandbox (<see cref="PostPressSandboxOptions.AccountLimit"/>): the sandbox's numbers, not the provider's.</summary>
public sealed class SandboxAccountLimit
{
    /// <summary>Creates a limit of <paramref name="permitLimit"/> calls per account in any <paramref name="window"/>.</summary>
    /// <param name="permitLimit">The calls one account may make in a window (at least 1).</param>
    /// <param name="window">The sliding window (positive).</param>
    public SandboxAccountLimit(int permitLimit, TimeSpan window)
    {
        PermitLimit = permitLimit >= 1 ? permitLimit : throw new ArgumentOutOfRangeException(nameof(permitLimit), permitLimit, "At least 1.");
        Window = window > TimeSpan.Zero ? window : throw new ArgumentOutOfRangeException(nameof(window), window, "Must be positive.");
    }

    /// <summary>The calls one account may make in any <see cref="Window"/>.</summary>
    public int PermitLimit { get; }

    /// <summary>The sliding window.</summary>
    public TimeSpan Window { get; }

    /// <summary>Only this operation is limited; <see langword="null"/> (default): every operation that names an account, each account counted across them.</summary>
    public string? OperationId { get; set; }
}
