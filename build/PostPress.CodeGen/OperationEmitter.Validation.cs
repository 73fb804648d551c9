using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace PostPress.CodeGen;

/// <summary>The operations pass, argument checks: the <c>Validate</c> calls emitted per parameter, body field and request model.</summary>
internal static partial class OperationEmitter
{
    private static void EmitBodyValidation(CodeWriter w, OperationModel op)
    {
        if (op.BodyType is null || op.BodyRules is null)
        {
            return;
        }

        if (op.BodyRequired)
        {
            w.Line($"Validate.NotNull({op.BodyName}, {Str(op.BodyName)});");
        }

        EmitValue(w, op.BodyRules, op.BodyName, Str(op.BodyName), Str(op.BodyName), nullable: !op.BodyRequired, inUrl: false, pathSegment: false, patternField: null);
    }

    private static void EmitParameterValidation(CodeWriter w, OperationModel op, ParameterModel p, string access, string name)
    {
        if (p.Required)
        {
            w.Line($"Validate.NotNull({access}, {Str(name)});");
        }

        EmitValue(w, p.Rules, access, Str(name), Str(name), nullable: !p.Required, inUrl: p.In is "path" or "query", pathSegment: p.In == "path", patternField: PatternField(op, p));
        if (p.In == "header" && p.Rules.Kind is "string" or "enum")
        {
            // CR/LF/NUL/C0, unpaired surrogates and the 8 KiB cap: a value that cannot be sent as this header.
            if (p.Rules.Kind == "string")
            {
                w.Line($"Validate.HeaderValue({Str(p.WireName)}, {access}, {Str(name)});");
            }
            else if (p.Required)
            {
                w.Line($"Validate.HeaderValue({Str(p.WireName)}, {FormatScalar(p.Type, access)}, {Str(name)});");
            }
            else
            {
                var local = "header" + Uid();
                w.Line($"if ({access} is {{ }} {local})");
                w.Open();
                w.Line($"Validate.HeaderValue({Str(p.WireName)}, {FormatScalar(p.Type, local)}, {Str(name)});");
                w.Close();
            }
        }
    }

    /// <summary>A path expression as a string expression (a <c>ValuePath</c> joined; a string as it is).</summary>
    private static string PathString(string path) => path.StartsWith("new ValuePath(", StringComparison.Ordinal) ? path + ".ToString()" : path;

    /// <summary>Writes the checks of one value (already known non-null when required).</summary>
    private static void EmitValue(CodeWriter w, ValueRules rules, string access, string paramName, string path, bool nullable, bool inUrl, bool pathSegment, string? patternField)
    {
        switch (rules.Kind)
        {
            case "string":
                if (rules.Const is { } c)
                {
                    w.Line($"Validate.Const({access}, {Str(c)}, {paramName}, {path});");
                    break;
                }

                w.Line($"Validate.Text({access}, {paramName}, {path}, minLength: {Lit(rules.MinLength)}, maxLength: {Lit(rules.MaxLength)}, pattern: {patternField ?? "null"}, inUrl: {Bool(inUrl)}, pathSegment: {Bool(pathSegment)});");
                break;
            case "integer":
            case "number":
                if (rules.Minimum is not null || rules.Maximum is not null)
                {
                    var cast = rules.Kind == "integer" ? "(long?)" : "(double?)";
                    w.Line($"Validate.Range({cast}{access}, {paramName}, {path}, {Num(rules.Minimum, rules.Kind)}, {Num(rules.Maximum, rules.Kind)}, {Bool(rules.ExclusiveMinimum)}, {Bool(rules.ExclusiveMaximum)});");
                }

                break;
            case "enum":
                // An extensible enum wraps any string: it gets the string checks (not blank, well-formed UTF-16, the
                // URL length cap) and, when closed, must be a documented value.
                w.Line($"Validate.EnumValue({access}, {paramName}, {path}, open: {Bool(rules.OpenEnum)}, inUrl: {Bool(inUrl)});");
                break;
            case "array":
                var uid = Uid();
                var list = "list" + uid;
                w.Line($"if ({access} is {{ }} {list})");
                w.Open();
                if (rules.MinLength is not null || rules.MaxLength is not null)
                {
                    w.Line($"Validate.Count({list}, {paramName}, {path}, {Lit(rules.MinLength)}, {Lit(rules.MaxLength)});");
                }

                var index = "i" + uid;
                w.Line($"var {index} = 0;");
                w.Line($"foreach (var item{uid} in {list})");
                w.Open();
                if (rules.Items!.Kind != "none")
                {
                    w.Line($"Validate.NotNull(item{uid}, {paramName}, {PathString(path)} + \"[\" + {index} + \"]\");");
                    EmitValue(w, rules.Items, "item" + uid, paramName, $"{PathString(path)} + \"[\" + {index} + \"]\"", nullable: false, inUrl, pathSegment: false, patternField);
                }

                w.Line($"{index}++;");
                w.Close();
                w.Close();
                break;
            case "model":
                var method = rules.ModelType!.Replace(OperationSurfaceBuilder.ModelsNamespace, string.Empty);
                w.Line(nullable
                    ? $"if ({access} is not null) RequestValidation.{method}({access}, {paramName}, {PathString(path)});"
                    : $"RequestValidation.{method}({access}, {paramName}, {PathString(path)});");
                break;
        }
    }

    private static void EmitValidation(CodeWriter w, SurfaceModel model)
    {
        w.Summary("Validators of the request bodies, derived from their schemas: each throws an ArgumentException naming the argument and the JSON path.");
        w.Line("internal static partial class RequestValidation");
        w.Open();
        bool first = true;
        foreach (var (name, type) in model.Validated.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            w.Line($"public static void {name}({type.TypeName}? value, string paramName, string path)");
            w.Open();
            w.Line("Validate.NotNull(value, paramName, path);");
            if (type.Variants is { } variants)
            {
                w.Line("switch (value)");
                w.Open();
                w.Line($"case {type.UnknownVariant}:");
                w.Indent();
                w.Line(type.DiscriminatorProperty is null
                    ? $"throw new global::System.ArgumentException(path + \" matches none of the variants this SDK documents.\", paramName);"
                    : $"throw new global::System.ArgumentException(path + \".{type.DiscriminatorJson}: \" + Validate.Quote(value!.{type.DiscriminatorProperty}.ToString()) + \" is not one this SDK documents.\", paramName);");
                w.Dedent();
                foreach (var (variant, values) in variants)
                {
                    var short_ = variant.Replace(OperationSurfaceBuilder.ModelsNamespace, string.Empty);
                    w.Line($"case {variant} v{short_}:");
                    w.Indent();
                    if (type.DiscriminatorProperty is { } d && values.Count > 0)
                    {
                        w.Line($"Validate.OneOf(v{short_}.{d}.Value, paramName, new ValuePath(path, {Str("." + type.DiscriminatorJson)}), {Str(short_)}, {string.Join(", ", values.Select(Str))});");
                    }

                    w.Line($"{short_}(v{short_}, paramName, path);");
                    w.Line("break;");
                    w.Dedent();
                }

                w.Line("default:");
                w.Indent();
                w.Line($"throw new global::System.ArgumentException(path + \" is a \" + value!.GetType().Name + \", not a variant of {name}.\", paramName);");
                w.Dedent();
                w.Close();
            }
            else
            {
                foreach (var (json, property, required, rules) in type.Properties)
                {
                    var access = "value!." + property;
                    // The member's path is joined only when a message is written (ValuePath); a nested model or an
                    // array item needs it as a string (EmitValue joins it there).
                    var path = "new ValuePath(path, " + Str("." + json) + ")";
                    if (required)
                    {
                        w.Line($"Validate.NotNull({access}, paramName, {path});");
                    }

                    if (rules.Kind == "none")
                    {
                        continue;
                    }

                    if (!required && rules.Kind is "string" or "integer" or "number" or "enum")
                    {
                        w.Line($"if ({access} is {{ }} p{property})");
                        w.Open();
                        EmitValue(w, rules, "p" + property, "paramName", path, nullable: false, inUrl: false, pathSegment: false, patternField: rules.Pattern is null ? null : $"new global::System.Text.RegularExpressions.Regex({Str(rules.Pattern)})");
                        w.Close();
                    }
                    else
                    {
                        EmitValue(w, rules, access, "paramName", path, nullable: !required, inUrl: false, pathSegment: false, patternField: rules.Pattern is null ? null : $"new global::System.Text.RegularExpressions.Regex({Str(rules.Pattern)})");
                    }
                }

                // The fields the caller added to AdditionalProperties are written too: the same string checks, and no
                // name the schema declares (the JSON would carry it twice and bypass the checks above).
                var declared = type.DeclaredJson.Distinct(StringComparer.Ordinal).Select(Str);
                w.Line("if (Validate.HasExtensionData(value))");
                w.Open();
                w.Line($"Validate.ExtensionData(value, paramName, path{string.Concat(declared.Select(d => ", " + d))});");
                w.Close();
            }

            w.Close();
        }

        w.Close();
    }
}
