using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using PostPress.Testing;
using Xunit;

namespace PostPress.Transplant.Tests;

/// <summary>
/// The transplant corpus (tests/transplant/corpus.yaml): operations of public OpenAPI example documents grafted into the
/// spec copy under the tag Transplant. Every grafted operation has a public method on <c>client.Transplant</c>; one call
/// through it against the sandbox (which serves the same copy) round-trips: the request body the sandbox received is
/// the example the test built, and the response the sandbox served reads back into the same JSON. Every operation the
/// corpus leaves out as out of scope fails the generator with the code the manifest names, one listed in
/// build/README.md's table (never the generic PPCG001/PPCG002).
/// </summary>
public sealed class TransplantTests : IAsyncLifetime
{
    private static readonly string Root = FindRoot();
    private static readonly string Out = Path.Combine(Root, "tests", "transplant", "out");

    private PostPressSandbox _sandbox = null!;
    private PostPressClient _client = null!;

    public static TheoryData<string> Calls() => Names(Path.Combine(Out, "calls.json"), "operationId");

    public static TheoryData<string> Excluded() => Names(Path.Combine(Out, "excluded.json"), "spec");

    public async Task InitializeAsync()
    {
        _sandbox = await PostPressSandbox.StartAsync();
        _client = _sandbox.CreateClient(o => o.MaxRetries = 0);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public void The_corpus_grafts_operations_and_removes_some_on_purpose()
    {
        // Guards the theories below against an empty corpus (a graft that found nothing would make them vacuous).
        int calls = Calls().Count, excluded = Excluded().Count;
        Assert.True(calls >= 40, $"only {calls} operations grafted");
        Assert.True(excluded >= 20, $"only {excluded} out-of-scope operations");
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public void Every_grafted_operation_has_a_public_method(string operationId)
    {
        var call = Call(operationId);
        var method = Method(call);

        Assert.True(method.IsPublic);
        Assert.True(typeof(Task).IsAssignableFrom(method.ReturnType), method.ToString());
        Assert.Contains(_sandbox.Operations, o => o.OperationId == operationId);
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task One_call_per_operation_round_trips_against_the_sandbox(string operationId)
    {
        var call = Call(operationId);
        var method = Method(call);
        var response = call["response"];
        if (response is not null)
        {
            _sandbox.Respond(operationId).WithBody(response.ToJsonString());
        }

        var args = method.GetParameters().Select(p => Argument(p, call)).ToArray();
        var task = (Task)method.Invoke(Resource(), args)!;
        await task;
        object? result = task.GetType().GetProperty("Result")?.GetValue(task);

        var request = Assert.Single(_sandbox.Requests);
        Assert.Equal(operationId, request.OperationId);
        Assert.InRange(request.ResponseStatus, 200, 299);

        string? bodyKind = (string?)call["bodyKind"];
        if (bodyKind == "json" && call["body"] is JsonNode sent)
        {
            // The body the sandbox received is the example the test built (read into the model, written by the SDK).
            Assert.Equal(Normalize(sent), Normalize(JsonNode.Parse(request.Body!)));
        }
        else if (bodyKind is "fields")
        {
            foreach (var (name, value) in (JsonObject)call["parameters"]!)
            {
                if (value is JsonObject file && file["$file"] is JsonValue fileName)
                {
                    Assert.Contains((string)fileName!, request.Body!, StringComparison.Ordinal);
                }
                else if (value is JsonValue v && v.TryGetValue(out string? text))
                {
                    Assert.Contains(request.Headers["Content-Type"].StartsWith("multipart/", StringComparison.Ordinal) ? text : Uri.EscapeDataString(text), request.Body!, StringComparison.Ordinal);
                }
            }
        }

        switch (result)
        {
            case PostPressFileResponse file:
                await using (file)
                {
                    Assert.InRange(file.StatusCode, 200, 299);
                    using var reader = new StreamReader(file.Content);
                    await reader.ReadToEndAsync();
                }

                break;
            case PostPressResponse plain:
                Assert.InRange(plain.StatusCode, 200, 299);
                break;
            case null:
                Assert.True(method.ReturnType == typeof(Task), $"{operationId} returned null");
                break;
            default:
                if (response is not null)
                {
                    // What the sandbox served reads into the generated model and writes back as the same JSON.
                    Assert.Equal(Normalize(response), Normalize(JsonNode.Parse(PostPressJson.Serialize(result))));
                }

                break;
        }
    }

    [Theory]
    [MemberData(nameof(Excluded))]
    public void Out_of_scope_operations_fail_with_their_code(string spec)
    {
        var entry = ((JsonArray)JsonNode.Parse(File.ReadAllText(Path.Combine(Out, "excluded.json")))!).Single(e => (string?)e!["spec"] == spec)!;
        string code = (string)entry["code"]!;
        Assert.Matches("^PPCG0[1-9][0-9]$", code); // an own code, not PPCG001 ("not understood") or PPCG002
        string table = File.ReadAllText(Path.Combine(Root, "build", "README.md"));
        Assert.Contains("| `" + code + "` |", table, StringComparison.Ordinal);

        string dll = Path.Combine(Root, "build", "PostPress.CodeGen", "bin", "Release", "net10.0", "PostPress.CodeGen.dll");
        Assert.True(File.Exists(dll), "the generator is built with the SDK: " + dll);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        string path = Path.Combine(Out, spec);
        foreach (var a in new[] { "exec", dll, "generate", "--spec", path, "--settings", Path.Combine(Root, "build", "nswag.json"), "--out", Path.Combine(Path.GetTempPath(), "transplant-" + Guid.NewGuid().ToString("N")) })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        string stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(1, process.ExitCode);
        // "<spec>: error PPCGnnn: #/paths/~1transplant~1<prefix>…: …" — the code, and a JSON pointer into the grafted operation
        // or a component it reaches.
        Assert.Matches("^" + Regex.Escape(path) + ": error " + code + @": #/(paths/~1transplant~1|components/)", stderr);
    }

    private object Resource() => typeof(PostPressClient).GetProperty("Transplant")!.GetValue(_client)!;

    private static MethodInfo Method(JsonObject call)
    {
        var resource = typeof(PostPressClient).GetProperty("Transplant")?.PropertyType
            ?? throw new InvalidOperationException("PostPressClient has no Transplant resource: was the SDK built from the grafted spec?");
        string name = (string)call["method"]! + "Async";
        var candidates = resource.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name == name).ToList();
        Assert.True(candidates.Count > 0, $"no public method {resource.Name}.{name}");
        // The overload without PostPressRequestOptions.
        return candidates.OrderBy(m => m.GetParameters().Length).First();
    }

    private static object? Argument(ParameterInfo parameter, JsonObject call)
    {
        var type = parameter.ParameterType;
        if (type == typeof(CancellationToken))
        {
            return CancellationToken.None;
        }

        JsonNode? value;
        if (parameter.Name is "request" or "content" or "text" && !Find((JsonObject)call["parameters"]!, parameter.Name!, out _))
        {
            value = call["body"];
            if (type == typeof(Stream))
            {
                return new MemoryStream(Encoding.UTF8.GetBytes("transplant"));
            }
        }
        else if (!Find((JsonObject)call["parameters"]!, parameter.Name!, out value))
        {
            throw new InvalidOperationException($"{call["operationId"]}: no example for the argument '{parameter.Name}'.");
        }

        if (value is null)
        {
            return parameter.HasDefaultValue ? parameter.DefaultValue : Convert(JsonValue.Create("x"), type);
        }

        return Convert(value, type);
    }

    /// <summary>The spec parameter for a C# argument: names compared without case and punctuation (<c>api_key</c> ~ <c>apiKey</c>).</summary>
    private static bool Find(JsonObject parameters, string argument, out JsonNode? value)
    {
        static string Key(string s) => new string(s.TrimStart('@').Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
        foreach (var (name, v) in parameters)
        {
            if (Key(name) == Key(argument))
            {
                value = v;
                return true;
            }
        }

        value = null;
        return false;
    }

    private static object? Convert(JsonNode value, Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (value is JsonObject file && file["$file"] is JsonValue fileName)
        {
            var one = new PostPressFile(new MemoryStream(Encoding.UTF8.GetBytes("file " + fileName)), (string)fileName!, "text/plain");
            return type == typeof(PostPressFile) ? one : new[] { one };
        }

        string text = value is JsonValue jv && jv.TryGetValue(out string? s) ? s : value.ToJsonString();
        if (type == typeof(string))
        {
            return text;
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(float) || type == typeof(bool))
        {
            return System.Convert.ChangeType(text, type, CultureInfo.InvariantCulture);
        }

        if (type == typeof(DateTimeOffset))
        {
            return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        }

        if (type == typeof(DateTime))
        {
            return DateTime.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (type == typeof(TimeSpan))
        {
            return System.Xml.XmlConvert.ToTimeSpan(text);
        }

        if (type == typeof(Guid))
        {
            return Guid.Parse(text);
        }

        if (type == typeof(Uri))
        {
            return new Uri(text, UriKind.RelativeOrAbsolute);
        }

        if (type.IsValueType && type.GetMethod("op_Implicit", new[] { typeof(string) }) is MethodInfo fromString)
        {
            return fromString.Invoke(null, new object[] { text }); // an extensible enum
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            var item = type.GetGenericArguments()[0];
            var items = value as JsonArray ?? new JsonArray(value.DeepClone());
            var array = Array.CreateInstance(item, items.Count);
            for (int i = 0; i < items.Count; i++)
            {
                array.SetValue(Convert(items[i]!, item), i);
            }

            return array;
        }

        // A model, a union, a list or a map: read like a response would be.
        return PostPressJson.Deserialize(value.ToJsonString(), type);
    }

    /// <summary>JSON without null members, numbers as decimals, for comparison.</summary>
    private static string Normalize(JsonNode? node) => Canonical(node)?.ToJsonString() ?? "null";

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Canonical).ToArray()),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => JsonValue.Create(v.GetValue<decimal>()),
        _ => node?.DeepClone(),
    };

    private static JsonObject Call(string operationId) =>
        (JsonObject)((JsonArray)JsonNode.Parse(File.ReadAllText(Path.Combine(Out, "calls.json")))!).Single(c => (string?)c!["operationId"] == operationId)!;

    private static TheoryData<string> Names(string file, string key)
    {
        var data = new TheoryData<string>();
        if (File.Exists(file))
        {
            foreach (var entry in (JsonArray)JsonNode.Parse(File.ReadAllText(file))!)
            {
                data.Add((string)entry![key]!);
            }
        }

        return data;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PostPress.Generated.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("PostPress.Generated.sln not found above " + AppContext.BaseDirectory);
    }
}
