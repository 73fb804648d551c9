using System;
using System.Collections.Generic;

namespace PostPress;

/// <summary>
/// Thrown by the generated client (<see cref="PostPressGeneratedClient"/>) for an unexpected HTTP status or an
/// unreadable body. Internal: the public facade translates it. Replaces NSwag's public exception class
/// (generateExceptionClasses is false in build/nswag.json); the constructors match what NSwag's client code calls.
/// </summary>
internal partial class PostPressGeneratedApiException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="PostPressGeneratedApiException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="response">The response body when it was read as text, otherwise empty or null.</param>
    /// <param name="headers">The response and content headers.</param>
    /// <param name="innerException">The cause, e.g. a JSON error.</param>
    public PostPressGeneratedApiException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Response = response;
        Headers = headers;
    }

    /// <summary>Gets the HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>Gets the response body when it was read as text, otherwise empty or null.</summary>
    public string? Response { get; }

    /// <summary>Gets the response and content headers.</summary>
    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }
}

/// <summary>A <see cref="PostPressGeneratedApiException"/> carrying the deserialized error body (e.g. ProblemDetails).</summary>
/// <typeparam name="TResult">The type of the error body.</typeparam>
internal partial class PostPressGeneratedApiException<TResult> : PostPressGeneratedApiException
{
    /// <summary>Initializes a new instance of the <see cref="PostPressGeneratedApiException{TResult}"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="response">The response body when it was read as text, otherwise empty or null.</param>
    /// <param name="headers">The response and content headers.</param>
    /// <param name="result">The deserialized error body.</param>
    /// <param name="innerException">The cause.</param>
    public PostPressGeneratedApiException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, TResult result, Exception? innerException)
        : base(message, statusCode, response, headers, innerException)
    {
        Result = result;
    }

    /// <summary>Gets the deserialized error body.</summary>
    public TResult Result { get; }
}
