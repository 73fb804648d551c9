using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Errors;

/// <summary>
/// Whatever JSON (or not-JSON) an error body holds, mapping it ends in exactly the typed exception of the HTTP status,
/// with that status, a message free of control characters, and <see cref="PostPressErrorDetails.Problem"/> saying
/// what was wrong. No other exception (overflow, cast, JSON, argument…) escapes.
/// </summary>
public sealed class HostileErrorBodyTests
{
    private const string Ok = "\"title\":\"T\",\"type\":\"errors/x\"";

    /// <summary>Name → (body, expected substring of Problem or null for none, expected Title or null to skip the check).</summary>
    private static readonly Dictionary<string, (Func<byte[]> Body, string? Problem, string? Title)> Rows = new()
    {
        ["status 3000000000 (overflows Int32)"] = (Utf8("{" + Ok + ",\"status\":3000000000}"), "status (3000000000) is not an integer in range", "T"),
        ["status 99999999999999999999999 (BigInteger)"] = (Utf8("{" + Ok + ",\"status\":99999999999999999999999}"), "is not an integer in range", "T"),
        ["status with 5000 digits (beyond Json.NET's integers)"] = (Utf8("{" + Ok + ",\"status\":" + new string('9', 5000) + "}"), "not valid JSON (JSON integer", "T"),
        ["status negative"] = (Utf8("{" + Ok + ",\"status\":-400}"), "status (-400) is not an integer in range", "T"),
        ["status zero"] = (Utf8("{" + Ok + ",\"status\":0}"), "is not an integer in range", "T"),
        ["status fractional"] = (Utf8("{" + Ok + ",\"status\":400.5}"), "status (400.5) is not an integer in range", "T"),
        ["status 1e400 (infinite)"] = (Utf8("{" + Ok + ",\"status\":1e400}"), "is not an integer in range", "T"),
        ["status -1e400"] = (Utf8("{" + Ok + ",\"status\":-1e400}"), "is not an integer in range", "T"),
        ["status NaN literal"] = (Utf8("{" + Ok + ",\"status\":NaN}"), "is not an integer in range", "T"),
        ["status string"] = (Utf8("{" + Ok + ",\"status\":\"400\"}"), "status is a string, not an integer in range", "T"),
        ["status boolean"] = (Utf8("{" + Ok + ",\"status\":true}"), "status is a boolean", "T"),
        ["status object"] = (Utf8("{" + Ok + ",\"status\":{\"code\":[400]}}"), "status is an object", "T"),
        ["status array"] = (Utf8("{" + Ok + ",\"status\":[400]}"), "status is an array", "T"),
        ["status given twice"] = (Utf8("{" + Ok + ",\"status\":3000000000,\"status\":\"x\"}"), "\"status\" more than once", "T"),
        ["title number"] = (Utf8("{\"title\":1,\"type\":\"errors/x\"}"), "\"title\" is a number, not a string", null),
        ["title object"] = (Utf8("{\"title\":{\"a\":[1,{\"b\":2}]},\"type\":\"errors/x\",\"detail\":\"d\"}"), "\"title\" is an object", null),
        ["title array"] = (Utf8("{\"title\":[\"T\"],\"type\":\"errors/x\"}"), "\"title\" is an array", null),
        ["type number"] = (Utf8("{\"title\":\"T\",\"type\":5}"), "\"type\" is a number", "T"),
        ["detail object"] = (Utf8("{" + Ok + ",\"detail\":{}}"), "\"detail\" is an object", "T"),
        ["instance array"] = (Utf8("{" + Ok + ",\"instance\":[\"req\"]}"), "\"instance\" is an array", "T"),
        ["instance boolean"] = (Utf8("{" + Ok + ",\"instance\":false}"), "\"instance\" is a boolean", "T"),
        ["title constructor"] = (Utf8("{\"title\":new Date(1),\"type\":\"errors/x\"}"), "\"title\" is a constructor", null),
        ["title undefined"] = (Utf8("{\"title\":undefined,\"type\":\"errors/x\"}"), "\"title\" is undefined", null),
        ["every field of the wrong type"] = (Utf8("{\"title\":[],\"type\":{},\"detail\":1,\"instance\":true,\"status\":\"x\"}"), "no title or type", null),
        ["title given twice"] = (Utf8("{\"title\":\"A\",\"type\":\"errors/x\",\"title\":\"B\"}"), "\"title\" more than once; the last one is used", "B"),
        ["nesting beyond MaxDepth after the fields"] = (Utf8("{" + Ok + ",\"x\":" + new string('[', 100) + new string(']', 100) + "}"), "MaxDepth", "T"),
        ["deep arrays at the top"] = (Utf8(new string('[', 5000) + new string(']', 5000)), "not valid JSON", null),
        ["deep objects"] = (Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 1500)) + "1" + new string('}', 1500)), "not valid JSON", null),
        ["50 MB body (only the excerpt is read)"] = (() => Utf8("{" + Ok + ",\"detail\":\"" + new string('a', 50 * 1024 * 1024) + "\"}")(), "first 8 KiB", "T"),
        ["invalid UTF-8 inside a string"] = (() => Concat(Encoding.UTF8.GetBytes("{\"title\":\"T"), new byte[] { 0xFF, 0xFE, 0xC3, 0x28 }, Encoding.UTF8.GetBytes("\",\"type\":\"errors/x\"}")), null, "T\uFFFD\uFFFD\uFFFD("),
        ["invalid UTF-8 at the start"] = (() => Concat(new byte[] { 0xFF, 0xFE, 0x80 }, Encoding.UTF8.GetBytes("{" + Ok + "}")), "not valid JSON", null),
        ["NUL bytes only"] = (() => new byte[] { 0, 0, 0, 0 }, "not valid JSON", null),
        ["NUL inside a string"] = (Utf8("{\"title\":\"a\0b\",\"type\":\"errors/x\"}"), null, "a\0b"),
        ["NUL after the object (Json.NET: the end of the input)"] = (Utf8("{" + Ok + "}\0"), null, "T"),
        ["UTF-8 byte order mark"] = (() => Concat(new byte[] { 0xEF, 0xBB, 0xBF }, Encoding.UTF8.GetBytes("{" + Ok + "}")), null, "T"),
        ["UTF-16 body with its BOM"] = (() => Concat(new byte[] { 0xFF, 0xFE }, Encoding.Unicode.GetBytes("{" + Ok + "}")), "not valid JSON", null),
        ["HTML"] = (Utf8("<html><body>502</body></html>"), "not valid JSON", null),
        ["JSON null"] = (Utf8("null"), "not a problem-details object", null),
        ["JSON string"] = (Utf8("\"error\""), "not a problem-details object", null),
        ["JSON huge number"] = (Utf8("1e99999"), "not a problem-details object", null),
        ["JSON array"] = (Utf8("[{" + Ok + "}]"), "not a problem-details object", null),
        ["text after the object"] = (Utf8("{" + Ok + "} trailing"), "members read before that point are used", "T"),
        ["two objects"] = (Utf8("{" + Ok + "}{" + Ok + "}"), "not valid JSON", "T"),
        ["object not closed"] = (Utf8("{" + Ok), "not valid JSON", "T"),
        ["cut inside a member name"] = (Utf8("{\"title\":\"T\",\"ty"), "not valid JSON", "T"),
        ["invalid escape"] = (Utf8("{\"title\":\"\\uZZZZ\"}"), "not valid JSON", null),
        ["comments"] = (Utf8("/*c*/{\"title\":/*c*/\"T\",\"type\":\"errors/x\"}//end"), null, "T"),
        ["single quotes and unquoted names"] = (Utf8("{'title':'T',type:'errors/x'}"), null, "T"),
        ["huge numbers in other members"] = (Utf8("{" + Ok + ",\"n\":123456789012345678901234567890,\"f\":1e999,\"g\":-0.0000001e-999}"), null, "T"),
        ["lone surrogate escape (Json.NET decodes it as U+FFFD)"] = (Utf8("{\"title\":\"\\ud800\",\"type\":\"errors/x\"}"), null, "\uFFFD"),
        ["control characters in fields"] = (Utf8("{\"title\":\"a\\u001b[2Jb\",\"type\":\"errors/x\\r\\nFAKE\",\"instance\":\"r\\u202e1\"}"), null, "a\u001B[2Jb"),
        ["no title or type"] = (Utf8("{\"detail\":\"d\"}"), "no title or type", null),
        ["empty"] = (Utf8(string.Empty), "no body", null),
        ["whitespace"] = (Utf8(" \r\n\t "), "no body", null),
        ["property name past the excerpt"] = (Utf8("{\"" + new string('n', 10_000) + "\":1," + Ok + "}"), "first 8 KiB", null),
    };

    public static IEnumerable<object[]> RowNames() => Rows.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(RowNames))]
    public async Task A_hostile_error_body_gives_exactly_the_status_exception_and_says_what_was_wrong(string row)
    {
        var (makeBody, problem, title) = Rows[row];
        var body = makeBody();
        var statuses = body.Length > 1_000_000 ? new[] { 400, 418, 503 } : ErrorResponses.Statuses;
        foreach (var status in statuses)
        {
            var ex = await ErrorResponses.MapAsync(status, body);

            Assert.Equal(ErrorResponses.TypeFor(status), ex.GetType());
            Assert.Equal(status, ex.StatusCode);
            Assert.Null(ex.InnerException);
            if (problem is null)
            {
                Assert.Null(ex.Details.Problem);
            }
            else
            {
                Assert.Contains(problem, ex.Details.Problem);
            }

            if (title is not null)
            {
                Assert.Equal(title, ex.Title);
            }

            AssertNoControlCharacters(ex.Message);
            AssertNoControlCharacters(ex.Details.Problem ?? string.Empty);
            Assert.True(ex.RawBody.Length <= ErrorMapper.MaxBodyExcerptBytes, "raw body " + ex.RawBody.Length);
        }
    }

    [Fact]
    public async Task A_whole_number_status_in_range_is_kept_and_compared_with_the_HTTP_status()
    {
        var same = await ErrorResponses.MapAsync(404, Utf8("{" + Ok + ",\"status\":4.04e2}")());
        var other = await ErrorResponses.MapAsync(400, Utf8("{" + Ok + ",\"status\":404.0}")());

        Assert.Equal(404, same.Details.BodyStatus);
        Assert.Null(same.Details.Problem);
        Assert.IsType<BadRequestException>(other);
        Assert.Equal(404, other.Details.BodyStatus);
        Assert.Contains("disagrees with the HTTP status", other.Details.Problem);
    }

    [Fact]
    public async Task Control_characters_forged_in_the_body_are_escaped_in_the_message_and_kept_in_the_details()
    {
        var ex = await ErrorResponses.MapAsync(400, Utf8(
            "{\"title\":\"Bad\\r\\n[Error] forged line\",\"type\":\"errors/x\\u001b[31m\",\"detail\":\"d\\u0007\\u2028\\u202e\",\"instance\":\"req\\nfake\\u0000\"}")());

        Assert.Contains("Bad\\r\\n[Error] forged line", ex.Message);
        Assert.Contains("errors/x\\u001B[31m", ex.Message);
        Assert.Contains("d\\u0007\\u2028\\u202E", ex.Message);
        Assert.Contains("(request req\\nfake\\u0000)", ex.Message);
        AssertNoControlCharacters(ex.Message);
        AssertNoControlCharacters(ex.ToString());

        // The details are the data: kept as they came.
        Assert.Equal("Bad\r\n[Error] forged line", ex.Title);
        Assert.Equal("errors/x\u001B[31m", ex.ErrorType?.Value);
        Assert.Equal("req\nfake\0", ex.Instance);
    }

    [Fact]
    public void Lone_surrogates_and_bidi_controls_in_the_details_are_escaped_in_the_message()
    {
        var details = new PostPressErrorDetails(400, new ErrorType("errors/\u202Egnp.exe"), "a\uD800", "d\uDC00\u2066", "i\u0085", string.Empty, null, null);

        var ex = ErrorMapper.Create(details);

        Assert.Equal("PostPress API error 400 errors/\\u202Egnp.exe a\\uD800: d\\uDC00\\u2066 (request i\\u0085)", ex.Message);
        Assert.Equal("a\uD800", ex.Title);
    }

    [Fact]
    public async Task Random_and_mutated_bodies_never_escape_as_anything_but_the_status_exception()
    {
        const int seed = 61206;
        var random = new Random(seed);
        for (var i = 0; i < 1500; i++)
        {
            var body = RandomBody(random);
            var status = random.Next(400, 600);
            PostPressApiException ex;
            try
            {
                ex = await ErrorResponses.MapAsync(status, body);
            }
            catch (Exception thrown)
            {
                throw new Xunit.Sdk.XunitException("seed " + seed + ", iteration " + i + ", status " + status + ", body " + Convert.ToBase64String(body) + ": " + thrown);
            }

            Assert.True(ErrorResponses.TypeFor(status) == ex.GetType(), "iteration " + i + ": " + ex.GetType());
            Assert.Equal(status, ex.StatusCode);
            AssertNoControlCharacters(ex.Message);
        }
    }

    [Theory]
    [InlineData("3000000000")]
    [InlineData("99999999999999999999999")]
    [InlineData("-1")]
    [InlineData("\"400\"")]
    public async Task Through_the_client_a_400_with_an_unusable_status_is_a_BadRequestException(string statusJson)
    {
        using var api = new MockApi();
        api.Reply(api.Get("/accounts/acc_1"), 400, "{\"type\":\"errors/x\",\"title\":\"T\",\"status\":" + statusJson + "}");
        using var client = api.Client(o => o.MaxRetries = 0);

        var ex = await Assert.ThrowsAsync<BadRequestException>(() => client.Accounts.GetAsync("acc_1"));

        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("T", ex.Title);
        Assert.Null(ex.Details.BodyStatus);
        Assert.Contains("not an integer in range", ex.Details.Problem);
        Assert.Contains("the HTTP status is used", ex.Message);
    }

    [Fact]
    public async Task Through_the_client_invalid_UTF8_NUL_and_a_BOM_on_the_wire_end_in_the_typed_exception()
    {
        var bodies = new Dictionary<string, byte[]>
        {
            ["bom"] = Concat(new byte[] { 0xEF, 0xBB, 0xBF }, Encoding.UTF8.GetBytes("{" + Ok + ",\"status\":503}")),
            ["bytes"] = Concat(Encoding.UTF8.GetBytes("{\"title\":\"T\0"), new byte[] { 0xC0, 0xAF, 0xED, 0xA0, 0x80 }, Encoding.UTF8.GetBytes("\",\"type\":\"errors/x\",\"status\":1e400}")),
        };
        using var server = new RawHttpServer((request, connection) =>
        {
            var body = bodies[request.Target.Substring(request.Target.LastIndexOf('/') + 1)];
            connection.Write(RawConnection.Head(503, body.Length));
            connection.Write(body);
        });
        using var client = new PostPressClient(RawOptions.For(server, configure: o => o.MaxRetries = 0));

        var bom = await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.Accounts.GetAsync("bom"));
        var bytes = await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.Accounts.GetAsync("bytes"));

        Assert.Equal("T", bom.Title);
        Assert.Equal(503, bom.Details.BodyStatus);
        Assert.Null(bom.Details.Problem);
        Assert.StartsWith("T\0", bytes.Title);
        Assert.Contains("\uFFFD", bytes.Title);
        Assert.Contains("is not an integer in range", bytes.Details.Problem);
        Assert.Contains("T\\u0000", bytes.Message);
        AssertNoControlCharacters(bytes.Message);
    }

    [Fact]
    public async Task Through_the_client_forged_lines_in_the_body_and_headers_stay_out_of_the_message()
    {
        var body = "{\"title\":\"Bad\\r\\n[Error] forged\",\"type\":\"errors/x\\u001b[31m\",\"instance\":\"req\\nfake\"}";
        using var server = new RawHttpServer((request, connection) =>
            connection.Respond(422, body, ("X-Request-Id", "req\u001B[2J\u0007id"), ("X-Note", "a\u0085b")));
        using var client = new PostPressClient(RawOptions.For(server, configure: o => o.MaxRetries = 0));

        var ex = await Assert.ThrowsAsync<UnprocessableEntityException>(() => client.Accounts.GetAsync("acc_1"));

        Assert.Equal("PostPress API error 422 errors/x\\u001B[31m Bad\\r\\n[Error] forged (request req\\nfake)", ex.Message);
        AssertNoControlCharacters(ex.ToString().Replace(Environment.NewLine, " "));
        Assert.Equal("req\nfake", ex.Instance);                                  // the data, as it came
        Assert.Equal("req\u001B[2J\u0007id", ex.Headers["X-Request-Id"].Single()); // idem
    }

    private static void AssertNoControlCharacters(string text)
    {
        var at = ServerText.FirstUnsafe(text);
        Assert.True(at < 0, "unsafe U+" + (at < 0 ? string.Empty : ((int)text[at]).ToString("X4", CultureInfo.InvariantCulture)) + " at " + at + " in: " + text);
    }

    private static Func<byte[]> Utf8(string text) => () => Encoding.UTF8.GetBytes(text);

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static readonly string[] Members = { "title", "type", "detail", "instance", "status", "errors", "x" };

    private static readonly string[] Atoms =
    {
        "0", "-1", "400", "404.0", "400.5", "3000000000", "99999999999999999999999", "1e400", "-1e400", "NaN", "Infinity",
        "-Infinity", "true", "false", "null", "undefined", "\"\"", "\"T\"", "\"errors/x\"", "\"\\u0000\\u001b\\r\\n\"",
        "\"\\ud800\"", "\"\\udc00\\ud800\"", "new Date(1)", "\"\\u202e\"", "'single'", "1.7976931348623157e309",
    };

    private static byte[] RandomBody(Random random)
    {
        var text = new StringBuilder();
        WriteValue(text, random, random.Next(0, 5), topLevel: true);
        var bytes = Encoding.UTF8.GetBytes(text.ToString()).ToList();
        var mutations = random.Next(0, 4);
        for (var m = 0; m < mutations && bytes.Count > 0; m++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes.RemoveRange(at, bytes.Count - at); // truncate
                    break;
                case 1:
                    bytes.Insert(at, (byte)random.Next(256)); // any byte, NUL and invalid UTF-8 included
                    break;
                case 2:
                    bytes[at] = (byte)random.Next(256);
                    break;
                default:
                    bytes.InsertRange(at, new byte[] { 0xEF, 0xBB, 0xBF }); // a BOM anywhere
                    break;
            }
        }

        return bytes.ToArray();
    }

    private static void WriteValue(StringBuilder text, Random random, int depth, bool topLevel = false)
    {
        var choice = topLevel ? random.Next(10) : random.Next(6);
        if (depth <= 0 || choice >= 6 && !topLevel)
        {
            text.Append(Atoms[random.Next(Atoms.Length)]);
            return;
        }

        if (choice == 0 && !topLevel)
        {
            text.Append('[');
            var n = random.Next(0, 4);
            for (var i = 0; i < n; i++)
            {
                if (i > 0)
                {
                    text.Append(',');
                }

                WriteValue(text, random, depth - 1);
            }

            text.Append(']');
            return;
        }

        if (choice == 1 && !topLevel)
        {
            text.Append(Atoms[random.Next(Atoms.Length)]);
            return;
        }

        text.Append('{');
        var members = random.Next(0, 7);
        for (var i = 0; i < members; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append('"').Append(Members[random.Next(Members.Length)]).Append("\":");
            WriteValue(text, random, depth - 1);
        }

        text.Append('}');
    }
}
