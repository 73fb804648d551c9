using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace PostPress.CodeGen;

/// <summary>One documented error status and the exception class the SDK throws for it.</summary>
internal sealed record StatusExceptionModel(int Status, string ClassName, string Summary, IReadOnlyList<string> OperationIds);

/// <summary>
/// The errors pass: every 4xx/5xx status any operation documents gets an exception class deriving from
/// <c>PostPressApiException</c>, and <c>StatusExceptions.Create</c> maps a status to it (<c>Errors.g.cs</c>). The class
/// name is the response's <c>x-postpress-exception</c>, else the SDK's name for the HTTP status
/// (<see cref="DefaultNames"/>: 409 → <c>ConflictException</c>), else <c>Status{code}Exception</c>. Statuses the spec does
/// not document stay the base <c>PostPressApiException</c>.
/// </summary>
internal static class ErrorsEmitter
{
    /// <summary>
    /// The SDK's exception name and summary for an HTTP status (a naming convention of this SDK, like PascalCase rules:
    /// which statuses exist is the spec's). The ten statuses of the first release keep their names.
    /// </summary>
    internal static readonly IReadOnlyDictionary<int, (string Name, string Summary)> DefaultNames = new Dictionary<int, (string, string)>
    {
        [400] = ("BadRequestException", "400 Bad Request: malformed or invalid input."),
        [401] = ("PostPressAuthenticationException", "401 Unauthorized: credentials are missing, expired or invalid (including a disconnected account)."),
        [402] = ("PaymentRequiredException", "402 Payment Required."),
        [403] = ("PermissionDeniedException", "403 Forbidden: authenticated, but the account is restricted or the action is not allowed."),
        [404] = ("NotFoundException", "404 Not Found: the account, user or resource does not exist."),
        [405] = ("MethodNotAllowedException", "405 Method Not Allowed."),
        [406] = ("NotAcceptableException", "406 Not Acceptable."),
        [408] = ("RequestTimeoutException", "408 Request Timeout: the server gave up waiting for the request."),
        [409] = ("ConflictException", "409 Conflict: the request conflicts with the current state of the resource."),
        [410] = ("GoneException", "410 Gone: the resource existed but is no longer available."),
        [411] = ("LengthRequiredException", "411 Length Required."),
        [412] = ("PreconditionFailedException", "412 Precondition Failed."),
        [413] = ("ContentTooLargeException", "413 Content Too Large: the request body is larger than the server accepts."),
        [414] = ("UriTooLongException", "414 URI Too Long."),
        [415] = ("UnsupportedMediaTypeException", "415 Unsupported Media Type: the request body's content type is not accepted."),
        [416] = ("RangeNotSatisfiableException", "416 Range Not Satisfiable."),
        [417] = ("ExpectationFailedException", "417 Expectation Failed."),
        [421] = ("MisdirectedRequestException", "421 Misdirected Request."),
        [422] = ("UnprocessableEntityException", "422 Unprocessable Entity: well-formed, but cannot be fulfilled as-is."),
        [423] = ("LockedException", "423 Locked."),
        [424] = ("FailedDependencyException", "424 Failed Dependency."),
        [425] = ("TooEarlyException", "425 Too Early."),
        [426] = ("UpgradeRequiredException", "426 Upgrade Required."),
        [428] = ("PreconditionRequiredException", "428 Precondition Required."),
        [429] = ("RateLimitException", "429 Too Many Requests: the provider rate-limits the account. See <see cref=\"PostPressApiException.RetryAfter\"/>."),
        [431] = ("RequestHeaderFieldsTooLargeException", "431 Request Header Fields Too Large."),
        [451] = ("UnavailableForLegalReasonsException", "451 Unavailable For Legal Reasons."),
        [500] = ("InternalServerException", "500 Internal Server Error: something went wrong at postpress or at the provider."),
        [501] = ("FeatureNotImplementedException", "501 Not Implemented: the feature is planned but not available yet. (Not named <c>NotImplementedException</c> so that it never clashes with <see cref=\"System.NotImplementedException\"/>.)"),
        [502] = ("BadGatewayException", "502 Bad Gateway: an upstream server answered with something invalid."),
        [503] = ("ServiceUnavailableException", "503 Service Unavailable: postpress cannot handle the request right now."),
        [504] = ("GatewayTimeoutException", "504 Gateway Timeout: the upstream provider did not answer in time."),
        [505] = ("HttpVersionNotSupportedException", "505 HTTP Version Not Supported."),
        [507] = ("InsufficientStorageException", "507 Insufficient Storage."),
        [508] = ("LoopDetectedException", "508 Loop Detected."),
        [511] = ("NetworkAuthenticationRequiredException", "511 Network Authentication Required."),
    };

    /// <summary>Names the SDK already uses for other types: an exception class may not take them.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "PostPressException", "PostPressApiException", "PostPressConnectionException", "PostPressTimeoutException",
        "PostPressSerializationException", "PostPressPaginationException", "PostPressRedirectException",
        "PostPressResponseTooLargeException", "PostPressErrorDetails", "StatusExceptions",
    };

    /// <summary>Reads the documented error statuses of every operation (sorted by status).</summary>
    public static IReadOnlyList<StatusExceptionModel> Collect(JsonObject document, IEnumerable<string>? modelNames = null)
    {
        var byStatus = new SortedDictionary<int, (string Name, string Pointer, List<string> Ops)>();

        // The operations and their documented statuses as the shared spec reader (src/Shared/Spec) reads them for the sandbox.
        OpenApiModel spec;
        try
        {
            spec = OpenApiModel.FromDocument(document);
        }
        catch (System.IO.InvalidDataException e)
        {
            throw new SpecException(e.Message, e);
        }

        foreach (var operation in spec.Operations)
        {
            foreach (var status in operation.Errors.Keys)
            {
                if (status is < 400 or > 599)
                {
                    continue; // default, 4XX ranges (not read as statuses): the base PostPressApiException
                }

                var code = status.ToString(CultureInfo.InvariantCulture);
                var pointer = "#" + operation.Pointer + "/responses/" + code;
                var response = Resolve(document, spec.At(pointer) as JsonObject, pointer);
                var name = ExplicitName(response, pointer) ?? (DefaultNames.TryGetValue(status, out var d) ? d.Name : "Status" + code + "Exception");
                if (byStatus.TryGetValue(status, out var known))
                {
                    if (!string.Equals(known.Name, name, StringComparison.Ordinal))
                    {
                        throw new SpecException($"{pointer}/x-postpress-exception: '{name}' disagrees with '{known.Name}' given for status {code} at {known.Pointer}; one status maps to one exception class.");
                    }

                    if (!known.Ops.Contains(operation.OperationId))
                    {
                        known.Ops.Add(operation.OperationId);
                    }
                }
                else
                {
                    byStatus[status] = (name, pointer, new List<string> { operation.OperationId });
                }
            }
        }

        var models = new HashSet<string>(modelNames ?? Array.Empty<string>(), StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<StatusExceptionModel>();
        foreach (var (status, (name, pointer, ops)) in byStatus)
        {
            if (Reserved.Contains(name) || models.Contains(name))
            {
                throw new SpecException($"{pointer}: the exception class name '{name}' for status {status} is already a type of the SDK or a model; set x-postpress-exception on the response.");
            }

            if (seen.TryGetValue(name, out var other))
            {
                throw new SpecException($"{pointer}: statuses {other} and {status} would both be '{name}'; set x-postpress-exception on one of them.");
            }

            seen[name] = status;
            var summary = DefaultNames.TryGetValue(status, out var d) && d.Name == name
                ? d.Summary
                : status.ToString(CultureInfo.InvariantCulture) + " " + ReasonPhrase(status) + ".";
            result.Add(new StatusExceptionModel(status, name, summary, ops));
        }

        return result;
    }

    /// <summary>Emits <c>Errors.g.cs</c>: the classes and <c>StatusExceptions.Create</c>.</summary>
    public static string Emit(IReadOnlyList<StatusExceptionModel> statuses)
    {
        var w = new CodeWriter();
        w.Line("// <auto-generated>Generated by PostPress.CodeGen from the OpenAPI document: one exception per documented error status.</auto-generated>");
        w.Line("#nullable enable");
        w.Line();
        w.Line("namespace PostPress");
        w.Open();
        foreach (var s in statuses)
        {
            w.Line("/// <summary>");
            w.Line("/// " + s.Summary);
            w.Line("/// Documented by " + string.Join(", ", s.OperationIds.Select(o => "<c>" + Naming.XmlEscape(o) + "</c>")) + ".");
            w.Line("/// </summary>");
            w.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"PostPress.CodeGen\", null)]");
            w.Line($"public partial class {s.ClassName} : PostPressApiException");
            w.Open();
            w.Line("/// <summary>Creates the exception.</summary>");
            w.Line("/// <param name=\"details\">What the response said.</param>");
            w.Line($"public {s.ClassName}(PostPressErrorDetails details) : base(details) {{ }}");
            w.Close();
            w.Line();
        }

        w.Line("/// <summary>The exception of each documented error status (generated from the spec's responses).</summary>");
        w.Line("internal static class StatusExceptions");
        w.Open();
        w.Line("/// <summary>The statuses the spec documents, each with its exception class.</summary>");
        w.Line("public static readonly global::System.Collections.Generic.IReadOnlyDictionary<int, global::System.Type> Documented = new global::System.Collections.Generic.Dictionary<int, global::System.Type>");
        w.Open();
        foreach (var s in statuses)
        {
            w.Line($"[{s.Status.ToString(CultureInfo.InvariantCulture)}] = typeof({s.ClassName}),");
        }

        w.Dedent();
        w.Line("};");
        w.Line();
        w.Line("/// <summary>The typed exception for <paramref name=\"details\"/>'s status; <see cref=\"PostPressApiException\"/> for a status the spec does not document.</summary>");
        w.Line("public static PostPressApiException Create(PostPressErrorDetails details) => details.StatusCode switch");
        w.Open();
        foreach (var s in statuses)
        {
            w.Line($"{s.Status.ToString(CultureInfo.InvariantCulture)} => new {s.ClassName}(details),");
        }

        w.Line("_ => new PostPressApiException(details),");
        w.Dedent();
        w.Line("};");
        w.Close();
        w.Close();
        return w.ToString();
    }

    private static string? ExplicitName(JsonObject? response, string pointer)
    {
        if (response?["x-postpress-exception"] is not JsonNode node)
        {
            return null;
        }

        var name = node.GetValue<string>();
        if (!Naming.IsIdentifier(name) || !name.EndsWith("Exception", StringComparison.Ordinal) || !char.IsUpper(name[0]))
        {
            throw new SpecException($"{pointer}/x-postpress-exception: '{name}' must be a PascalCase C# identifier ending in 'Exception'.");
        }

        return name;
    }

    private static JsonObject? Resolve(JsonObject document, JsonObject? response, string pointer)
    {
        for (var hops = 0; response?["$ref"] is JsonNode r && hops < 8; hops++)
        {
            var reference = r.GetValue<string>();
            const string prefix = "#/components/responses/";
            if (!reference.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new SpecException($"{pointer}/$ref: only references to #/components/responses are supported here.");
            }

            response = document["components"]?["responses"]?[reference.Substring(prefix.Length)] as JsonObject
                ?? throw new SpecException($"{pointer}/$ref: '{reference}' does not exist.");
        }

        return response;
    }

    private static string ReasonPhrase(int status) => status switch
    {
        >= 400 and < 500 => "Client Error",
        _ => "Server Error",
    };
}
