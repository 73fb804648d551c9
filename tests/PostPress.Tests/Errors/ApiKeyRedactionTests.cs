using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Errors;

/// <summary>
/// A key echoed back by the server (in the problem's detail, title, instance or type, anywhere in the raw body, in a
/// header) never reaches <see cref="Exception.Message"/>, <c>ToString()</c>, <see cref="PostPressApiException.RawBody"/>
/// or any <see cref="PostPressErrorDetails"/> property: it is replaced by <c>[REDACTED]</c>.
/// </summary>
public sealed class ApiKeyRedactionTests
{
    private const string Key = MockApi.ApiKey;
    private const string Secret = "SECRET_7f3a9c1e5b"; // the distinctive part of the key: a piece of it is a leak too

    public static IEnumerable<object[]> Echoes() => new[]
    {
        new object[] { "detail", "{\"title\":\"Unauthorized\",\"type\":\"errors/invalid_api_key\",\"detail\":\"invalid api key " + Key + "\"}" },
        new object[] { "title", "{\"title\":\"bad key " + Key + "\",\"type\":\"errors/invalid_api_key\"}" },
        new object[] { "instance", "{\"title\":\"t\",\"type\":\"errors/x\",\"instance\":\"/keys/" + Key + "\"}" },
        new object[] { "type", "{\"title\":\"t\",\"type\":\"errors/" + Key + "\"}" },
        new object[] { "another member", "{\"title\":\"t\",\"type\":\"errors/x\",\"debug\":{\"headers\":{\"X-API-KEY\":\"" + Key + "\"}}}" },
        new object[] { "a \\u escape", "{\"title\":\"t\",\"type\":\"errors/x\",\"detail\":\"key \\u0070p_test_" + Secret + "\"}" },
        new object[] { "not JSON", "<html>your key " + Key + " is invalid</html>" },
        new object[] { "JSON but not an object", "[\"" + Key + "\"]" },
        new object[] { "a wrong-typed status", "{\"title\":\"t\",\"type\":\"errors/x\",\"status\":\"" + Key + "\"}" },
        new object[] { "broken JSON", "{\"title\":\"t\",\"" + Key + "\" oops" },
    };

    [Theory]
    [MemberData(nameof(Echoes))]
    public async Task A_key_echoed_in_the_body_is_redacted_everywhere(string where, string body)
    {
        foreach (var status in new[] { 400, 401, 403, 500, 418 })
        {
            var ex = await ErrorResponses.MapAsync(status, Encoding.UTF8.GetBytes(body), Key);

            Assert.Equal(ErrorResponses.TypeFor(status), ex.GetType());
            AssertNoSecret(where, ex);
            Assert.Contains("[REDACTED]", ex.RawBody);
        }
    }

    [Fact]
    public async Task A_key_echoed_in_a_header_value_or_name_is_redacted_in_the_details_headers()
    {
        var ex = await ErrorResponses.MapAsync(401, Encoding.UTF8.GetBytes("{\"title\":\"t\",\"type\":\"errors/x\"}"), Key,
            ("X-Request-Id", "req-" + Key), ("X-Echo-" + Key, "v"), ("WWW-Authenticate", "ApiKey key=\"" + Key + "\""));

        AssertNoSecret("header", ex);
        Assert.Equal("req-[REDACTED]", ex.Headers["X-Request-Id"].Single());
        Assert.Equal("v", ex.Headers["X-Echo-[REDACTED]"].Single());
    }

    [Fact]
    public async Task A_key_cut_in_two_by_the_end_of_the_8_KiB_excerpt_is_redacted_too()
    {
        foreach (var split in new[] { 1, 5, Key.Length / 2, Key.Length - 1 })
        {
            var prefix = "{\"title\":\"t\",\"type\":\"errors/x\",\"detail\":\"";
            var filler = new string('a', ErrorMapper.MaxBodyExcerptBytes - prefix.Length - split);
            var body = prefix + filler + Key + "\"}";

            var ex = await ErrorResponses.MapAsync(401, Encoding.UTF8.GetBytes(body), Key);

            Assert.EndsWith("[REDACTED]", ex.RawBody);
            Assert.DoesNotContain(Key.Substring(0, split), ex.RawBody.Substring(prefix.Length + filler.Length - 1));
            AssertNoSecret("split " + split, ex);
        }
    }

    [Fact]
    public async Task Without_a_key_nothing_is_redacted()
    {
        var ex = await ErrorResponses.MapAsync(401, Encoding.UTF8.GetBytes("{\"title\":\"t\",\"type\":\"errors/x\",\"detail\":\"invalid api key " + Key + "\"}"), apiKey: null);

        Assert.Equal("invalid api key " + Key, ex.Detail);
    }

    [Fact]
    public async Task Through_the_client_a_401_echoing_the_key_in_body_and_headers_does_not_leak_it()
    {
        using var api = new MockApi();
        api.Reply(api.Get("/accounts/acc_1"), 401,
            "{\"title\":\"Unauthorized\",\"type\":\"errors/invalid_api_key\",\"detail\":\"invalid api key " + Key + "\",\"instance\":\"req_" + Key + "\",\"status\":401}",
            ("X-Debug-Key", Key));
        using var client = api.Client(o => o.MaxRetries = 0);

        var ex = await Assert.ThrowsAsync<PostPressAuthenticationException>(() => client.Accounts.GetAsync("acc_1"));

        AssertNoSecret("client", ex);
        Assert.Equal("invalid api key [REDACTED]", ex.Detail);
        Assert.Equal("req_[REDACTED]", ex.Instance);
        Assert.Equal("[REDACTED]", ex.Headers["X-Debug-Key"].Single());
        Assert.Contains("invalid api key [REDACTED]", ex.Message);
        Assert.Single(api.Requests);
        Assert.Equal(Key, api.Requests[0].RequestMessage.Headers!["X-API-KEY"].Single()); // the key really was sent
    }

    [Fact]
    public async Task The_serialization_failure_helper_redacts_message_excerpt_and_inner_exception()
    {
        var body = "{\"object\":\"Account\",\"id\":\"" + Key + "\",\"type\":\u001B}";
        using var response = await ErrorResponses.BufferAsync(200, body);
        var parserError = new JsonReaderException("Unexpected character while parsing value: " + Key + "\r\nforged", "id." + Key, 1, 30, new FormatException("inner " + Key));

        var ex = ErrorMapper.SerializationFailure(response, "The 200 response of getAccount is not a valid Account: " + parserError.Message, parserError, Key);

        var texts = new[] { ex.Message, ex.ToString(), ex.BodyExcerpt, ex.InnerException!.Message, ex.InnerException.ToString() };
        Assert.All(texts, t => Assert.DoesNotContain(Secret, t));
        Assert.Equal(200, ex.StatusCode);
        Assert.Contains("[REDACTED]", ex.BodyExcerpt);
        Assert.Contains("\u001B", ex.BodyExcerpt); // the excerpt is the body (key aside)
        Assert.Contains("Body starts: {\"object\":\"Account\",\"id\":\"[REDACTED]\",\"type\":\\u001B}", ex.Message);
        Assert.True(ServerText.FirstUnsafe(ex.Message) < 0, ex.Message);
        Assert.True(ServerText.FirstUnsafe(ex.ToString().Replace(Environment.NewLine, " ")) < 0, ex.ToString());
        Assert.IsType<JsonReaderException>(ex.InnerException);
        Assert.Contains("[REDACTED]\\r\\nforged", ex.InnerException.Message);
    }

    [Fact]
    public async Task The_serialization_failure_helper_keeps_a_clean_parser_exception_as_it_is()
    {
        using var response = await ErrorResponses.BufferAsync(200, "[1,2]");
        var parserError = new JsonSerializationException("Cannot deserialize the current JSON array. Path '', line 1, position 1.");

        var ex = ErrorMapper.SerializationFailure(response, "not an Account: " + parserError.Message, parserError, Key);

        Assert.Same(parserError, ex.InnerException);
        Assert.Equal("[1,2]", ex.BodyExcerpt);
        Assert.EndsWith("Body starts: [1,2]", ex.Message);
    }

    [Fact]
    public void A_serialization_exception_escapes_control_characters_in_its_message()
    {
        var ex = new PostPressSerializationException("bad body: \r\n[Info] forged \u001B[2J", 200, "x\ny");

        Assert.Equal("bad body: \\r\\n[Info] forged \\u001B[2J", ex.Message);
        Assert.Equal("x\ny", ex.BodyExcerpt);
    }

    private static void AssertNoSecret(string where, PostPressApiException ex)
    {
        var details = ex.Details;
        var texts = new List<string?>
        {
            ex.Message, ex.ToString(), ex.RawBody, details.RawBody, details.Title, details.Detail, details.Instance,
            details.ErrorType?.Value, details.Problem, JsonConvert.SerializeObject(details),
        };
        texts.AddRange(details.Headers.SelectMany(h => h.Value.Prepend(h.Key)));
        foreach (var text in texts)
        {
            Assert.False(text is not null && text.Contains(Secret, StringComparison.Ordinal), where + ": the key is in " + text);
        }
    }
}
