using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PostPress.Spec;

namespace PostPress.OpenApi.Tests;

/// <summary>
/// The OpenAPI document (openapi/postpress.yaml, copied next to the test assembly by the project file) as a JSON tree,
/// loaded and read by the repository's one loader and reader (src/Shared/Spec: <see cref="YamlJson"/>,
/// <see cref="OpenApiModel"/>, which the sandbox and the generator use too), plus what only these tests need: JSON
/// Pointer building and every operation of the document (webhooks and callbacks included, which the sandbox does not serve).
/// </summary>
public sealed class SpecDocument
{
    /// <summary>The path of the spec relative to the test assembly (see the None item in the project file).</summary>
    public const string RelativePath = "openapi/postpress.yaml";

    /// <summary>The name of the shared error schema in <c>components/schemas</c>.</summary>
    public const string ProblemDetailsName = "ProblemDetails";

    /// <summary>Fake, never fetched URI under which the whole document is registered as a JSON Schema base document.</summary>
    public static readonly Uri BaseUri = new("https://postpress.invalid/openapi/postpress.yaml");

    public static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private static readonly Lazy<SpecDocument> LazyInstance = new(() => Load(FullPath));

    private SpecDocument(string path, JsonObject root)
    {
        Path = path;
        Root = root;
        Model = OpenApiModel.FromDocument(root);
        RootElement = JsonSerializer.SerializeToElement(root);
    }

    public static string FullPath => System.IO.Path.Combine(AppContext.BaseDirectory, RelativePath);

    public static SpecDocument Instance => LazyInstance.Value;

    public string Path { get; }

    public JsonObject Root { get; }

    /// <summary>The shared spec reader over <see cref="Root"/>.</summary>
    internal OpenApiModel Model { get; }

    /// <summary>An immutable copy of <see cref="Root"/> (what JSON Schema evaluation works on).</summary>
    public JsonElement RootElement { get; }

    public static SpecDocument Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The OpenAPI document was not found at '{path}'. It is copied from $(OpenApiDocument) at build time.", path);
        }

        // The repository's one YAML loader (src/Shared/Spec/YamlJson.cs): the document is read as the sandbox and the generator read it.
        return new SpecDocument(path, YamlJson.Load(path));
    }

    public JsonObject? Components => Root["components"] as JsonObject;

    public JsonObject? Section(string componentType) => Components?[componentType] as JsonObject;

    /// <summary>Builds a JSON Pointer (RFC 6901) from raw segments.</summary>
    public static string Pointer(params IEnumerable<string> segments) =>
        string.Concat(segments.Select(s => "/" + s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));

    /// <summary>Appends raw segments to an existing JSON Pointer.</summary>
    public static string Append(string pointer, params IEnumerable<string> segments) => pointer + Pointer(segments);

    /// <summary>The JSON Pointer a local reference (<c>#/a/b</c>) designates.</summary>
    public static string RefToPointer(string reference)
    {
        if (!reference.StartsWith('#'))
        {
            throw new NotSupportedException($"Only local references are supported, found '{reference}'.");
        }

        return Uri.UnescapeDataString(reference[1..]);
    }

    /// <summary>Gets the node at a JSON Pointer, or throws if there is none.</summary>
    public JsonNode? At(string pointer)
    {
        if (!TryAt(pointer, out var node))
        {
            throw new KeyNotFoundException($"Nothing at JSON Pointer '{pointer}' in {RelativePath}.");
        }

        return node;
    }

    public bool TryAt(string pointer, out JsonNode? node) => Model.TryAt(pointer, out node);

    /// <summary>
    /// Follows <c>$ref</c> chains (of Reference Objects, e.g. a response or example that is a <c>$ref</c>) and returns the
    /// target object together with its JSON Pointer.
    /// </summary>
    public (JsonObject Node, string Pointer) Resolve(JsonObject node, string pointer)
    {
        var (target, targetPointer) = Model.Resolve(node, pointer);
        return target is JsonObject resolved
            ? (resolved, targetPointer)
            : throw new InvalidOperationException($"The $ref chain from '{pointer}' does not end at an object ('{targetPointer}').");
    }

    /// <summary>Enumerates every operation (paths, webhooks and, recursively, callbacks) with a readable label.</summary>
    public IEnumerable<OperationInfo> Operations()
    {
        foreach (var (sectionName, labelPrefix) in new[] { ("paths", string.Empty), ("webhooks", "webhook ") })
        {
            if (Root[sectionName] is not JsonObject section)
            {
                continue;
            }

            foreach (var (path, item) in section)
            {
                if (item is JsonObject pathItem)
                {
                    foreach (var operation in OperationsOf(pathItem, Pointer(sectionName, path), labelPrefix + path))
                    {
                        yield return operation;
                    }
                }
            }
        }
    }

    private IEnumerable<OperationInfo> OperationsOf(JsonObject pathItem, string pathItemPointer, string path)
    {
        var (resolvedItem, resolvedPointer) = Resolve(pathItem, pathItemPointer);
        foreach (var method in HttpMethods)
        {
            if (resolvedItem[method] is not JsonObject operation)
            {
                continue;
            }

            var pointer = Append(resolvedPointer, method);
            var info = new OperationInfo(method.ToUpperInvariant() + " " + path, pointer, operation, resolvedItem, resolvedPointer);
            yield return info;

            if (operation["callbacks"] is JsonObject callbacks)
            {
                foreach (var (callbackName, callbackNode) in callbacks)
                {
                    if (callbackNode is not JsonObject callbackObject)
                    {
                        continue;
                    }

                    var (callback, callbackPointer) = Resolve(callbackObject, Append(pointer, "callbacks", callbackName));
                    foreach (var (expression, callbackItem) in callback)
                    {
                        if (callbackItem is JsonObject callbackPathItem && !expression.StartsWith("x-", StringComparison.Ordinal))
                        {
                            foreach (var nested in OperationsOf(callbackPathItem, Append(callbackPointer, expression), $"{info.Label} callback {callbackName} {expression}"))
                            {
                                yield return nested;
                            }
                        }
                    }
                }
            }
        }
    }
}

/// <param name="Label">e.g. <c>GET /posts/{id}</c>.</param>
/// <param name="Pointer">JSON Pointer of the operation object.</param>
public sealed record OperationInfo(string Label, string Pointer, JsonObject Operation, JsonObject PathItem, string PathItemPointer);
