using System;
using System.IO;
using System.Text;
using Newtonsoft.Json;

namespace PostPress;

/// <summary>Serializes a JSON request body to UTF-8 once per call (retries resend the same bytes).</summary>
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
                var serializer = PostPressPipeline.Serializer;
                if (serializer.ContractResolver.ResolveContract(body.GetType()).Converter is Serialization.IGeneratedModelConverter converter)
                {
                    // A model with a generated writer (every request body of the spec): the converter Json.NET would pick
                    // for it (the contract's), called directly, without Json.NET's per-call serializer state (an internal
                    // writer and a serializer proxy). The settings change nothing on the writer, and the generated writers
                    // detect self-referencing loops themselves (ModelSerializerSupport.Enter).
                    ((JsonConverter)converter).WriteJson(writer, body, serializer);
                }
                else
                {
                    serializer.Serialize(writer, body);
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
