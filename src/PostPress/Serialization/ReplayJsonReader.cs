using System;
using System.Collections.Generic;
using Newtonsoft.Json;

namespace PostPress.Serialization;

/// <summary>
/// A reader over exactly one JSON object: first the tokens <see cref="UnionJsonConverter"/> read (and kept) while looking
/// for the union's discriminator, then the rest of the object straight from the live reader, without copying it.
/// <see cref="Read"/> returns <see langword="false"/> after the object's <c>EndObject</c>, so a serializer checking for
/// additional content never reads past it; the live reader is left on that <c>EndObject</c>, as a converter must leave it.
/// <see cref="Depth"/> and <see cref="Path"/> are those of the live document, so error messages and
/// <see cref="JsonReader.Skip"/> behave as on the live reader.
/// </summary>
internal sealed class ReplayJsonReader : JsonReader, IJsonLineInfo
{
    private readonly JsonReader _live;
    private readonly List<KeyValuePair<JsonToken, object?>> _tokens;
    private readonly int _rootDepth;
    private readonly Func<string>? _rootPathFactory;
    private string? _rootPath;
    private int _next;
    private bool _onLive;
    private bool _finished;
    private int _depth;

    /// <summary>Initializes a new instance of the <see cref="ReplayJsonReader"/> class.</summary>
    /// <param name="live">The reader the object is being read from; its next token follows the last kept one.</param>
    /// <param name="tokens">The kept tokens, starting with the object's <c>StartObject</c>.</param>
    /// <param name="rootDepth">The live reader's depth at the object's <c>StartObject</c>.</param>
    /// <param name="rootPath">The live reader's path at the object's <c>StartObject</c>.</param>
    public ReplayJsonReader(JsonReader live, List<KeyValuePair<JsonToken, object?>> tokens, int rootDepth, string rootPath)
        : this(live, tokens, rootDepth, (Func<string>?)null)
    {
        _rootPath = rootPath;
    }

    /// <summary>Initializes a new instance of the <see cref="ReplayJsonReader"/> class whose object's path is computed
    /// only if asked for while replaying (an error message).</summary>
    /// <param name="live">The live reader, on the last token kept.</param>
    /// <param name="tokens">The tokens read from it, from the object's <c>{</c>.</param>
    /// <param name="rootDepth">The depth of the object's <c>{</c>.</param>
    /// <param name="rootPath">Computes the object's path (while the live reader is still on the last token kept).</param>
    public ReplayJsonReader(JsonReader live, List<KeyValuePair<JsonToken, object?>> tokens, int rootDepth, Func<string>? rootPath)
    {
        _rootPathFactory = rootPath;
        _live = live;
        _tokens = tokens;
        _rootDepth = rootDepth;
        CloseInput = false;
        DateParseHandling = live.DateParseHandling;
        FloatParseHandling = live.FloatParseHandling;
        DateTimeZoneHandling = live.DateTimeZoneHandling;
        DateFormatString = live.DateFormatString;
        Culture = live.Culture;
        MaxDepth = null;
    }

    /// <inheritdoc/>
    public override JsonToken TokenType => _onLive ? _live.TokenType : base.TokenType;

    /// <inheritdoc/>
    public override object? Value => _onLive ? _live.Value : base.Value;

    /// <inheritdoc/>
    public override Type? ValueType => _onLive ? _live.ValueType : base.ValueType;

    /// <inheritdoc/>
    public override char QuoteChar => _onLive ? _live.QuoteChar : '"';

    /// <inheritdoc/>
    public override int Depth => _onLive ? _live.Depth : _rootDepth + base.Depth;

    /// <inheritdoc/>
    public override string Path
    {
        get
        {
            if (_onLive)
            {
                return _live.Path;
            }

            string relative = base.Path;
            string root = _rootPath ??= _rootPathFactory?.Invoke() ?? string.Empty;
            if (root.Length == 0 || relative.Length == 0)
            {
                return root.Length == 0 ? relative : root;
            }

            return relative[0] == '[' ? root + relative : root + "." + relative;
        }
    }

    /// <inheritdoc/>
    public int LineNumber => (_live as IJsonLineInfo)?.LineNumber ?? 0;

    /// <inheritdoc/>
    public int LinePosition => (_live as IJsonLineInfo)?.LinePosition ?? 0;

    private bool Replaying => _next < _tokens.Count;

    /// <summary>
    /// Gets the live reader once every kept token has been delivered: from then on it is positioned exactly where this
    /// reader is (on the last kept token, or past a value read through this reader), so a generated reader continues on
    /// it directly instead of paying this reader's indirection for the rest of the object; otherwise null.
    /// </summary>
    public JsonReader? LiveWhenReplayed => Replaying || _finished ? null : _live;

    /// <inheritdoc/>
    public bool HasLineInfo() => _live is IJsonLineInfo info && info.HasLineInfo();

    /// <inheritdoc/>
    public override bool Read()
    {
        if (_finished)
        {
            return false;
        }

        if (Replaying)
        {
            var token = _tokens[_next++];
            SetToken(token.Key, token.Value);
            Track(token.Key);
            return true;
        }

        _onLive = true;
        bool read = _live.Read();
        Track(read ? _live.TokenType : JsonToken.None);
        return read;
    }

    /// <inheritdoc/>
    public override string? ReadAsString() => Replaying || _finished ? base.ReadAsString() : Live(_live.ReadAsString());

    /// <inheritdoc/>
    public override int? ReadAsInt32() => Replaying || _finished ? base.ReadAsInt32() : Live(_live.ReadAsInt32());

    /// <inheritdoc/>
    public override bool? ReadAsBoolean() => Replaying || _finished ? base.ReadAsBoolean() : Live(_live.ReadAsBoolean());

    /// <inheritdoc/>
    public override decimal? ReadAsDecimal() => Replaying || _finished ? base.ReadAsDecimal() : Live(_live.ReadAsDecimal());

    /// <inheritdoc/>
    public override double? ReadAsDouble() => Replaying || _finished ? base.ReadAsDouble() : Live(_live.ReadAsDouble());

    /// <inheritdoc/>
    public override DateTime? ReadAsDateTime() => Replaying || _finished ? base.ReadAsDateTime() : Live(_live.ReadAsDateTime());

    /// <inheritdoc/>
    public override DateTimeOffset? ReadAsDateTimeOffset() => Replaying || _finished ? base.ReadAsDateTimeOffset() : Live(_live.ReadAsDateTimeOffset());

    /// <inheritdoc/>
    public override byte[]? ReadAsBytes() => Replaying || _finished ? base.ReadAsBytes() : Live(_live.ReadAsBytes());

    /// <summary>Never closes the live reader: the caller's serializer owns it.</summary>
    public override void Close()
    {
        _finished = true;
    }

    private T Live<T>(T value)
    {
        _onLive = true;
        Track(_live.TokenType);
        return value;
    }

    private void Track(JsonToken token)
    {
        switch (token)
        {
            case JsonToken.StartObject:
            case JsonToken.StartArray:
            case JsonToken.StartConstructor:
                _depth++;
                break;
            case JsonToken.EndObject:
            case JsonToken.EndArray:
            case JsonToken.EndConstructor:
                if (--_depth == 0)
                {
                    _finished = true;
                }

                break;
            case JsonToken.None:
                _finished = true;
                break;
        }
    }
}
