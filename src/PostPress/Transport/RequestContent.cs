using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PostPress;

/// <summary>
/// A request body other than JSON. <see cref="RequestPolicy"/> asks for a fresh <see cref="HttpContent"/> per attempt
/// (<see cref="CreateContent"/>); <see cref="CanResend"/> tells the retry rules whether a later attempt can send the
/// same bytes again (a caller's stream that is not seekable cannot, once it has been read).
/// </summary>
internal abstract class RequestContent
{
    /// <summary>Whether another attempt can send this body again.</summary>
    public virtual bool CanResend => true;

    /// <summary>The content of one attempt (rewinding seekable streams to where they were at the call).</summary>
    public abstract HttpContent CreateContent();

    /// <summary>A <c>text/plain</c> (or other text) body, encoded to UTF-8 once.</summary>
    public static RequestContent Text(string text, string mediaType) => new BytesContent(Encoding.UTF8.GetBytes(text), new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" });

    /// <summary>An <c>application/x-www-form-urlencoded</c> body from fields in order (<see langword="null"/> values left out).</summary>
    public static RequestContent Form(IEnumerable<KeyValuePair<string, string?>> fields)
    {
        var sb = new StringBuilder();
        foreach (var field in fields)
        {
            if (field.Value is null)
            {
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append('&');
            }

            sb.Append(WebUtility.UrlEncode(field.Key)).Append('=').Append(WebUtility.UrlEncode(field.Value));
        }

        return new BytesContent(Encoding.UTF8.GetBytes(sb.ToString()), new MediaTypeHeaderValue("application/x-www-form-urlencoded"));
    }

    /// <summary>A body read from the caller's stream (not disposed by the SDK).</summary>
    public static RequestContent Stream(Stream stream, string mediaType) => new StreamBody(stream, mediaType);

    /// <summary>A <c>multipart/form-data</c> body.</summary>
    public static MultipartContentBuilder Multipart() => new();

    private sealed class BytesContent : RequestContent
    {
        private readonly byte[] _bytes;
        private readonly MediaTypeHeaderValue _type;

        public BytesContent(byte[] bytes, MediaTypeHeaderValue type)
        {
            _bytes = bytes;
            _type = type;
        }

        public override HttpContent CreateContent()
        {
            var content = new ByteArrayContent(_bytes);
            content.Headers.ContentType = _type;
            return content;
        }
    }

    private sealed class StreamBody : RequestContent
    {
        private readonly CallerStream _stream;
        private readonly string _mediaType;

        public StreamBody(Stream stream, string mediaType)
        {
            _stream = new CallerStream(stream);
            _mediaType = mediaType;
        }

        public override bool CanResend => _stream.CanResend;

        public override HttpContent CreateContent()
        {
            var content = _stream.CreateContent();
            content.Headers.ContentType = new MediaTypeHeaderValue(_mediaType);
            return content;
        }
    }

    /// <summary>Builds a multipart body: text fields and files, in the order added.</summary>
    internal sealed class MultipartContentBuilder : RequestContent
    {
        private readonly List<(string Name, string? Text, CallerStream? File, string? FileName, string? ContentType)> _parts = new();

        public override bool CanResend
        {
            get
            {
                foreach (var part in _parts)
                {
                    if (part.File is { CanResend: false })
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        /// <summary>Adds a text field (nothing when <paramref name="value"/> is null).</summary>
        public MultipartContentBuilder Field(string name, string? value, string? contentType = null)
        {
            if (value is not null)
            {
                _parts.Add((name, value, null, null, contentType));
            }

            return this;
        }

        /// <summary>Adds a file part (nothing when <paramref name="file"/> is null); <paramref name="contentType"/> is the spec's <c>encoding.contentType</c>, used when the file has none.</summary>
        public MultipartContentBuilder File(string name, PostPressFile? file, string? contentType = null)
        {
            if (file is not null)
            {
                _parts.Add((name, null, new CallerStream(file.Content), file.FileName, file.ContentType ?? contentType ?? "application/octet-stream"));
            }

            return this;
        }

        /// <summary>Adds one file part per file, all under <paramref name="name"/>.</summary>
        public MultipartContentBuilder Files(string name, IEnumerable<PostPressFile>? files, string? contentType = null)
        {
            if (files is not null)
            {
                foreach (var file in files)
                {
                    File(name, file, contentType);
                }
            }

            return this;
        }

        public override HttpContent CreateContent()
        {
            var multipart = new MultipartFormDataContent("postpress-" + Guid.NewGuid().ToString("N"));
            foreach (var (name, text, file, fileName, contentType) in _parts)
            {
                if (file is null)
                {
                    var part = new ByteArrayContent(Encoding.UTF8.GetBytes(text!));
                    part.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "text/plain") { CharSet = "utf-8" };
                    multipart.Add(part, name);
                }
                else
                {
                    var part = file.CreateContent();
                    part.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType!);
                    multipart.Add(part, name, WireFileName(fileName!));
                }
            }

            return multipart;
        }

        // A quote cannot be carried in Content-Disposition's filename (HttpClient refuses it): it is sent as '_'.
        private static string WireFileName(string fileName) => fileName.Replace('"', '_');
    }

    /// <summary>
    /// A caller's stream sent as a body: never disposed by the SDK; a seekable one is rewound to its position at the
    /// call before each attempt; a non-seekable one can be sent once (<see cref="CanResend"/> turns false when read).
    /// </summary>
    private sealed class CallerStream
    {
        private readonly Stream _stream;
        private readonly long _start;
        private int _sent;

        public CallerStream(Stream stream)
        {
            _stream = stream;
            _start = stream.CanSeek ? stream.Position : -1;
        }

        public bool CanResend => _start >= 0 || Volatile.Read(ref _sent) == 0;

        public HttpContent CreateContent()
        {
            if (_start >= 0)
            {
                _stream.Position = _start;
            }

            return new Content(this);
        }

        private sealed class Content : HttpContent
        {
            private readonly CallerStream _owner;

            public Content(CallerStream owner)
            {
                _owner = owner;
            }

            protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
            {
                if (Interlocked.Exchange(ref _owner._sent, 1) == 1 && _owner._start < 0)
                {
                    throw new InvalidOperationException("The request body stream is not seekable and was already sent; it cannot be sent again.");
                }

                await _owner._stream.CopyToAsync(stream, 81920).ConfigureAwait(false);
            }

#if NET5_0_OR_GREATER
            // The synchronous send (HttpClient.Send) writes the body with this: the same rule, a synchronous copy.
            protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
            {
                if (Interlocked.Exchange(ref _owner._sent, 1) == 1 && _owner._start < 0)
                {
                    throw new InvalidOperationException("The request body stream is not seekable and was already sent; it cannot be sent again.");
                }

                _owner._stream.CopyTo(stream, 81920);
            }
#endif

            protected override bool TryComputeLength(out long length)
            {
                if (_owner._start >= 0)
                {
                    length = _owner._stream.Length - _owner._start;
                    return length >= 0;
                }

                length = 0;
                return false;
            }

            // The caller owns the stream: disposing the content (with the request) leaves it open.
            protected override void Dispose(bool disposing)
            {
            }
        }
    }
}
