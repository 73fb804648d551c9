using System;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace PostPress.Testing.Tests;

/// <summary>The sandbox's generated examples are valid for every format the SDK types, and its validation checks them as the SDK writes them.</summary>
public sealed class FormatExampleTests
{
    private const string AddedOperation = """
          /formats:
            get:
              operationId: getFormats
              summary: Every format (added to a copy of the spec by a test)
              responses:
                '200':
                  description: OK
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [date_time, date, time, duration, uuid, uri, byte, int32, int64, float, double]
                        properties:
                          date_time: { type: string, format: date-time }
                          date: { type: string, format: date }
                          time: { type: string, format: time }
                          duration: { type: string, format: duration }
                          uuid: { type: string, format: uuid }
                          uri: { type: string, format: uri }
                          byte: { type: string, format: byte }
                          int32: { type: integer, format: int32 }
                          int64: { type: integer, format: int64 }
                          float: { type: number, format: float }
                          double: { type: number, format: double }
                          maybe_time: { type: [string, 'null'], format: time }
        """;

    [Fact]
    public async Task Generated_examples_are_valid_for_each_format()
    {
        var spec = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "openapi", "postpress.yaml"));
        const string anchor = "  /accounts/{id}:\n";
        Assert.Contains(anchor, spec, StringComparison.Ordinal);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(spec.Replace(anchor, AddedOperation + "\n" + anchor, StringComparison.Ordinal)));
        await using var sandbox = await PostPressSandbox.StartAsync(new PostPressSandboxOptions { SpecStream = stream });
        using var http = sandbox.CreateHttpClient();

        var body = JsonNode.Parse(await http.GetStringAsync("formats"))!.AsObject();

        var pointer = sandbox.Operation("getFormats").SuccessSchemaPointer!;
        Assert.Empty(sandbox.Validator.Validate(body, pointer));
        Assert.Matches("^[0-9]{2}:[0-9]{2}:[0-9]{2}$", body["time"]!.GetValue<string>());
        Assert.Matches("^P", body["duration"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String(Convert.FromBase64String(body["byte"]!.GetValue<string>())), body["byte"]!.GetValue<string>());

        // The sandbox checks formats the SDK's way: a time with an offset or a duration in years is refused.
        var withOffset = body.DeepClone().AsObject();
        withOffset["time"] = "09:00:00Z";
        Assert.NotEmpty(sandbox.Validator.Validate(withOffset, pointer));
        var inYears = body.DeepClone().AsObject();
        inYears["duration"] = "P1Y";
        Assert.NotEmpty(sandbox.Validator.Validate(inYears, pointer));
        var badDate = body.DeepClone().AsObject();
        badDate["date"] = "2026-02-30";
        Assert.NotEmpty(sandbox.Validator.Validate(badDate, pointer));
    }
}
