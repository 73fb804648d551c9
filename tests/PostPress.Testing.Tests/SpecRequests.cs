using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PostPress.Testing.Internal;
using Xunit;

namespace PostPress.Testing.Tests;

/// <summary>Builds a valid request for any operation of the sandbox's spec (from parameter and body examples, else the schemas).</summary>
internal static class SpecRequests
{
    public static HttpRequestMessage ValidRequest(PostPressSandbox sandbox, string operationId)
    {
        var op = sandbox.Operation(operationId);
        var path = op.Path;
        var query = new StringBuilder();
        foreach (var p in op.Parameters.Where(p => p.Required || p.In == "path"))
        {
            var value = ExampleValue(sandbox, op, p);
            if (p.In == "path")
            {
                path = path.Replace("{" + p.Name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
            }
            else if (p.In == "query")
            {
                query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(p.Name)).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        var request = new HttpRequestMessage(new HttpMethod(op.Method), path.TrimStart('/') + query);
        if (op.Body is { } body)
        {
            var json = body.Examples.FirstOrDefault()?.Value ?? sandbox.Examples.Build(body.SchemaPointer!, null, []);
            request.Content = new StringContent(json!.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return request;
    }

    private static string ExampleValue(PostPressSandbox sandbox, OperationModel op, ParameterModel p)
    {
        var paramNode = sandbox.Model.At(op.Pointer + "/parameters")?.AsArray().FirstOrDefault(n => n?["name"]?.GetValue<string>() == p.Name);
        var example = paramNode?["example"] ?? (p.SchemaPointer is null ? null : sandbox.Examples.Build(p.SchemaPointer, null, []));
        return example switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonArray a => a[0]!.ToString(),
            null => "x1",
            _ => example.ToJsonString(),
        };
    }

    /// <summary>Sends the request and checks the documented success status and that the body matches the response schema.</summary>
    public static async Task<JsonNode?> SendAndCheckAsync(PostPressSandbox sandbox, HttpClient http, string operationId)
    {
        var op = sandbox.Operation(operationId);
        using var request = ValidRequest(sandbox, operationId);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == op.SuccessStatus, $"{operationId}: {(int)response.StatusCode} {text}");
        var json = JsonNode.Parse(text);
        var errors = sandbox.Validator.Validate(json, op.SuccessSchemaPointer!);
        Assert.True(errors.Count == 0, $"{operationId}: the response does not match its schema: {string.Join("; ", errors)}\n{text}");
        return json;
    }
}
