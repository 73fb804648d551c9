using System.Collections.Generic;

namespace PostPress;

/// <summary>
/// What a generated operation hands to <see cref="PostPressPipeline"/> besides the operation itself: the path and
/// query, the body (a JSON value, or a <see cref="RequestContent"/> for the other media types), the header parameters
/// and the media type to accept. Built once per call, after every argument has been validated.
/// </summary>
internal sealed class OperationRequest
{
    public OperationRequest(string pathAndQuery)
    {
        PathAndQuery = pathAndQuery;
    }

    /// <summary>The path and query, escaped (<see cref="RequestUrl"/>).</summary>
    public string PathAndQuery { get; }

    /// <summary>A JSON body (serialized once per call), or <see langword="null"/>.</summary>
    public object? JsonBody { get; set; }

    /// <summary>A non-JSON body (form, multipart, stream, text), or <see langword="null"/>.</summary>
    public RequestContent? Content { get; set; }

    /// <summary>The header parameters (validated names and values), or <see langword="null"/> for none.</summary>
    public List<KeyValuePair<string, string>>? Headers { get; private set; }

    /// <summary>The <c>Accept</c> header; <see langword="null"/> means <c>application/json</c>.</summary>
    public string? Accept { get; set; }

    /// <summary>Adds a header parameter (its value already checked by <see cref="Validate.HeaderValue"/>).</summary>
    public OperationRequest Header(string name, string value)
    {
        (Headers ??= new List<KeyValuePair<string, string>>(2)).Add(new KeyValuePair<string, string>(name, value));
        return this;
    }
}
