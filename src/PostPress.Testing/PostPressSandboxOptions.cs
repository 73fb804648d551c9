using System;
using System.Collections.Generic;
using System.IO;

namespace PostPress.Testing;

/// <summary>Options of a <see cref="PostPressSandbox"/>.</summary>
public sealed class PostPressSandboxOptions
{
    /// <summary>The operation id of <c>GET /users/relations</c>, which <see cref="Relations"/> sizes.</summary>
    public const string ListRelationsOperationId = "listRelations";

    /// <summary>
    /// The API key the sandbox accepts in the spec's API key header (<c>X-API-KEY</c>). A request without it is answered
    /// 401 <c>errors/missing_credentials</c>, one with another key 401 <c>errors/invalid_credentials</c>.
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

    /// <summary>Whether requests are validated against the spec (API key, parameters, bodies). Defaults to <see langword="true"/>.</summary>
    public bool ValidateRequests { get; set; } = true;

    /// <summary>How many requests the journal keeps (the oldest are dropped first). Defaults to 10,000.</summary>
    public int JournalCapacity { get; set; } = 10_000;
}
