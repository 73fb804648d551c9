using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace PostPress;

/// <summary>
/// A binary (or other non-JSON) response streamed to the caller: the body is <see cref="Content"/>, unread, straight
/// from the connection (never buffered whole, not bound by <see cref="PostPressClientOptions.MaxResponseSize"/>).
/// Dispose it (<c>using</c>/<c>await using</c>) to release the connection, whether or not the body was read.
/// </summary>
/// <remarks>
/// The call's retries and attempt timeout apply until the response headers arrive; reading <see cref="Content"/>
/// afterwards is not retried and not bounded by the SDK's timeouts: pass a token to the read (or dispose the response)
/// to bound it. A connection that breaks mid-read surfaces as the stream's <see cref="IOException"/>.
/// </remarks>
public sealed class PostPressFileResponse : PostPressResponse, IDisposable, IAsyncDisposable
{
    private readonly HttpResponseMessage? _response;

    /// <summary>Creates a file response, for tests and mocks.</summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="content">The body.</param>
    /// <param name="contentType">The media type, or <see langword="null"/>.</param>
    /// <param name="fileName">The file name, or <see langword="null"/> (sanitized like a server-sent one).</param>
    /// <param name="length">The body length in bytes, or <see langword="null"/> when unknown.</param>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is null.</exception>
    public PostPressFileResponse(int statusCode, Stream content, string? contentType = null, string? fileName = null, long? length = null)
        : base(statusCode)
    {
        Content = content ?? throw new ArgumentNullException(nameof(content));
        ContentType = contentType;
        FileName = SanitizeFileName(fileName);
        Length = length;
    }

    internal PostPressFileResponse(HttpResponseMessage response, Stream content)
        : base((int)response.StatusCode, response.Headers, response.Content?.Headers)
    {
        _response = response;
        Content = content;
        var headers = response.Content?.Headers;
        ContentType = headers?.ContentType?.MediaType;
        Length = headers?.ContentLength;
        string? name = null;
        try
        {
            var disposition = headers?.ContentDisposition;
            name = disposition?.FileNameStar ?? disposition?.FileName;
        }
        catch (FormatException)
        {
            // An unreadable Content-Disposition: no file name.
        }

        FileName = SanitizeFileName(name);
    }

    /// <summary>The body, read from the network as it is consumed. Read it once; dispose the response when done.</summary>
    public Stream Content { get; }

    /// <summary>The media type of the body (<c>Content-Type</c> without parameters), or <see langword="null"/>.</summary>
    public string? ContentType { get; }

    /// <summary>
    /// The file name the server suggested (<c>Content-Disposition</c>), reduced to a bare name: no directories (the
    /// part after the last <c>/</c> or <c>\</c>), no control characters or quotes, never <c>.</c> or <c>..</c>; or
    /// <see langword="null"/>. Server-sent: still check it before using it as a path.
    /// </summary>
    public string? FileName { get; }

    /// <summary>The body's length in bytes (<c>Content-Length</c>), or <see langword="null"/> when the server did not say.</summary>
    public long? Length { get; }

    /// <summary>Releases the body and its connection.</summary>
    public void Dispose()
    {
        Content.Dispose();
        _response?.Dispose();
    }

    /// <summary>Releases the body and its connection.</summary>
    /// <returns>A task that completes when released.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }

    /// <summary>Describes the response (status, media type, file name, length; not the body).</summary>
    /// <returns>A short description.</returns>
    public override string ToString() =>
        "PostPressFileResponse { StatusCode = " + StatusCode + ", ContentType = " + (ContentType ?? "(none)") + ", FileName = " + (FileName ?? "(none)") + ", Length = " + (Length?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(unknown)") + " }";

    internal static string? SanitizeFileName(string? name)
    {
        if (name is null)
        {
            return null;
        }

        name = name.Trim().Trim('"');
        var slash = Math.Max(name.LastIndexOf('/'), name.LastIndexOf('\\'));
        if (slash >= 0)
        {
            name = name.Substring(slash + 1);
        }

        var sb = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (!char.IsControl(c) && c != '"' && c != ':' && c != '\u2028' && c != '\u2029')
            {
                sb.Append(c);
            }
        }

        name = sb.ToString().Trim();
        return name.Length == 0 || name == "." || name == ".." ? null : name.Length > 255 ? name.Substring(0, 255) : name;
    }
}
