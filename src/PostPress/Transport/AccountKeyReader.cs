using System;
using System.Text.Json;

namespace PostPress;

/// <summary>
/// Reads the account a call acts for from the request as built: the query parameter or top-level JSON body field the
/// operation's <c>x-postpress-account-key</c> names (<see cref="OperationInfo.AccountKey"/>). Only used when pacing is
/// on. The generated code builds the query and body from the same values, so what is read is what is sent.
/// </summary>
internal static class AccountKeyReader
{
    public static string? Read(OperationInfo operation, string pathAndQuery, byte[]? body)
    {
        var key = operation.AccountKey;
        if (key is null)
        {
            return null;
        }

        return operation.AccountKeyInBody ? FromBody(key, body) : FromQuery(key, pathAndQuery);
    }

    internal static string? FromQuery(string key, string pathAndQuery)
    {
        var query = pathAndQuery.IndexOf('?');
        if (query < 0)
        {
            return null;
        }

        var position = query + 1;
        while (position < pathAndQuery.Length)
        {
            var end = pathAndQuery.IndexOf('&', position);
            if (end < 0)
            {
                end = pathAndQuery.Length;
            }

            var equals = pathAndQuery.IndexOf('=', position, end - position);
            var nameEnd = equals < 0 ? end : equals;
            if (nameEnd - position == key.Length && string.CompareOrdinal(pathAndQuery, position, key, 0, key.Length) == 0)
            {
                return equals < 0 ? string.Empty : Uri.UnescapeDataString(pathAndQuery.Substring(equals + 1, end - equals - 1));
            }

            position = end + 1;
        }

        return null;
    }

    internal static string? FromBody(string key, byte[]? body)
    {
        if (body is null || body.Length == 0)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var match = reader.ValueTextEquals(key);
                if (!reader.Read())
                {
                    return null;
                }

                if (match)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // The SDK wrote the body; a body it cannot read back has no account to pace by.
        }

        return null;
    }
}
