using System;
using System.Collections.Generic;
using System.Linq;

namespace PostPress.CodeGen;

/// <summary>
/// What the two model serializer emitters (<see cref="ModelSerializerEmitter"/>, Json.NET; <see cref="SystemTextJsonEmitter"/>,
/// System.Text.Json) decide the same way from the parsed models: which classes get a reader and a writer, each model's
/// members (base first, a JSON name declared again by a derived class being the derived declaration) with their null and
/// presence rules, the construction of the model from the reader's locals, the writer's per-member null rules and the
/// type questions both ask. Only the syntax of each library's reader and writer stays in the emitters, passed here as
/// delegates where a shared statement needs it.
/// </summary>
internal static class ModelEmitterShared
{
    /// <summary>The pseudo type of a <c>format: time</c> member: a TimeSpan carrying <c>TimeOfDayJsonConverter</c>.</summary>
    internal const string TimeOfDay = "TimeOfDay";

    /// <summary>The C# value types a member may have besides extensible enums (<c>TimeOfDay</c>: a <c>format: time</c> TimeSpan).</summary>
    private static readonly HashSet<string> ValueTypes = new(StringComparer.Ordinal)
    {
        "bool", "int", "long", "double", "float", "System.DateTimeOffset", "System.DateTime", "System.TimeSpan", "System.Guid", TimeOfDay,
    };

    /// <summary>A member as the reader sees it: its local's index and whether it must be present, refuses null, ignores null.</summary>
    internal sealed record Member(ModelFactoryEmitter.Property Property, int Index, bool MustBePresent, bool RefuseNull, bool IgnoreNull);

    /// <summary>The namespace and the known enums, classes (with the <c>Unknown…</c> variants) and unions.</summary>
    internal sealed record Context(string Ns, HashSet<string> Enums, Dictionary<string, ModelFactoryEmitter.ModelClass> Classes, Dictionary<string, UnionModel> Unions);

    /// <summary>
    /// How an emitter's generated reader calls its support class: <paramref name="Support"/> (the class's alias),
    /// <paramref name="Reader"/> (the reader argument: <c>ref reader</c> or <c>reader</c>), <paramref name="ErrorReader"/>
    /// (what comes before the JSON name in an error factory's arguments: empty, or <c>reader, </c> for its position).
    /// </summary>
    internal sealed record ReaderSyntax(string Support, string Reader, string ErrorReader)
    {
        /// <summary>A call of the support method <paramref name="method"/> on the reader.</summary>
        public string Call(string method) => $"{Support}.{method}({Reader})";

        /// <summary>A call of the support error factory <paramref name="method"/> for the member <paramref name="json"/> (a literal) of <paramref name="model"/>.</summary>
        public string Error(string method, string json, string model) => $"{Support}.{method}({ErrorReader}{json}, \"{model}\")";
    }

    /// <summary>The classes, enums and unions an emitter works on, with the models that get a reader and a writer.</summary>
    internal sealed record ModelSet(Context Context, HashSet<string> Unknown, List<ModelFactoryEmitter.ModelClass> Models, List<UnionModel> UnionBases);

    /// <summary>
    /// The classes with members (or a known base), each union's <c>Unknown…</c> variant added; the concrete models in name
    /// order; the unions in name order. <paramref name="label"/> names the emitter in the PPCG002 message of a union
    /// without a generated base class.
    /// </summary>
    internal static ModelSet Collect(IReadOnlyDictionary<string, ModelFactoryEmitter.ModelClass> parsed, GenerationModel model, string ns, string label)
    {
        var classes = parsed.Values
            .Where(c => c.Properties.Count > 0 || c.ExtensionData || (c.Base is not null && parsed.ContainsKey(c.Base)))
            .ToDictionary(c => c.Name, StringComparer.Ordinal);
        var enums = model.Enums.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var unions = model.Unions.ToDictionary(u => u.Name, StringComparer.Ordinal);
        foreach (var union in model.Unions)
        {
            if (!classes.ContainsKey(union.Name))
            {
                throw new SpecException($"PPCG002 {label}: union {union.Name} has no generated base class.");
            }

            classes[union.UnknownName] = new ModelFactoryEmitter.ModelClass { Name = union.UnknownName, Base = union.Name, Abstract = false, Public = true };
        }

        var unknown = model.Unions.Select(u => u.UnknownName).ToHashSet(StringComparer.Ordinal);
        var models = classes.Values.Where(c => !c.Abstract && (c.Base is null || classes.ContainsKey(c.Base))).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var unionBases = model.Unions.OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
        return new ModelSet(new Context(ns, enums, classes, unions), unknown, models, unionBases);
    }

    /// <summary>The members of <paramref name="cls"/> in the contract's order: base first; a JSON name declared again by a derived class is the derived declaration.</summary>
    internal static List<ModelFactoryEmitter.Property> Properties(ModelFactoryEmitter.ModelClass cls, Context ctx)
    {
        var all = ModelFactoryEmitter.AllProperties(cls, ctx.Classes);
        return all.Where((p, i) => !all.Skip(i + 1).Any(q => q.Json == p.Json)).ToList();
    }

    /// <summary>The members as the reader sees them: <c>Always</c>/<c>AllowNull</c> must be present, <c>Always</c>/<c>DisallowNull</c> refuse null, except in an <c>Unknown…</c> variant.</summary>
    internal static List<Member> Members(ModelFactoryEmitter.ModelClass cls, Context ctx, bool isUnknown) =>
        Properties(cls, ctx).Select((p, i) =>
        {
            bool always = p.JsonRequired == "Always";
            bool allowNull = p.JsonRequired == "AllowNull";
            bool disallowNull = p.JsonRequired == "DisallowNull";
            return new Member(p, i, !isUnknown && (always || allowNull), !isUnknown && (always || disallowNull), p.IgnoreNull);
        }).ToList();

    /// <summary>Emits the table of the members' JSON names the reader matches ignoring case (<c>Names_{model}</c>).</summary>
    internal static void EmitNames(CodeWriter w, ModelFactoryEmitter.ModelClass cls, List<Member> members) =>
        w.Line($"private static readonly string[] Names_{cls.Name} = {{ {string.Join(", ", members.Select(m => Naming.CSharpString(m.Property.Json)))} }};");

    /// <summary>
    /// Emits what a member's <c>case</c> does with a <c>null</c> token before reading: skipped for
    /// <c>NullValueHandling.Ignore</c> (with <c>""</c> for a boolean or a number, which Json.NET reads with
    /// ReadAsBoolean/ReadAsDouble as a null token), refused for a member that must not be null.
    /// </summary>
    internal static void EmitNullToken(CodeWriter w, Member m, ModelType t, ModelFactoryEmitter.ModelClass cls, ReaderSyntax r)
    {
        if (m.IgnoreNull)
        {
            w.Line(IsNamed(t, "bool") || IsNamed(t, "double")
                ? $"if ({r.Call("IsNull")} || {r.Call("IsEmptyString")}) {{ break; }}"
                : $"if ({r.Call("IsNull")}) {{ break; }}");
        }
        else if (m.RefuseNull)
        {
            w.Line($"if ({r.Call("IsNull")}) {{ throw {r.Error("NullRequired", Naming.CSharpString(m.Property.Json), cls.Name)}; }}");
        }
    }

    /// <summary>
    /// Emits the end of a member's <c>case</c> (up to its <c>break;</c>) after its value is read into <c>v{i}</c>: a null read from a token that is
    /// not <c>null</c> (<c>""</c>, see <see cref="MayReadNull"/>) refused for a member that must not be null and, for a
    /// member whose nulls are ignored, not set (the field goes to the extension data as received); then the member
    /// marked present.
    /// </summary>
    internal static void EmitMemberRead(CodeWriter w, Member m, ModelType t, bool isString, bool extension, ModelFactoryEmitter.ModelClass cls, Context ctx, ReaderSyntax r)
    {
        if (!isString && MayReadNull(t, ctx))
        {
            if (m.RefuseNull)
            {
                w.Line($"if (v{m.Index} is null) {{ throw {r.Error("NullRequired", Naming.CSharpString(m.Property.Json), cls.Name)}; }}");
            }
            else if (m.IgnoreNull)
            {
                w.Line(extension
                    ? $"if (v{m.Index} is null) {{ (extra ??= new global::System.Collections.Generic.Dictionary<string, object>())[key] = {r.Call("Any")}!; break; }}"
                    : $"if (v{m.Index} is null) {{ break; }}");
            }
        }

        w.Line($"has{m.Index} = true;");
        w.Line("break;");
    }

    /// <summary>Emits the <c>default:</c> label of the member switch and its first try: the name matched again ignoring case (once).</summary>
    internal static void EmitFoldedMatch(CodeWriter w, ModelFactoryEmitter.ModelClass cls, ReaderSyntax r)
    {
        w.Line("default:");
        w.Indent();
        w.Line($"if (!folded && {r.Support}.MatchIgnoringCase(name, Names_{cls.Name}) is string declared)");
        w.Open();
        w.Line("name = declared;");
        w.Line("folded = true;");
        w.Line("goto dispatch;");
        w.Close();
        w.Line();
    }

    /// <summary>Emits a typed local and its presence flag per member (<c>v{i}</c>, <c>has{i}</c>), and the extension data local.</summary>
    internal static void EmitLocals(CodeWriter w, List<Member> members, Context ctx, bool extension, string label)
    {
        foreach (var m in members)
        {
            w.Line($"{ModelFactoryEmitter.Qualify(TypeOf(m.Property, label), ctx.Ns)} v{m.Index} = default!; bool has{m.Index} = false;");
        }

        if (extension)
        {
            w.Line("global::System.Collections.Generic.Dictionary<string, object>? extra = null;");
        }
    }

    /// <summary>
    /// Emits the end of a reader: a <c>Missing</c> error per member that must be present and was not; the model built with an object initializer of its <c>required</c> members (none in an
    /// <c>Unknown…</c> variant); the other members set when present; the extension data by <paramref name="setExtension"/>;
    /// an <c>Unknown…</c> variant's received fields recorded; <c>return result;</c>.
    /// </summary>
    internal static void EmitConstruction(CodeWriter w, ModelFactoryEmitter.ModelClass cls, List<Member> members, Context ctx, bool isUnknown, bool extension, ReaderSyntax r, Action setExtension)
    {
        string type = $"global::{ctx.Ns}.{cls.Name}";
        foreach (var m in members.Where(m => m.MustBePresent))
        {
            w.Line($"if (!has{m.Index}) {{ throw {r.Error("Missing", Naming.CSharpString(m.Property.Json), cls.Name)}; }}");
        }

        var inInitializer = isUnknown ? new List<Member>() : members.Where(m => m.Property.Required).ToList();
        if (inInitializer.Count == 0)
        {
            w.Line($"var result = new {type}();");
        }
        else
        {
            w.Line($"var result = new {type}");
            w.Open();
            foreach (var m in inInitializer)
            {
                w.Line($"{m.Property.Name} = v{m.Index},");
            }

            w.Dedent();
            w.Line("};");
        }

        foreach (var m in members.Except(inInitializer))
        {
            w.Line($"if (has{m.Index}) {{ result.{m.Property.Name} = v{m.Index}; }}");
        }

        if (extension)
        {
            setExtension();
        }

        if (isUnknown)
        {
            w.Line("var received = ((global::PostPress.Serialization.IUnknownVariant)result).ReceivedFields;");
            foreach (var m in members)
            {
                w.Line($"if (has{m.Index}) {{ received.Add({Naming.CSharpString(m.Property.Json)}); }}");
            }
        }

        w.Line("return result;");
    }

    /// <summary>
    /// Emits a writer's members in the contract's order: an <c>Unknown…</c> variant only the fields it received; a null
    /// member written as an explicit null by <paramref name="writeNull"/> (given the condition, or null for none, and the
    /// JSON name literal) when tracked and set or when neither ignored nor required, skipped for
    /// <c>NullValueHandling.Ignore</c>, refused (<c>NullOnWrite</c> of <paramref name="support"/>) for
    /// <c>Always</c>/<c>DisallowNull</c>; a value by <c>WritePropertyName</c> then <paramref name="writeValue"/> (given the
    /// member's effective type, its local and the member).
    /// </summary>
    internal static void EmitMemberWrites(
        CodeWriter w,
        ModelFactoryEmitter.ModelClass cls,
        Context ctx,
        bool isUnknown,
        string label,
        string support,
        Action<string?, string> writeNull,
        Action<ModelType, string, ModelFactoryEmitter.Property> writeValue,
        bool jsonNet = false)
    {
        int i = 0;
        foreach (var p in Properties(cls, ctx))
        {
            bool always = p.JsonRequired is "Always" or "DisallowNull";
            string json = Naming.CSharpString(p.Json);
            string local = $"p{i++}";
            if (isUnknown)
            {
                w.Line($"if (received.Contains({json}))");
                w.Open();
            }

            w.Line($"var {local} = value.{p.Name};");
            var effective = Effective(p, label);
            if (CanBeNull(effective, ctx))
            {
                w.Line($"if ({local} is null)");
                w.Open();
                if (p.Tracked)
                {
                    writeNull($"value._{p.Name.TrimStart('@')}IsSet", json);
                }
                else if (p.IgnoreNull)
                {
                    w.Line("// NullValueHandling.Ignore");
                }
                else if (always && !isUnknown)
                {
                    w.Line($"throw {support}.NullOnWrite({json}, \"{cls.Name}\");");
                }
                else
                {
                    writeNull(null, json);
                }

                w.Close();
                w.Line("else");
                w.Open();
                w.Line(jsonNet ? JsonNetPropertyName(json) : $"writer.WritePropertyName({json});");
                writeValue(effective, local, p);
                w.Close();
            }
            else
            {
                w.Line(jsonNet ? JsonNetPropertyName(json) : $"writer.WritePropertyName({json});");
                writeValue(effective, local, p);
            }

            if (isUnknown)
            {
                w.Close();
            }
        }
    }

    /// <summary>
    /// A Json.NET writer's statement writing a member name given as a C# string literal: a name made only of ASCII
    /// letters, digits, <c>_</c>, <c>-</c> and <c>.</c> (every spec name so far) needs no escaping under any
    /// <c>StringEscapeHandling</c>, so it is written as it is (<c>WritePropertyName(name, false)</c>, which still honours the
    /// writer's quoting settings and, on writers other than <c>JsonTextWriter</c>, is <c>WritePropertyName(name)</c>);
    /// any other name is escaped by Json.NET as before. The JSON is the same either way; only the per-character escape
    /// scan of a constant is skipped.
    /// </summary>
    internal static string JsonNetPropertyName(string literal) =>
        SafeNameLiteral.IsMatch(literal) ? $"writer.WritePropertyName({literal}, false);" : $"writer.WritePropertyName({literal});";

    private static readonly System.Text.RegularExpressions.Regex SafeNameLiteral = new("^\"[A-Za-z0-9_.\\-]+\"$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>The member's type (<see cref="ModelFactoryEmitter.Property.TypeInfo"/>, NSwag's resolution); <paramref name="label"/> names the emitter in the PPCG002 message.</summary>
    internal static ModelType TypeOf(ModelFactoryEmitter.Property p, string label) =>
        p.TypeInfo ?? throw new SpecException($"PPCG002 {label}: {p.Declaring}.{p.Name} has no type description.");

    /// <summary>The member's type as the readers and writers see it: a TimeSpan with the time-of-day converter is <see cref="TimeOfDay"/>.</summary>
    internal static ModelType Effective(ModelFactoryEmitter.Property p, string label)
    {
        var t = TypeOf(p, label);
        return p.Converter is { } converter && converter.EndsWith("TimeOfDayJsonConverter", StringComparison.Ordinal) && IsNamed(t, "System.TimeSpan")
            ? t with { Name = TimeOfDay }
            : t;
    }

    internal static bool IsNamed(ModelType t, string name) => t.Kind == ModelTypeKind.Named && t.Name == name;

    /// <summary>
    /// The expression that formats <paramref name="value"/> of a formatted string type named <paramref name="bare"/>
    /// (date-time, date, duration, time, uuid, uri, byte) by the SDK's <c>FormatConverters</c> rules, or null for
    /// another type: both libraries write that text as a JSON string.
    /// </summary>
    internal static string? FormattedText(string bare, string value) => bare switch
    {
        "System.DateTimeOffset" => $"global::PostPress.Serialization.UtcDateTimeOffsetJsonConverter.Format({value})",
        "System.DateTime" => $"global::PostPress.Serialization.DateOnlyJsonConverter.Instance.Format({value})",
        "System.TimeSpan" => $"global::PostPress.Serialization.IsoDurationJsonConverter.Instance.Format({value})",
        TimeOfDay => $"global::PostPress.Serialization.TimeOfDayJsonConverter.Instance.Format({value})",
        "System.Guid" => $"global::PostPress.Serialization.UuidJsonConverter.Instance.Format({value})",
        "System.Uri" => $"global::PostPress.Serialization.UriJsonConverter.Instance.Format({value})",
        "byte[]" => $"global::PostPress.Serialization.Base64JsonConverter.Instance.Format({value})",
        _ => null,
    };

    /// <summary>Whether the C# type named <paramref name="bare"/> is a value type (a scalar or an extensible enum).</summary>
    internal static bool IsValueType(string bare, Context ctx) => ValueTypes.Contains(bare) || ctx.Enums.Contains(bare);

    internal static bool CanBeNull(ModelType type, Context ctx) => !(type.Kind == ModelTypeKind.Named && IsValueType(type.Name, ctx)) || type.Nullable;

    /// <summary>Whether reading <paramref name="type"/> can give null for a token that is not <c>null</c> (<c>""</c> reads as null for lists, models and nullable value types, as in Json.NET).</summary>
    internal static bool MayReadNull(ModelType type, Context ctx)
    {
        string bare = type.Name;
        if (type.Kind == ModelTypeKind.Named && (bare is "string" or "object" or "bool" or "double" || ctx.Enums.Contains(bare)))
        {
            return false;
        }

        return type.Nullable || type.Kind != ModelTypeKind.Named || bare is "System.Uri" or "byte[]" || ctx.Unions.ContainsKey(bare) || ctx.Classes.ContainsKey(bare);
    }

    /// <summary>Whether <paramref name="cls"/> or a base class keeps undeclared fields (<c>AdditionalProperties</c>).</summary>
    internal static bool ExtensionData(ModelFactoryEmitter.ModelClass cls, Context ctx)
    {
        for (var c = cls; c is not null; c = c.Base is string b && ctx.Classes.TryGetValue(b, out var parent) ? parent : null)
        {
            if (c.ExtensionData)
            {
                return true;
            }
        }

        return false;
    }
}
