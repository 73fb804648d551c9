using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Diagnostics;

/// <summary>
/// Server text that reaches a log line, written by the real console logger (simple formatter): a hostile upstream cannot
/// forge a line, move the cursor or reverse text, and an echoed key is redacted.
/// </summary>
[Collection(NonParallelCollection.Name)]
public sealed class ConsoleLogForgeryTests : IDisposable
{
    private const string Forged = "\r\nwarn: PostPress.Client[5]\r\n      FORGED payment accepted\u001b[2J\u0007\u202Egnp.exe\u0085\u2028";

    private readonly MockApi _api = new();

    public void Dispose() => _api.Dispose();

    [Theory]
    [InlineData(200)]
    [InlineData(404)]
    [InlineData(503)]
    public async Task Forged_request_ids_and_problem_fields_stay_on_their_own_line_through_the_console_formatter(int status)
    {
        var body = status == 200
            ? "{\"object\":\"Account\",\"type\":\"MAIL\",\"id\":\"acc_01\",\"name\":\"n\",\"created_at\":\"2024-01-01T00:00:00.000Z\",\"sources\":[],\"connection_params\":{}}"
            : "{\"title\":\"t\",\"type\":\"errors/x" + Json(Forged) + "\",\"status\":" + status + ",\"instance\":\"req" + Json(Forged) + MockApi.ApiKey + "\"}";
        // A raw server: header values with ESC, BEL, NEL and bidi bytes (HTTP framing itself forbids CR/LF there).
        using var server = new RawHttpServer((request, connection) => connection.Respond(status, body,
            ("X-Request-Id", "rid\u001b[2J\u0007\u202Egnp.exe\u0085 " + MockApi.ApiKey)));

        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            using (var factory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.ColorBehavior = Microsoft.Extensions.Logging.Console.LoggerColorBehavior.Disabled).SetMinimumLevel(LogLevel.Information)))
            using (var client = new PostPressClient(_api.Options(o =>
            {
                o.BaseUri = server.BaseUri;
                o.LoggerFactory = factory;
                o.MaxRetries = 0;
            })))
            {
                try
                {
                    await client.Accounts.GetAsync("acc_01");
                }
                catch (PostPressApiException)
                {
                }
                catch (PostPressSerializationException)
                {
                }
            }

            // Disposing the factory flushes the console logger's queue.
        }
        finally
        {
            Console.SetOut(original);
        }

        var text = output.ToString();
        Assert.Contains("PostPress GET /accounts/{id} attempt 1", text);
        Assert.DoesNotContain(MockApi.ApiKey, text);
        foreach (var c in new[] { '\u001b', '\u0007', '\u202E', '\u0085', '\u2028', '\r' })
        {
            Assert.DoesNotContain(c, text);
        }

        // Every line is either a "level: category[event]" header or the indented message of one: nothing forged.
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.True(
            l.StartsWith("info: PostPress.Client[", StringComparison.Ordinal) || l.StartsWith("warn: PostPress.Client[", StringComparison.Ordinal) || l.StartsWith("      PostPress ", StringComparison.Ordinal),
            "a forged or unexpected line: " + l));
        Assert.Equal(lines.Count(l => l.StartsWith("      ", StringComparison.Ordinal)), lines.Count(l => !l.StartsWith("      ", StringComparison.Ordinal)));
        Assert.Contains("rid\\u001B[2J\\u0007", text);
        Assert.Contains("[REDACTED]", text);
        if (status != 200)
        {
            Assert.Contains("errors/x\\r\\nwarn: PostPress.Client[5]\\r\\n      FORGED", text);
        }
    }

    [Fact]
    public async Task A_handled_404_is_one_warning_line()
    {
        _api.Reply(_api.Get("/accounts/acc_01"), 404, "{\"title\":\"x\",\"type\":\"errors/resource_not_found\",\"status\":404}");
        using var client = _api.Client();

        await Assert.ThrowsAsync<NotFoundException>(() => client.Accounts.GetAsync("acc_01"));

        Assert.Single(_api.Logs.Lines, l => l.StartsWith("Warning ", StringComparison.Ordinal));
        Assert.Single(_api.Logs.Lines, l => l.StartsWith("Information ", StringComparison.Ordinal) && l.Contains("attempt 1 -> 404"));
    }

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text)[1..^1];
}
