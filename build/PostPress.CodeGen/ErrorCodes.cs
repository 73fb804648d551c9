using System.Collections.Generic;

namespace PostPress.CodeGen;

/// <summary>
/// The build error codes of the generator (<c>error PPCGnnn: &lt;JSON pointer&gt;: &lt;what to change&gt;</c>). A construct the
/// SDK deliberately does not support has its own code (the table in build/README.md, "Error codes"); anything else
/// the generator does not understand is <see cref="Unsupported"/>.
/// </summary>
internal static class ErrorCodes
{
    /// <summary>A pattern the generator does not understand (the message says what to change).</summary>
    public const string Unsupported = "PPCG001";

    /// <summary>A model property type the generated JSON readers/writers cannot read or write.</summary>
    public const string SerializerType = "PPCG002";

    /// <summary><c>callbacks</c> on an operation (the API calling the caller back).</summary>
    public const string Callbacks = "PPCG010";

    /// <summary><c>links</c> on a response (design-time relations between operations).</summary>
    public const string Links = "PPCG011";

    /// <summary>A parameter <c>in: cookie</c>.</summary>
    public const string CookieParameter = "PPCG012";

    /// <summary>A parameter described with <c>content</c> (a media type) instead of <c>schema</c>.</summary>
    public const string ContentParameter = "PPCG013";

    /// <summary>A parameter serialization other than form/exploded query, simple path and simple header (<c>deepObject</c>, <c>pipeDelimited</c>, <c>spaceDelimited</c>, <c>explode: false</c>, <c>matrix</c>, <c>label</c>).</summary>
    public const string ParameterStyle = "PPCG014";

    /// <summary>A parameter whose schema is an object, a map, or a union with an object branch.</summary>
    public const string ObjectParameter = "PPCG015";

    /// <summary>A request body that offers no supported media type (e.g. only <c>application/xml</c>).</summary>
    public const string BodyMediaType = "PPCG016";

    /// <summary>An operation without a 2xx response.</summary>
    public const string NoSuccessResponse = "PPCG017";

    /// <summary>A <c>$ref</c> to another document.</summary>
    public const string ExternalReference = "PPCG018";

    /// <summary><c>servers</c> on a path item or an operation (a per-operation base URL).</summary>
    public const string OperationServers = "PPCG019";

    /// <summary>A JSON Schema keyword with no C# shape: <c>not</c>, <c>if</c>/<c>then</c>/<c>else</c>, <c>prefixItems</c>, <c>patternProperties</c>, <c>dependentSchemas</c>, <c>unevaluatedProperties</c>, <c>contains</c>.</summary>
    public const string SchemaKeyword = "PPCG020";

    /// <summary>An enum of integers, numbers or booleans (extensible enums are strings).</summary>
    public const string NonStringEnum = "PPCG021";

    /// <summary>A union (<c>oneOf</c>) with a scalar or array branch outside a parameter (a JSON value that is "a string or a number" has no C# model shape).</summary>
    public const string ScalarUnion = "PPCG022";

    /// <summary>An <c>anyOf</c> with several non-null branches (several may match at once; only <c>oneOf</c> unions are generated).</summary>
    public const string AnyOfUnion = "PPCG023";

    /// <summary>JSON Schema identifiers and dynamic references (<c>$id</c>, <c>$anchor</c>, <c>$defs</c>, <c>$dynamicRef</c>, <c>$dynamicAnchor</c>): schema "generics" and URI-based references.</summary>
    public const string SchemaIdentifiers = "PPCG024";

    /// <summary>Every code with a one-line description (build/README.md's table lists the same).</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        [Unsupported] = "a pattern the generator does not understand",
        [SerializerType] = "a model property type the generated JSON readers/writers do not know",
        [Callbacks] = "callbacks",
        [Links] = "links",
        [CookieParameter] = "cookie parameters",
        [ContentParameter] = "parameters with content",
        [ParameterStyle] = "parameter styles other than form (query) and simple (path, header)",
        [ObjectParameter] = "object-typed parameters",
        [BodyMediaType] = "request bodies without a supported media type",
        [NoSuccessResponse] = "operations without a 2xx response",
        [ExternalReference] = "external references",
        [OperationServers] = "servers on a path or operation",
        [SchemaKeyword] = "JSON Schema keywords without a C# shape",
        [NonStringEnum] = "non-string enums",
        [ScalarUnion] = "unions with scalar or array branches outside parameters",
        [AnyOfUnion] = "anyOf with several branches",
        [SchemaIdentifiers] = "$id, $anchor, $defs, $dynamicRef, $dynamicAnchor",
    };
}
