using System;
using System.Text.Json;
using Newtonsoft.Json;

namespace PostPress.Benchmarks.Baselines;

/// <summary>Reads <c>calendar</c>, a string or a ProviderIdentity object, token by token (Newtonsoft).</summary>
public sealed class PlainCalendarNewtonsoftConverter : JsonConverter<PlainCalendar>
{
    public override PlainCalendar? ReadJson(JsonReader reader, Type objectType, PlainCalendar? existingValue, bool hasExistingValue, Newtonsoft.Json.JsonSerializer serializer)
    {
        switch (reader.TokenType)
        {
            case JsonToken.Null:
                return null;
            case JsonToken.String:
                return new PlainCalendar { Name = (string?)reader.Value };
            case JsonToken.StartObject:
                var calendar = new PlainCalendar();
                while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
                {
                    var name = (string?)reader.Value;
                    reader.Read();
                    switch (name)
                    {
                        case "id": calendar.Id = reader.Value?.ToString(); break;
                        case "username": calendar.Username = reader.Value?.ToString(); break;
                        default: reader.Skip(); break;
                    }
                }

                return calendar;
            default:
                throw new JsonSerializationException("calendar: unexpected token " + reader.TokenType);
        }
    }

    public override void WriteJson(JsonWriter writer, PlainCalendar? value, Newtonsoft.Json.JsonSerializer serializer) =>
        throw new NotSupportedException();
}

/// <summary>Reads <c>calendar</c>, a string or a ProviderIdentity object (System.Text.Json).</summary>
public sealed class PlainCalendarStjConverter : System.Text.Json.Serialization.JsonConverter<PlainCalendar>
{
    public override PlainCalendar? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return new PlainCalendar { Name = reader.GetString() };
            case JsonTokenType.StartObject:
                var calendar = new PlainCalendar();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isId = reader.ValueTextEquals("id"u8);
                    var isUsername = reader.ValueTextEquals("username"u8);
                    reader.Read();
                    if (isId) calendar.Id = reader.GetString();
                    else if (isUsername) calendar.Username = reader.GetString();
                    else reader.Skip();
                }

                return calendar;
            default:
                throw new System.Text.Json.JsonException("calendar: unexpected token " + reader.TokenType);
        }
    }

    public override void Write(Utf8JsonWriter writer, PlainCalendar value, JsonSerializerOptions options) =>
        throw new NotSupportedException();
}
