using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace PostPress.CodeGen;

/// <summary>The names the sandbox of <c>PostPress.Testing</c> accepts, as read from the spec.</summary>
/// <param name="Operations">(C# member name, operation id), in the spec's order.</param>
/// <param name="Errors">(C# member name, error code), the spec's <c>ErrorType</c> codes first, then any other code an error response documents.</param>
/// <param name="Unions">The unions a success response reaches, in the order first reached.</param>
internal sealed record SandboxNames(
    IReadOnlyList<(string Member, string Value)> Operations,
    IReadOnlyList<(string Member, string Value)> Errors,
    IReadOnlyList<SandboxUnionNames> Unions);

/// <summary>One union a response reaches: its constants class and (member, variant name, description) per variant.</summary>
internal sealed record SandboxUnionNames(string Union, string ClassName, IReadOnlyList<(string Member, string Value, string Doc)> Variants);

/// <summary>
/// Emitter: <c>SandboxConstants.g.cs</c> for the <c>PostPress.Testing</c> package (run by
/// src/PostPress.Testing/PostPress.Testing.Generation.targets): a string constant for every operation id
/// (<c>SandboxOperations.GetAccount</c>), every documented error code (<c>SandboxErrors.ResourceNotFound</c>) and every
/// variant of every union a success response reaches (<c>AccountVariants.Mail</c>: a discriminator value;
/// <c>RecruiterSeatStatusVariants.RecruiterSeat</c>: the variant's name where the union has no discriminator;
/// <c>RecruiterSeatStatusVariants.Null</c>: a null branch). Each constant is a name the sandbox accepts, so a typo does
/// not compile.
/// </summary>
internal static class SandboxConstantsEmitter
{
    /// <summary>
    /// Reads the names from the normalised spec (<see cref="SpecModel.Document"/>) with the sandbox's own reader
    /// (<see cref="OpenApiModel"/>, src/Shared/Spec: the constants are exactly the names the sandbox reads) and the
    /// unions of the model.
    /// </summary>
    public static SandboxNames Collect(GenerationModel model)
    {
        var document = model.Spec.Document;
        var operations = new List<(string, string)>();
        var errors = new List<(string, string)>();
        var responseSchemas = new List<JsonNode?>();

        OpenApiModel spec;
        try
        {
            spec = OpenApiModel.FromDocument(document);
        }
        catch (System.IO.InvalidDataException e)
        {
            throw new SpecException(e.Message, e);
        }

        // The spec's ErrorType codes first, then any other code an error response documents.
        foreach (var code in spec.GlobalCodes)
        {
            AddCode(errors, code.Code);
        }

        foreach (var operation in spec.Operations)
        {
            if (spec.At(operation.Pointer) is not JsonObject node)
            {
                continue;
            }

            if (OpenApiModel.GetString(node, "operationId") is string id)
            {
                string member = Naming.PascalCase(id) ?? throw new SpecException($"operation id '{id}' gives no C# name for the sandbox constants.");
                operations.Add((member, id));
            }

            foreach (var error in operation.Errors.Values)
            {
                foreach (var code in error.Codes)
                {
                    AddCode(errors, code.Code);
                }
            }

            foreach (var (status, response) in node["responses"] as JsonObject ?? new JsonObject())
            {
                if (status.StartsWith('2'))
                {
                    foreach (var (_, media) in spec.Resolve(response, string.Empty).Node?["content"] as JsonObject ?? new JsonObject())
                    {
                        responseSchemas.Add(media?["schema"]);
                    }
                }
            }
        }

        Unique(operations, "operation");
        Unique(errors, "error code");

        // The unions a success response reaches, through references, properties, items and compositions.
        var unionsByName = model.Unions.ToDictionary(u => u.Name, StringComparer.Ordinal);
        var reached = new List<UnionModel>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Walk(JsonNode? node, int depth)
        {
            if (node is not JsonObject schema || depth > 64)
            {
                return;
            }

            if (schema["$ref"]?.GetValue<string>() is string reference)
            {
                const string prefix = "#/components/schemas/";
                if (reference.StartsWith(prefix, StringComparison.Ordinal))
                {
                    string name = reference.Substring(prefix.Length).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                    if (seen.Add(name))
                    {
                        if (unionsByName.TryGetValue(name, out var union))
                        {
                            reached.Add(union);
                        }

                        Walk(document["components"]?["schemas"]?[name], depth + 1);
                    }
                }
            }

            foreach (string keyword in new[] { "oneOf", "anyOf", "allOf", "prefixItems" })
            {
                foreach (var member in schema[keyword] as JsonArray ?? new JsonArray())
                {
                    Walk(member, depth + 1);
                }
            }

            foreach (var (_, property) in schema["properties"] as JsonObject ?? new JsonObject())
            {
                Walk(property, depth + 1);
            }

            Walk(schema["items"], depth + 1);
            Walk(schema["additionalProperties"], depth + 1);
        }

        foreach (var schema in responseSchemas)
        {
            Walk(schema, 0);
        }

        var unions = reached.Select(Names).ToList();
        var classNames = new HashSet<string>(StringComparer.Ordinal) { "SandboxOperations", "SandboxErrors" };
        foreach (var union in unions)
        {
            if (!classNames.Add(union.ClassName))
            {
                throw new SpecException($"the sandbox constants class '{union.ClassName}' is generated twice; rename a union.");
            }
        }

        return new SandboxNames(operations, errors, unions);
    }

    public static string Emit(SandboxNames names)
    {
        var w = new CodeWriter();
        w.Line("// <auto-generated>");
        w.Line("//     Generated by build/PostPress.CodeGen (SandboxConstantsEmitter) from the OpenAPI document. Do not edit.");
        w.Line("// </auto-generated>");
        w.Line();
        w.Line("#nullable enable");
        w.Line();
        w.Line("namespace PostPress.Testing");
        w.Open();

        w.Line("/// <summary>");
        w.Line("/// The operation ids of the spec, for <see cref=\"PostPressSandbox.Respond\"/> and <see cref=\"PostPressSandbox.Next\"/>");
        w.Line("/// (<c>sandbox.Respond(SandboxOperations.GetAccount)</c>).");
        w.Line("/// </summary>");
        Class(w, "SandboxOperations", names.Operations.Select(o => (o.Member, o.Value, $"The operation <c>{Naming.XmlEscape(o.Value)}</c>.")));

        w.Line();
        w.Line("/// <summary>");
        w.Line("/// The error codes the spec documents (<c>ProblemDetails.type</c>), for <see cref=\"SandboxScenarioBuilder.Fail\"/>");
        w.Line("/// (<c>sandbox.Next().Fail(404, SandboxErrors.ResourceNotFound)</c>).");
        w.Line("/// </summary>");
        Class(w, "SandboxErrors", names.Errors.Select(e => (e.Member, e.Value, $"The error code <c>{Naming.XmlEscape(e.Value)}</c>.")));

        foreach (var union in names.Unions)
        {
            w.Line();
            w.Line("/// <summary>");
            w.Line($"/// The variants of the union <see cref=\"global::PostPress.Models.{union.Union}\"/> the sandbox serves, for");
            w.Line($"/// <see cref=\"SandboxResponseBuilder.WithVariant(string)\"/> (<c>sandbox.Respond(...).WithVariant({union.ClassName}.{union.Variants[0].Member})</c>).");
            w.Line("/// </summary>");
            Class(w, union.ClassName, union.Variants);
        }

        w.Close();
        return w.ToString();
    }

    private static void Class(CodeWriter w, string name, IEnumerable<(string Member, string Value, string Doc)> members)
    {
        w.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"PostPress.CodeGen\", \"1.0\")]");
        w.Line($"public static class {name}");
        w.Open();
        bool first = true;
        foreach (var (member, value, doc) in members)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            w.Line($"/// <summary>{doc}</summary>");
            w.Line($"public const string {member} = {Naming.CSharpString(value)};");
        }

        w.Close();
    }

    /// <summary>
    /// A discriminated union's constants are its discriminator values, named like the SDK's discriminator enum members;
    /// a union without one names its variants by class name. A null branch is <c>Null</c> (<c>"null"</c>).
    /// </summary>
    private static SandboxUnionNames Names(UnionModel union)
    {
        var variants = new List<(string, string, string)>();
        foreach (var variant in union.Variants)
        {
            string cref = $"<see cref=\"global::PostPress.Models.{variant.Name}\"/>";
            if (union.DiscriminatorProperty is not null && variant.Values.Count > 0)
            {
                foreach (string value in variant.Values)
                {
                    string member = union.DiscriminatorEnum?.Members.FirstOrDefault(m => m.Value == value)?.Name
                        ?? Naming.DiscriminatorMemberName(value, variant.Name)
                        ?? throw new SpecException($"union {union.Name}: the discriminator value '{value}' gives no C# name for the sandbox constants.");
                    variants.Add((member, value, $"{cref}: <c>{Naming.XmlEscape(union.DiscriminatorProperty)}</c> is <c>{Naming.XmlEscape(value)}</c>."));
                }
            }
            else
            {
                variants.Add((variant.Name, variant.Name, $"{cref}."));
            }
        }

        if (union.Nullable)
        {
            variants.Add(("Null", "null", "The union's <c>null</c> branch. Alone, it picks the null branch of every union of the response that has one; with the property name (<c>WithVariant(\"recruiter\", ...)</c>) only that union's."));
        }

        var list = variants.Select(v => (v.Item1, v.Item2, v.Item3)).ToList();
        Unique(list.Select(v => (v.Item1, v.Item2)).ToList(), $"union {union.Name} variant");
        return new SandboxUnionNames(union.Name, union.Name + "Variants", list);
    }

    private static void AddCode(List<(string Member, string Value)> codes, string code)
    {
        if (codes.Any(c => c.Value == code))
        {
            return;
        }

        string tail = code.Substring(code.LastIndexOf('/') + 1);
        string member = Naming.PascalCase(tail) ?? throw new SpecException($"error code '{code}' gives no C# name for the sandbox constants.");

        // Codes from different namespaces may end alike ('errors/too_many_requests', 'https://example.com/errors/too-many-requests'):
        // as everywhere else in "Names from any spec", a name already taken gets 2, 3… in document order.
        string unique = member;
        for (int n = 2; codes.Any(c => c.Member == unique); n++)
        {
            unique = member + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        codes.Add((unique, code));
    }

    private static void Unique(List<(string Member, string Value)> members, string what)
    {
        foreach (var clash in members.GroupBy(m => m.Member, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            throw new SpecException($"the sandbox constants: the {what}s {string.Join(", ", clash.Select(c => $"'{c.Value}'"))} all give the C# name '{clash.Key}'.");
        }
    }
}
