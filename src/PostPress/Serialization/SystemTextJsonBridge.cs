using System;
using System.Globalization;
using System.Numerics;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Newtonsoft.Json;
using NJ = Newtonsoft.Json;
using STJ = System.Text.Json;

namespace PostPress.Serialization;

/// <summary>
/// System.Text.Json converters for the generated models (every public type of <c>PostPress.Models</c>: models, union
/// bases and variants, extensible enums). They bridge to the SDK's Newtonsoft.Json contracts, so the JSON is exactly the
/// wire format (snake_case names, unions by discriminator, <c>Unknown…</c> variants and <c>AdditionalProperties</c>
/// kept, extensible enums as strings, date-times as <c>YYYY-MM-DDTHH:MM:SS.sssZ</c>) whatever the options' naming
/// policy. Reading parses the value once into a pooled <see cref="JsonDocument"/> and walks it with
/// <see cref="JsonElementReader"/>; writing goes straight to the <see cref="Utf8JsonWriter"/> through
/// <see cref="Utf8JsonWriterAdapter"/> (no intermediate text).
/// </summary>
internal sealed class PostPressModelConverterFactory : JsonConverterFactory
{
    private static readonly Assembly SdkAssembly = typeof(PostPressModelConverterFactory).Assembly;

    /// <summary>Gets the shared instance.</summary>
    public static PostPressModelConverterFactory Instance { get; } = new PostPressModelConverterFactory();

    /// <summary>Gets the Newtonsoft serializer with the SDK's settings (thread-safe once created).</summary>
    internal static NJ.JsonSerializer Serializer { get; } = NJ.JsonSerializer.Create(PostPressJsonSerializerSettings.Create());

    /// <inheritdoc/>
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.Assembly == SdkAssembly
        && typeToConvert.IsPublic
        && !typeToConvert.IsGenericTypeDefinition
        && string.Equals(typeToConvert.Namespace, "PostPress.Models", StringComparison.Ordinal)
        && !typeof(Delegate).IsAssignableFrom(typeToConvert)
        && !typeToConvert.IsInterface;

    /// <inheritdoc/>
    public override STJ.Serialization.JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (STJ.Serialization.JsonConverter)Activator.CreateInstance(typeof(ModelConverter<>).MakeGenericType(typeToConvert))!;

    /// <summary>One model type, bridged to Newtonsoft.Json.</summary>
    /// <typeparam name="T">The model type.</typeparam>
    private sealed class ModelConverter<T> : STJ.Serialization.JsonConverter<T>
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            try
            {
                using var source = new JsonElementReader(document.RootElement);
                var value = Serializer.Deserialize(source, typeToConvert);
                if (value is null && typeof(T).IsValueType && Nullable.GetUnderlyingType(typeof(T)) is null)
                {
                    throw new STJ.JsonException($"null is not a valid {typeof(T).Name}.");
                }

                return (T?)value;
            }
            catch (NJ.JsonException ex)
            {
                throw new STJ.JsonException($"The JSON is not a valid {typeof(T).Name}: {ex.Message}", ex);
            }
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            if (value is null)
            {
                writer.WriteNullValue();
                return;
            }

            var adapter = new Utf8JsonWriterAdapter(writer);
            Serializer.Serialize(adapter, value, typeof(T));
        }
    }
}

/// <summary>
/// A Newtonsoft.Json reader over a <see cref="JsonElement"/>: tokens as <c>JsonTextReader</c> would give them with the
/// SDK's settings (integers as <see cref="long"/> or <see cref="BigInteger"/>, other numbers as <see cref="double"/>,
/// strings never parsed as dates).
/// </summary>
internal sealed class JsonElementReader : NJ.JsonReader
{
    private readonly JsonElement _root;
    private Frame[] _frames = new Frame[8];
    private int _count;
    private bool _started;

    /// <summary>Initializes a new instance of the <see cref="JsonElementReader"/> class.</summary>
    /// <param name="root">The value to read.</param>
    public JsonElementReader(JsonElement root)
    {
        _root = root;
        DateParseHandling = DateParseHandling.None;
    }

    /// <inheritdoc/>
    public override bool Read()
    {
        if (!_started)
        {
            _started = true;
            Emit(_root);
            return true;
        }

        if (_count == 0)
        {
            return false;
        }

        ref var frame = ref _frames[_count - 1];
        if (frame.IsObject)
        {
            if (frame.PendingValue)
            {
                frame.PendingValue = false;
                Emit(frame.Object.Current.Value);
                return true;
            }

            if (frame.Object.MoveNext())
            {
                frame.PendingValue = true;
                SetToken(JsonToken.PropertyName, frame.Object.Current.Name);
                return true;
            }

            _count--;
            SetToken(JsonToken.EndObject);
            return true;
        }

        if (frame.Array.MoveNext())
        {
            Emit(frame.Array.Current);
            return true;
        }

        _count--;
        SetToken(JsonToken.EndArray);
        return true;
    }

    private void Emit(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                Push(new Frame { IsObject = true, Object = element.EnumerateObject() });
                SetToken(JsonToken.StartObject);
                break;
            case JsonValueKind.Array:
                Push(new Frame { Array = element.EnumerateArray() });
                SetToken(JsonToken.StartArray);
                break;
            case JsonValueKind.String:
                SetToken(JsonToken.String, element.GetString());
                break;
            case JsonValueKind.Number:
                if (element.TryGetInt64(out long l))
                {
                    SetToken(JsonToken.Integer, l);
                }
                else
                {
                    string raw = element.GetRawText();
                    if (raw.IndexOfAny(new[] { '.', 'e', 'E' }) < 0 && BigInteger.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big))
                    {
                        SetToken(JsonToken.Integer, big);
                    }
                    else
                    {
                        SetToken(JsonToken.Float, element.GetDouble());
                    }
                }

                break;
            case JsonValueKind.True:
                SetToken(JsonToken.Boolean, true);
                break;
            case JsonValueKind.False:
                SetToken(JsonToken.Boolean, false);
                break;
            default:
                SetToken(JsonToken.Null);
                break;
        }
    }

    private void Push(Frame frame)
    {
        if (_count == _frames.Length)
        {
            Array.Resize(ref _frames, _frames.Length * 2);
        }

        _frames[_count++] = frame;
    }

    private struct Frame
    {
        public bool IsObject;
        public bool PendingValue;
        public JsonElement.ObjectEnumerator Object;
        public JsonElement.ArrayEnumerator Array;
    }
}

/// <summary>A Newtonsoft.Json writer that writes to a System.Text.Json <see cref="Utf8JsonWriter"/>.</summary>
internal sealed class Utf8JsonWriterAdapter : NJ.JsonWriter
{
    private readonly Utf8JsonWriter _writer;

    /// <summary>Initializes a new instance of the <see cref="Utf8JsonWriterAdapter"/> class.</summary>
    /// <param name="writer">The target.</param>
    public Utf8JsonWriterAdapter(Utf8JsonWriter writer)
    {
        _writer = writer;
        CloseOutput = false;
    }

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override void WriteStartObject()
    {
        base.WriteStartObject();
        _writer.WriteStartObject();
    }

    /// <inheritdoc/>
    public override void WriteStartArray()
    {
        base.WriteStartArray();
        _writer.WriteStartArray();
    }

    /// <inheritdoc/>
    public override void WriteStartConstructor(string name) => throw new NotSupportedException("JSON constructors are not JSON.");

    /// <inheritdoc/>
    public override void WritePropertyName(string name)
    {
        base.WritePropertyName(name);
        _writer.WritePropertyName(name);
    }

    /// <inheritdoc/>
    public override void WriteNull()
    {
        base.WriteNull();
        _writer.WriteNullValue();
    }

    /// <inheritdoc/>
    public override void WriteUndefined()
    {
        base.WriteUndefined();
        _writer.WriteNullValue();
    }

    /// <inheritdoc/>
    public override void WriteRaw(string? json)
    {
        base.WriteRaw(json);
        if (json is not null)
        {
            _writer.WriteRawValue(json);
        }
    }

    /// <inheritdoc/>
    public override void WriteComment(string? text)
    {
        // Comments are not JSON: dropped.
    }

    /// <inheritdoc/>
    public override void WriteValue(object? value)
    {
        if (value is BigInteger big)
        {
            base.WriteValue(0L);
            _writer.WriteRawValue(big.ToString(CultureInfo.InvariantCulture));
            return;
        }

        base.WriteValue(value);
    }

    /// <inheritdoc/>
    public override void WriteValue(string? value)
    {
        base.WriteValue(value);
        if (value is null)
        {
            _writer.WriteNullValue();
        }
        else
        {
            _writer.WriteStringValue(value);
        }
    }

    /// <inheritdoc/>
    public override void WriteValue(int value) => WriteInteger(value);

    /// <inheritdoc/>
    public override void WriteValue(uint value) => WriteInteger(value);

    /// <inheritdoc/>
    public override void WriteValue(long value) => WriteInteger(value);

    /// <summary>
    /// Every signed integer type, and the unsigned ones that fit: Json.NET's state is the same for all of them (an
    /// Integer token) and the written number is the same text.
    /// </summary>
    private void WriteInteger(long value)
    {
        base.WriteValue(value);
        _writer.WriteNumberValue(value);
    }

    /// <inheritdoc/>
    public override void WriteValue(ulong value)
    {
        base.WriteValue(value);
        _writer.WriteNumberValue(value);
    }

    /// <inheritdoc/>
    public override void WriteValue(short value) => WriteInteger(value);

    /// <inheritdoc/>
    public override void WriteValue(ushort value) => WriteInteger(value);

    /// <inheritdoc/>
    public override void WriteValue(byte value) => WriteInteger(value);

    /// <inheritdoc/>
    public override void WriteValue(sbyte value) => WriteInteger(value);

    /// <inheritdoc/>
    public override void WriteValue(float value) => WriteFloat(value, double.IsNaN(value) || double.IsInfinity(value), NJ.JsonConvert.ToString(value));

    /// <inheritdoc/>
    public override void WriteValue(double value) => WriteFloat(value, double.IsNaN(value) || double.IsInfinity(value), NJ.JsonConvert.ToString(value));

    /// <inheritdoc/>
    public override void WriteValue(decimal value)
    {
        base.WriteValue(value);
        _writer.WriteRawValue(NJ.JsonConvert.ToString(value), skipInputValidation: true);
    }

    /// <inheritdoc/>
    public override void WriteValue(bool value)
    {
        base.WriteValue(value);
        _writer.WriteBooleanValue(value);
    }

    /// <inheritdoc/>
    public override void WriteValue(char value)
    {
        base.WriteValue(value);
        _writer.WriteStringValue(value.ToString());
    }

    /// <inheritdoc/>
    public override void WriteValue(DateTime value)
    {
        base.WriteValue(value);
        var offset = value.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(value, TimeSpan.Zero) : new DateTimeOffset(value);
        _writer.WriteStringValue(UtcDateTimeOffsetJsonConverter.Format(offset));
    }

    /// <inheritdoc/>
    public override void WriteValue(DateTimeOffset value)
    {
        base.WriteValue(value);
        _writer.WriteStringValue(UtcDateTimeOffsetJsonConverter.Format(value));
    }

    /// <inheritdoc/>
    public override void WriteValue(Guid value)
    {
        base.WriteValue(value);
        _writer.WriteStringValue(value.ToString("D"));
    }

    /// <inheritdoc/>
    public override void WriteValue(TimeSpan value)
    {
        base.WriteValue(value);
        _writer.WriteStringValue(value.ToString(null, CultureInfo.InvariantCulture));
    }

    /// <inheritdoc/>
    public override void WriteValue(Uri? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }

        base.WriteValue(value);
        _writer.WriteStringValue(value.OriginalString);
    }

    /// <inheritdoc/>
    public override void WriteValue(byte[]? value)
    {
        if (value is null)
        {
            WriteNull();
            return;
        }

        base.WriteValue(value);
        _writer.WriteBase64StringValue(value);
    }

    /// <inheritdoc/>
    protected override void WriteEnd(JsonToken token)
    {
        if (token == JsonToken.EndObject)
        {
            _writer.WriteEndObject();
        }
        else if (token == JsonToken.EndArray)
        {
            _writer.WriteEndArray();
        }
    }

    private void WriteFloat(double value, bool special, string text)
    {
        base.WriteValue(value);
        if (special)
        {
            _writer.WriteStringValue(text);
        }
        else
        {
            _writer.WriteRawValue(text, skipInputValidation: true);
        }
    }
}
