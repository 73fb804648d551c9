using System;
using System.Collections.Generic;

namespace PostPress.Serialization;

/// <summary>
/// How a union base is told apart, as generated with the model readers (<c>ModelSerializers.UnionFor</c> in
/// obj/generated/ModelSerializers.g.cs, emitted by build/PostPress.CodeGen/ModelSerializerEmitter.cs from the spec's
/// unions): the single source of the dispatch rules that <see cref="UnionJsonConverter"/>, the response peek and the
/// generated System.Text.Json converters read. Nothing reads the union's attributes by reflection.
/// </summary>
internal sealed class UnionMetadata
{
    /// <summary>Initializes a new instance of the <see cref="UnionMetadata"/> class.</summary>
    /// <param name="discriminator">The discriminator's JSON name, or null for a union told apart by properties.</param>
    /// <param name="byValue">The variant per discriminator value (ordinal).</param>
    /// <param name="byProperty">The variant per distinguishing property name (ignoring case).</param>
    /// <param name="fallback">The <c>Unknown…</c> variant.</param>
    public UnionMetadata(string? discriminator, Dictionary<string, Type> byValue, Dictionary<string, Type> byProperty, Type fallback)
    {
        Discriminator = discriminator;
        ByValue = byValue;
        ByProperty = byProperty;
        Fallback = fallback;
    }

    /// <summary>Gets the discriminator's JSON name, or null for a union told apart by properties.</summary>
    public string? Discriminator { get; }

    /// <summary>Gets the variant per discriminator value (ordinal).</summary>
    public Dictionary<string, Type> ByValue { get; }

    /// <summary>Gets the variant per distinguishing property name (ignoring case).</summary>
    public Dictionary<string, Type> ByProperty { get; }

    /// <summary>Gets the <c>Unknown…</c> variant.</summary>
    public Type Fallback { get; }

    /// <summary>Whether <paramref name="name"/> is the discriminator (compared ignoring case, as Json.NET matches members).</summary>
    /// <param name="name">A member name as received.</param>
    /// <returns><see langword="true"/> for the discriminator.</returns>
    public bool IsDiscriminator(string name) => Discriminator is not null && string.Equals(name, Discriminator, StringComparison.OrdinalIgnoreCase);

    /// <summary>The variant a discriminator value selects: a known value's variant, else (another string, or not a string) the <c>Unknown…</c> variant.</summary>
    /// <param name="value">The discriminator's value when it is a JSON string, else null.</param>
    /// <returns>The variant.</returns>
    public Type ForValue(string? value) => value is not null && ByValue.TryGetValue(value, out var known) ? known : Fallback;

    /// <summary>
    /// The variant of the JSON object the reader is on (its <c>{</c>), decided by reading a copy of the reader (the
    /// caller's reader does not move): the first discriminator member (its string value), or the first member only one
    /// variant has; otherwise the <c>Unknown…</c> variant.
    /// </summary>
    /// <param name="reader">The reader, on the object's <c>{</c> (copied, not moved).</param>
    /// <returns>The variant.</returns>
    /// <exception cref="System.Text.Json.JsonException">The JSON is malformed.</exception>
    public Type Peek(System.Text.Json.Utf8JsonReader reader) => Peek(reader, out _);

    /// <summary>
    /// <see cref="Peek(System.Text.Json.Utf8JsonReader)"/>, also counting the members the Json.NET reader keeps and replays
    /// before the variant reads on (those read before the deciding one, the discriminator included; none when the
    /// discriminator comes first with a string value, or the first member is a distinguishing property): their string
    /// members are read from tokens, a number as its invariant text (<c>993.0</c> is <c>"993"</c>), a boolean as
    /// <c>True</c>/<c>False</c>, which the System.Text.Json readers reproduce.
    /// </summary>
    /// <param name="reader">The reader, on the object's <c>{</c> (copied, not moved).</param>
    /// <param name="replayed">The number of leading members the Json.NET reader replays.</param>
    /// <returns>The variant.</returns>
    /// <exception cref="System.Text.Json.JsonException">The JSON is malformed.</exception>
    public Type Peek(System.Text.Json.Utf8JsonReader reader, out int replayed)
    {
        int index = 0;
        while (reader.Read())
        {
            if (reader.TokenType == System.Text.Json.JsonTokenType.EndObject)
            {
                replayed = index;
                return Fallback;
            }

            if (reader.TokenType != System.Text.Json.JsonTokenType.PropertyName)
            {
                continue;
            }

            string name = reader.GetString()!;
            if (IsDiscriminator(name))
            {
                if (!reader.Read())
                {
                    break;
                }

                string? value = reader.TokenType == System.Text.Json.JsonTokenType.String ? reader.GetString() : null;
                replayed = index == 0 && value is not null ? 0 : index + 1;
                return ForValue(value);
            }

            if (ByProperty.TryGetValue(name, out var withProperty))
            {
                replayed = index;
                return withProperty;
            }

            if (!reader.Read())
            {
                break;
            }

            reader.Skip();
            index++;
        }

        throw new System.Text.Json.JsonException("Unexpected end of JSON in an object.");
    }
}
