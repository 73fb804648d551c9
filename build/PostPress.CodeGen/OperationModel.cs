using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace PostPress.CodeGen;

/// <summary>How a value is checked before it is sent (from the schema's constraints).</summary>
internal sealed record ValueRules(
    string Kind,
    int? MinLength = null,
    int? MaxLength = null,
    string? Pattern = null,
    decimal? Minimum = null,
    decimal? Maximum = null,
    bool ExclusiveMinimum = false,
    bool ExclusiveMaximum = false,
    string? EnumType = null,
    bool OpenEnum = false,
    string? ModelType = null,
    ValueRules? Items = null,
    string? Const = null);

/// <summary>One parameter of an operation, as the public method exposes it.</summary>
internal sealed class ParameterModel
{
    public required string WireName { get; init; }

    /// <summary>path, query, header, or a field of the request body: multipart or form.</summary>
    public required string In { get; init; }

    public required bool Required { get; init; }

    /// <summary>The C# parameter name (camelCase, keyword-escaped).</summary>
    public required string Name { get; init; }

    /// <summary>The PascalCase name (options-class property).</summary>
    public required string PropertyName { get; init; }

    /// <summary>The C# type, without nullability (<c>string</c>, <c>int</c>, <c>global::PostPress.Models.X</c>, <c>IEnumerable&lt;X&gt;</c>).</summary>
    public required string Type { get; init; }

    public required bool IsValueType { get; init; }

    public required bool IsArray { get; init; }

    /// <summary>The item type of an array parameter.</summary>
    public string? ItemType { get; init; }

    public required ValueRules Rules { get; init; }

    public string? Description { get; init; }

    /// <summary>The deprecation message (<c>deprecated: true</c>), or null when the parameter is not deprecated.</summary>
    public string? Deprecated { get; init; }

    public required string Pointer { get; init; }

    /// <summary>The position in the spec (query parameters are written in this order).</summary>
    public int SpecIndex { get; init; }

    /// <summary>A multipart part's <c>encoding.contentType</c>, or null.</summary>
    public string? PartContentType { get; init; }

    /// <summary>Whether the value travels in the request body (a multipart or form field).</summary>
    public bool InBody => In is "multipart" or "form";

    /// <summary>The C# type as a method parameter (nullable when optional).</summary>
    public string ParameterType => Required ? Type : Type + "?";
}

/// <summary>An operation of the spec and the public method generated for it.</summary>
internal sealed class OperationModel
{
    public required string OperationId { get; init; }

    public required string HttpMethod { get; init; }

    public required string Path { get; init; }

    public required string Tag { get; init; }

    /// <summary>The method name without the <c>Async</c> suffix.</summary>
    public required string MethodName { get; init; }

    public string? Summary { get; init; }

    public string? Description { get; init; }

    /// <summary>The deprecation message (<c>deprecated: true</c>), or null when the operation is not deprecated.</summary>
    public string? Deprecated { get; init; }

    public required List<ParameterModel> Parameters { get; init; }

    /// <summary>The request body's C# type, or null.</summary>
    public string? BodyType { get; init; }

    public bool BodyRequired { get; init; }

    public string BodyName { get; init; } = "request";

    public string? BodyDescription { get; init; }

    public ValueRules? BodyRules { get; init; }

    /// <summary>How the body is sent: json (<see cref="BodyType"/>), multipart or form (fields among <see cref="Parameters"/>), binary (a Stream), text (a string).</summary>
    public string BodyKind { get; init; } = "json";

    /// <summary>The media type of a non-JSON body, or null.</summary>
    public string? BodyMediaType { get; init; }

    /// <summary>The media types the body is also documented with but not sent as (named in the XML doc).</summary>
    public List<string> OtherBodyMediaTypes { get; init; } = new();

    /// <summary>The 2xx JSON response's C# type, or null when the operation documents no body.</summary>
    public string? ResponseType { get; init; }

    public string? ResponseDescription { get; init; }

    /// <summary>
    /// The media types (comma-separated, the <c>Accept</c> header) of a 2xx response streamed to the caller as
    /// <c>PostPressFileResponse</c> (any non-JSON body), or null.
    /// </summary>
    public string? ResponseMediaType { get; init; }

    public bool StreamsResponse => ResponseMediaType is not null;

    /// <summary>Optional query parameters grouped in a generated options class (x-postpress-options), or null.</summary>
    public string? OptionsClass { get; init; }

    public PagingModel? Paging { get; init; }

    public required string Pointer { get; init; }

    /// <summary>Whether the call needs an <c>OperationRequest</c> (header parameters, a non-JSON body or response).</summary>
    public bool UsesRequest => Parameters.Any(p => p.In == "header") || StreamsResponse || BodyKind != "json";

    /// <summary>What the per-call policies need (tag, account key, cost class, duplicate error).</summary>
    public OperationTraits? Traits { get; init; }

    /// <summary>The parameters in method order: path, required query, optional query (the cursor last).</summary>
    public IEnumerable<ParameterModel> PositionalRequired => Parameters.Where(p => p.Required);

    public IEnumerable<ParameterModel> Optional => Parameters.Where(p => !p.Required);
}

/// <summary>Cursor paging of an operation (x-postpress-pagination).</summary>
internal sealed class PagingModel
{
    public required string CursorParameter { get; init; }

    public string? LimitParameter { get; init; }

    public required string ItemsProperty { get; init; }

    public required string NextCursorProperty { get; init; }

    public required string ItemType { get; init; }

    /// <summary>The method name of the listing, without <c>Async</c> (<c>ListAllRelations</c>).</summary>
    public required string MethodName { get; init; }
}

/// <summary>A resource group: the operations of one tag.</summary>
internal sealed class ResourceModel
{
    public required string Tag { get; init; }

    /// <summary>The client property (<c>Users</c>); the class is <c>UsersResource</c>, the interface <c>IUsersResource</c>.</summary>
    public required string Name { get; init; }

    public string? Description { get; init; }

    public required List<OperationModel> Operations { get; init; }

    public string ClassName => Name + "Resource";

    public string InterfaceName => "I" + Name + "Resource";
}

/// <summary>A schema reachable from a request body, for which a validator is generated.</summary>
internal sealed class ValidatedType
{
    public required string TypeName { get; init; }

    /// <summary>An object's properties: JSON name, C# property name, required, rules.</summary>
    public List<(string Json, string Property, bool Required, ValueRules Rules)> Properties { get; } = new();

    /// <summary>Every JSON name the object declares (its properties and a union's discriminator): extension data must not repeat one.</summary>
    public List<string> DeclaredJson { get; } = new();

    /// <summary>For a union: its variants (class name, discriminator values) and discriminator C# property.</summary>
    public List<(string Variant, List<string> Values)>? Variants { get; init; }

    public string? DiscriminatorProperty { get; init; }

    /// <summary>The discriminator's JSON name (for the path in messages).</summary>
    public string? DiscriminatorJson { get; init; }

    public string? UnknownVariant { get; init; }
}

/// <summary>Everything the operation emitter writes.</summary>
internal sealed class SurfaceModel
{
    public required List<ResourceModel> Resources { get; init; }

    public required Dictionary<string, ValidatedType> Validated { get; init; }

    public required List<string> OpenEnums { get; init; }

    public required List<string> ClosedEnums { get; init; }
}
