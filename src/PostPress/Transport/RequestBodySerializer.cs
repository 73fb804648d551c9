using System;
using System.IO;
using System.Text;
using Newtonsoft.Json;

namespace PostPress;

/// <summary>
/// Serializes a JSON request body to UTF-8 once per call (retries resend the same bytes), with the model's generated
/// writer (obj/generated/ModelSerializers.g.cs) on a <see cref="JsonTextWriter"/>.
/// </summary>
internal static class RequestBodySerializer
{
    [ThreadStatic]
    private static StringBuilder? _bodyBuilder;

    /// <summary>Serializes a request body to UTF-8 (synchronously, on a per-thread reusable builder).</summary>
    /// <exception cref="ArgumentException">A value of the body has no JSON form (e.g. a <c>format: time</c> member outside
    /// 00:00–24:00, a required member set to null): the caller's value, reported before anything is sent.</exception>
    public static byte[] Serialize(object body)
    {
        var sb = _bodyBuilder ?? new StringBuilder(256);
        _bodyBuilder = null;
        sb.Clear();
        try
        {
            using (var text = new StringWriter(sb, System.Globalization.CultureInfo.InvariantCulture))
            using (var writer = new JsonTextWriter(text) { ArrayPool = JsonCharPool.Instance })
            {
                // The model's generated writer (every request body of the spec), called directly: no Json.NET per-call
                // serializer state (an internal writer and a serializer proxy). The settings change nothing on the
                // writer, and the generated writers detect self-referencing loops themselves (ModelSerializerSupport.Enter).
                // The serializer is only handed down for values of no declared type (object members,
                // AdditionalProperties, maps) and used whole for subclasses the SDK does not know.
                if (Serialization.ModelSerializers.ConverterFor(body.GetType()) is { } generated)
                {
                    generated.WriteJson(writer, body, PostPressPipeline.Serializer);
                }
                else
                {
                    PostPressPipeline.Serializer.Serialize(writer, body);
                }
            }
        }
        catch (JsonException ex)
        {
            throw new ArgumentException("The request body cannot be written as JSON: " + ex.Message, "body", ex);
        }

        // UTF-8 straight from the builder's characters (a pooled copy), without an intermediate string.
        var chars = System.Buffers.ArrayPool<char>.Shared.Rent(sb.Length);
        byte[] bytes;
        try
        {
            sb.CopyTo(0, chars, 0, sb.Length);
            bytes = Encoding.UTF8.GetBytes(chars, 0, sb.Length);
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(chars);
        }

        if (sb.Capacity <= 64 * 1024)
        {
            _bodyBuilder = sb;
        }

        return bytes;
    }
}
