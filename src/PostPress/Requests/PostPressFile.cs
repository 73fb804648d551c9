using System;
using System.IO;

namespace PostPress;

/// <summary>
/// A file sent in a <c>multipart/form-data</c> request body: its content, the file name the server sees and its media
/// type. The SDK reads <see cref="Content"/> when the request is sent and never disposes it (the caller owns it).
/// </summary>
/// <remarks>
/// A seekable stream is rewound to its position at the call before each attempt, so the call can be retried; a
/// non-seekable one is sent once, and the call is not retried after it was read.
/// </remarks>
public sealed class PostPressFile
{
    /// <summary>Describes a file to upload.</summary>
    /// <param name="content">The file's bytes, read from its current position to its end.</param>
    /// <param name="fileName">The file name sent in the part's <c>Content-Disposition</c> (no control characters; a <c>"</c> is sent as <c>_</c>).</param>
    /// <param name="contentType">The part's media type, for example <c>application/pdf</c>; <see langword="null"/> for the operation's documented one, else <c>application/octet-stream</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> or <paramref name="fileName"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="fileName"/> is empty or has control characters, <paramref name="contentType"/> is not a media type, or <paramref name="content"/> cannot be read.</exception>
    public PostPressFile(Stream content, string fileName, string? contentType = null)
    {
        Content = content ?? throw new ArgumentNullException(nameof(content));
        if (!content.CanRead)
        {
            throw new ArgumentException("The file's stream cannot be read.", nameof(content));
        }

        FileName = fileName ?? throw new ArgumentNullException(nameof(fileName));
        if (fileName.Length == 0 || fileName.Trim().Length == 0)
        {
            throw new ArgumentException("A file name cannot be empty.", nameof(fileName));
        }

        foreach (var c in fileName)
        {
            if (char.IsControl(c) || char.IsSurrogate(c) && !IsPaired(fileName, c))
            {
                throw new ArgumentException("A file name cannot contain control characters or unpaired surrogates.", nameof(fileName));
            }
        }

        if (contentType is not null && !System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out _))
        {
            throw new ArgumentException("'" + contentType + "' is not a media type (for example application/pdf).", nameof(contentType));
        }

        ContentType = contentType;
    }

    /// <summary>The file's bytes (read from the position it has at the call).</summary>
    public Stream Content { get; }

    /// <summary>The file name the server sees.</summary>
    public string FileName { get; }

    /// <summary>The part's media type, or <see langword="null"/> for the operation's documented one.</summary>
    public string? ContentType { get; }

    /// <summary>Describes the file (name and media type, not its bytes).</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => "PostPressFile { FileName = " + FileName + ", ContentType = " + (ContentType ?? "(default)") + " }";

    private static bool IsPaired(string s, char c)
    {
        var i = s.IndexOf(c);
        return char.IsHighSurrogate(c) ? i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) : i > 0 && char.IsHighSurrogate(s[i - 1]);
    }
}
