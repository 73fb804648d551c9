using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NJsonSchema;
using NJsonSchema.CodeGeneration;
using NJsonSchema.CodeGeneration.CSharp;
using NJsonSchema.CodeGeneration.CSharp.Models;
using NSwag;
using NSwag.CodeGeneration.CSharp;

namespace PostPress.CodeGen;

/// <summary>
/// Runs NSwag's C# generator in-process on the NSwag-dialect document and reads its code model instead of its text.
/// For every class NSwag renders, a template factory wrapped around NSwag's own receives NSwag's
/// <see cref="ClassTemplateModel"/> (with its <see cref="PropertyModel"/>s: JSON and C# names, C# types resolved by
/// NSwag's <see cref="CSharpTypeResolver"/>, required/null handling, descriptions, deprecation) and the property schemas
/// (<see cref="JsonSchemaProperty"/>: format, nullable, default), applies PostPress's decisions to them
/// (<see cref="ClassView"/>: property names, summaries, visibility, explicit-null tracking, format converters, values the
/// object sets itself) and hands that view to PostPress's <c>Templates/Class.liquid</c> (NSwag's <c>templateDirectory</c>).
/// The same views become <see cref="ModelFactoryEmitter.ModelClass"/>es, which the model factory and the model
/// serializers are emitted from: nothing re-reads the generated C#.
/// </summary>
internal static class NSwagModelGenerator
{
    /// <summary>What one run produces.</summary>
    /// <param name="Code">The C# file (models).</param>
    /// <param name="Classes">Every class of the file, by name, as the model factory and serializers read them.</param>
    internal sealed record Result(string Code, Dictionary<string, ModelFactoryEmitter.ModelClass> Classes);

    /// <summary>The folder of PostPress's Liquid templates, next to the generator's assembly.</summary>
    public static string TemplateDirectory => Path.Combine(AppContext.BaseDirectory, "Templates");

    /// <summary>Generates the models of <paramref name="model"/> with <paramref name="settings"/>.</summary>
    /// <param name="model">The transformed spec (its NSwag document, extensible enums, unions, internal types).</param>
    /// <param name="settings">NSwag's settings (from build/nswag.json, <see cref="NSwagSettings"/>).</param>
    /// <returns>The code and the class models.</returns>
    public static async Task<Result> GenerateAsync(GenerationModel model, CSharpClientGeneratorSettings settings)
    {
        var cs = settings.CSharpGeneratorSettings;
        CheckSettings(settings);

        // The extensible enums are placeholders in the NSwag document (x-abstract objects): NSwag types properties with
        // their names and generates no type for them.
        cs.ExcludedTypeNames = cs.ExcludedTypeNames.Concat(model.Enums.Select(e => e.Name)).Distinct(StringComparer.Ordinal).ToArray();
        cs.TemplateDirectory = TemplateDirectory;

        var document = await OpenApiDocument.FromJsonAsync(model.NSwagDocument.ToJsonString()).ConfigureAwait(false);
        var resolver = CSharpGeneratorBase.CreateResolverWithExceptionSchema(cs, document);
        var views = new ClassViewBuilder(model, document, resolver, cs);
        cs.TemplateFactory = new ViewTemplateFactory(cs.TemplateFactory, views);
        var generator = new CSharpClientGenerator(document, settings, resolver);
        string code = generator.GenerateFile().Replace("\r\n", "\n", StringComparison.Ordinal);

        var classes = views.Classes.ToDictionary(c => c.Name, StringComparer.Ordinal);
        Validate(model, classes);
        Console.WriteLine($"PostPress.CodeGen: {classes.Count} model classes; {views.Tracked} optional nullable properties track explicit null; {views.Preset} required properties set by the object itself (constants, discriminators) are not 'required' for callers; {views.Documented} public members had no description in the spec and got a generated summary.");
        return new Result(code, classes);
    }

    /// <summary>Class.liquid renders what build/nswag.json selects; anything else would be silently wrong, so it fails.</summary>
    private static void CheckSettings(CSharpClientGeneratorSettings settings)
    {
        var cs = settings.CSharpGeneratorSettings;
        var wrong = new List<string>();
        void Expect(bool ok, string what)
        {
            if (!ok)
            {
                wrong.Add(what);
            }
        }

        Expect(!settings.GenerateClientClasses && !settings.GenerateClientInterfaces, "generateClientClasses and generateClientInterfaces false (the operations pass generates the client)");
        Expect(!settings.GenerateExceptionClasses, "generateExceptionClasses false (errors are mapped by the SDK's pipeline, src/PostPress/Errors)");
        Expect(settings.GenerateDtoTypes, "generateDtoTypes true");
        Expect(cs.JsonLibrary == CSharpJsonLibrary.NewtonsoftJson, "jsonLibrary NewtonsoftJson");
        Expect(cs.ClassStyle == CSharpClassStyle.Poco && !cs.GenerateNativeRecords, "classStyle Poco, generateNativeRecords false");
        Expect(!cs.GenerateDataAnnotations && !cs.GenerateJsonMethods && !cs.HandleReferences, "generateDataAnnotations, generateJsonMethods and handleReferences false");
        Expect(cs.UseRequiredKeyword && cs.RequiredPropertiesMustBeDefined && cs.GenerateNullableReferenceTypes && cs.GenerateOptionalPropertiesAsNullable, "useRequiredKeyword, requiredPropertiesMustBeDefined, generateNullableReferenceTypes and generateOptionalPropertiesAsNullable true");
        Expect(string.IsNullOrEmpty(cs.TemplateDirectory), "templateDirectory null (PostPress's templates are build/PostPress.CodeGen/Templates)");
        Expect(!cs.GenerateImmutableArrayProperties && !cs.GenerateImmutableDictionaryProperties && cs.WriteAccessor == "set" && string.IsNullOrEmpty(cs.PropertySetterAccessModifier), "mutable properties with a plain 'set'");
        if (wrong.Count > 0)
        {
            throw new SpecException($"build/nswag.json: PostPress's model template (build/PostPress.CodeGen/Templates/Class.liquid) needs {string.Join("; ", wrong)}.");
        }
    }

    private static void Validate(GenerationModel model, Dictionary<string, ModelFactoryEmitter.ModelClass> classes)
    {
        foreach (var union in model.Unions)
        {
            if (!classes.TryGetValue(union.Name, out var unionClass) || !unionClass.Abstract || !unionClass.Public)
            {
                throw new SpecException($"NSwag did not generate the public abstract union base class '{union.Name}'.");
            }

            foreach (var variant in union.Variants.Where(v => !classes.TryGetValue(v.Name, out var c) || c.Base != union.Name))
            {
                throw new SpecException($"NSwag did not generate 'class {variant.Name} : {union.Name}'.");
            }
        }
    }

    /// <summary>NSwag's template factory; the model of the class template is replaced by PostPress's view of it.</summary>
    private sealed class ViewTemplateFactory : ITemplateFactory
    {
        private readonly ITemplateFactory _inner;
        private readonly ClassViewBuilder _views;

        public ViewTemplateFactory(ITemplateFactory inner, ClassViewBuilder views)
        {
            _inner = inner;
            _views = views;
        }

        public ITemplate CreateTemplate(string language, string template, object model) =>
            _inner.CreateTemplate(language, template, template == "Class" && model is ClassTemplateModel cls ? _views.Build(cls) : model);
    }

    /// <summary>Applies PostPress's decisions to NSwag's class models (see build/README.md, "Who generates what").</summary>
    private sealed class ClassViewBuilder
    {
        private readonly GenerationModel _model;
        private readonly OpenApiDocument _document;
        private readonly CSharpTypeResolver _resolver;
        private readonly CSharpGeneratorSettings _settings;
        private readonly Dictionary<string, string> _discriminators;

        public ClassViewBuilder(GenerationModel model, OpenApiDocument document, CSharpTypeResolver resolver, CSharpGeneratorSettings settings)
        {
            _model = model;
            _document = document;
            _resolver = resolver;
            _settings = settings;
            _discriminators = model.Unions.Where(u => u.DiscriminatorProperty is not null).ToDictionary(u => u.Name, u => u.DiscriminatorProperty!, StringComparer.Ordinal);
        }

        public List<ModelFactoryEmitter.ModelClass> Classes { get; } = new();

        public int Tracked { get; private set; }

        public int Preset { get; private set; }

        public int Documented { get; private set; }

        public ClassView Build(ClassTemplateModel cls)
        {
            if (cls.HasDiscriminator || cls.IsTuple || cls.InheritsExceptionSchema)
            {
                throw new SpecException($"{cls.ClassName}: NSwag sees a discriminator, a tuple or an exception schema; the NSwag dialect never produces these (see build/README.md, \"Unions\").");
            }

            if (!_document.Components.Schemas.TryGetValue(cls.ClassName, out var schema))
            {
                throw new SpecException($"{cls.ClassName}: NSwag generated a class that is not a component of the NSwag document.");
            }

            bool isPublic = !_model.InternalTypes.Contains(cls.ClassName);
            string? summary = cls.HasDescription ? Summary(cls.Description!) : isPublic ? $"/// <summary>The <c>{cls.ClassName}</c> object of the postpress API.</summary>" : null;
            if (!cls.HasDescription && isPublic)
            {
                Documented++;
            }

            var modelClass = new ModelFactoryEmitter.ModelClass
            {
                Name = cls.ClassName,
                Base = cls.HasInheritance ? cls.BaseClassName : null,
                Abstract = cls.IsAbstract,
                Public = isPublic,
                ExtensionData = cls.GenerateAdditionalPropertiesProperty,
            };

            var names = new HashSet<string>(StringComparer.Ordinal);
            var properties = new List<PropertyView>();
            foreach (var p in cls.Properties)
            {
                if (!schema.ActualProperties.TryGetValue(p.Name, out var property))
                {
                    throw new SpecException($"{cls.ClassName}.{p.Name}: NSwag's property is not in the component's schema.");
                }

                var view = Property(cls.ClassName, p, property, names);
                properties.Add(view);
                modelClass.Properties.Add(view.ToModel(cls.ClassName));
            }

            if (modelClass.ExtensionData)
            {
                Documented++;
            }

            // NSwag renders every type, then drops the excluded ones (the extensible enums' placeholders) from the file.
            if (!_settings.ExcludedTypeNames.Contains(cls.ClassName, StringComparer.Ordinal))
            {
                Classes.Add(modelClass);
            }

            return new ClassView
            {
                Summary = summary,
                IsDeprecated = cls.IsDeprecated,
                HasDeprecatedMessage = cls.HasDeprecatedMessage,
                DeprecatedMessage = cls.DeprecatedMessage,
                AccessModifier = isPublic ? cls.TypeAccessModifier : "internal",
                IsAbstract = cls.IsAbstract,
                ClassName = cls.ClassName,
                BaseClassName = modelClass.Base,
                Properties = properties,
                GenerateAdditionalPropertiesProperty = cls.GenerateAdditionalPropertiesProperty,
                AdditionalPropertiesType = cls.AdditionalPropertiesType,
            };
        }

        private PropertyView Property(string className, PropertyModel p, JsonSchemaProperty property, HashSet<string> names)
        {
            if (p.IsStringEnum || p.IsStringEnumArray || !p.HasSetter || p.AdditionalAttributes.Any())
            {
                throw new SpecException($"{className}.{p.Name}: NSwag generates an inline C# enum, a read-only or an annotated property here; the NSwag dialect never produces these.");
            }

            // NSwag's name without its underscores (Created_at → CreatedAt); names that differ only by punctuation or case
            // ('first-name', 'firstName') get 2, 3… in schema order (the request validators derive the same names,
            // Naming.UniquePropertyNames).
            string name = Naming.RemoveUnderscores(p.PropertyName);
            string baseName = name;
            for (int n = 2; names.Contains(name) || name == className; n++)
            {
                name = baseName + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            names.Add(name);

            bool isArray = property.Type.HasFlag(JsonObjectType.Array);
            string? format = isArray ? property.Item?.Format : property.Format;
            if (format == "binary")
            {
                throw new SpecException($"{className}.{p.Name}: 'format: binary' inside a JSON model has no JSON form; use 'format: byte' (base64, byte[]) or a binary request/response body.");
            }

            // format: time and format: duration are both TimeSpan (NSwag's timeType/timeSpanType); a time of day is told
            // apart by its converter (HH:MM:SS[.f…]), which the generated readers and writers read too.
            bool timeOfDay = format == "time";
            if (timeOfDay && isArray)
            {
                throw new SpecException($"{className}.{p.Name}: arrays of 'format: time' are not supported (the item converter cannot be told from a duration's); use a string pattern or an object.");
            }

            var (required, ignoreNull) = p.JsonPropertyRequiredCode switch
            {
                "Newtonsoft.Json.Required.Always" => ("Always", false),
                "Newtonsoft.Json.Required.AllowNull" => ("AllowNull", false),
                "Newtonsoft.Json.Required.DisallowNull, NullValueHandling = Newtonsoft.Json.NullValueHandling.Ignore" => ("DisallowNull", true),
                "Newtonsoft.Json.Required.Default, NullValueHandling = Newtonsoft.Json.NullValueHandling.Ignore" => ("Default", true),
                string other => throw new SpecException($"{className}.{p.Name}: unknown Json.NET requirement '{other}' from NSwag."),
            };

            // useRequiredKeyword: a required property the object sets itself (a constant, or a union's discriminator set by
            // the variant's constructor) is not 'required' for callers; it gets its value as an initializer.
            bool isRequired = p.HasRequiredKeyword;
            string? initializer = null;
            string? preset = PresetValue(className, property);
            if (preset is not null && isRequired)
            {
                isRequired = false;
                initializer = preset.Length > 0 ? preset : "default!";
                Preset++;
            }

            // Explicit null (PATCH semantics): an optional property whose schema is nullable remembers whether it was set,
            // so `X = null` is written as "x": null and an untouched X is left out (src/PostPress/Serialization/ExplicitNulls.cs).
            bool tracked = property.IsNullableRaw == true && ignoreNull && !isRequired && preset is null;
            if (tracked)
            {
                ignoreNull = false;
                Tracked++;
            }

            string? doc = null;
            string summary;
            if (p.HasDescription)
            {
                summary = Summary(p.Description!);
                doc = DocText(summary);
            }
            else
            {
                summary = $"/// <summary>Gets or sets the <c>{Naming.XmlEscape(p.Name)}</c> field.</summary>";
                Documented++;
            }

            var type = Describe(property, p.Type, className, p.Name);
            return new PropertyView
            {
                Summary = summary,
                Doc = doc,
                JsonName = p.Name,
                Required = required,
                IgnoreNull = ignoreNull,
                JsonPropertyRequiredCode = $"Newtonsoft.Json.Required.{required}" + (required is "Always" or "AllowNull" ? string.Empty : $", NullValueHandling = Newtonsoft.Json.NullValueHandling.{(ignoreNull ? "Ignore" : "Include")}"),
                IsDate = p.IsDate,
                IsTimeOfDay = timeOfDay,
                IsDeprecated = p.IsDeprecated,
                HasDeprecatedMessage = p.HasDeprecatedMessage,
                DeprecatedMessage = p.DeprecatedMessage,
                IsTracked = tracked,
                IsRequired = isRequired,
                Type = p.Type,
                TypeInfo = type,
                Name = name,
                FieldName = "_" + name.TrimStart('@'),
                Initializer = initializer,
                Format = format,
            };
        }

        /// <summary>
        /// The C# initializer of a property the object sets itself: a constant (<c>default</c> in the NSwag document, from
        /// <c>const</c>), or empty for a union's discriminator (the variant's constructor sets it); null for any other property.
        /// </summary>
        private string? PresetValue(string className, JsonSchemaProperty property)
        {
            if (_discriminators.TryGetValue(className, out string? discriminator) && discriminator == property.Name)
            {
                return string.Empty;
            }

            return property.Default switch
            {
                null => null,
                string s => Naming.CSharpString(s),
                bool b => b ? "true" : "false",
                object other => Newtonsoft.Json.JsonConvert.SerializeObject(other),
            };
        }

        /// <summary>The structure of the C# type NSwag's resolver gave a property, resolved level by level by the same resolver.</summary>
        private ModelType Describe(JsonSchemaProperty property, string resolved, string className, string json)
        {
            var described = Describe(property, property.IsNullable(_settings.SchemaType), null);
            if (described.ToString() != resolved)
            {
                throw new SpecException($"{className}.{json}: NSwag typed the property '{resolved}', its schema reads as '{described}'; teach NSwagModelGenerator.Describe this schema.");
            }

            return described;
        }

        private ModelType Describe(JsonSchema schema, bool nullable, string? hint)
        {
            string resolved = _resolver.Resolve(schema, nullable, hint);
            bool isNullable = resolved.EndsWith('?');
            string bare = isNullable ? resolved[..^1] : resolved;
            var actual = schema.ActualTypeSchema;
            if (actual.IsArray && actual.Item is { } item && bare.StartsWith(_settings.ArrayType + "<", StringComparison.Ordinal))
            {
                return new ModelType(ModelTypeKind.List, _settings.ArrayType, isNullable, Describe(item, item.IsNullable(_settings.SchemaType), (schema as JsonSchemaProperty)?.Name));
            }

            if (actual.IsDictionary && bare.StartsWith(_settings.DictionaryType + "<string, ", StringComparison.Ordinal))
            {
                var value = actual.AdditionalPropertiesSchema;
                return new ModelType(ModelTypeKind.Map, _settings.DictionaryType, isNullable, value is null ? new ModelType(ModelTypeKind.Named, "object", false) : Describe(value, value.IsNullable(_settings.SchemaType), null));
            }

            return new ModelType(ModelTypeKind.Named, bare, isNullable);
        }

        /// <summary>
        /// A doc comment as NSwag's template writes it (<c>csharpdocs</c>: XML-escaped, one <c>///</c> line per line), with
        /// its Markdown turned into XML doc tags (<see cref="XmlDocMarkdown"/>).
        /// </summary>
        private static string Summary(string description)
        {
            string raw = "/// <summary>\n/// " + ConversionUtilities.ConvertCSharpDocs(description, 0) + "\n/// </summary>";
            var block = raw.Split('\n').Select(l =>
            {
                string content = l.TrimStart().Substring(3);
                return content.StartsWith(' ') ? content.Substring(1) : content;
            });
            return string.Join("\n", XmlDocMarkdown.Block(block).Select(l => l.Length == 0 ? "///" : "/// " + l));
        }

        /// <summary>The text of a summary (the model factory's parameter docs repeat it).</summary>
        private static string DocText(string summary) =>
            string.Join(" ", summary.Split('\n').Select(l => l.Substring(3).Trim()).Where(l => l is not ("<summary>" or "</summary>")))
                .Replace("<summary>", string.Empty, StringComparison.Ordinal)
                .Replace("</summary>", string.Empty, StringComparison.Ordinal)
                .Trim();
    }

    /// <summary>What <c>Templates/Class.liquid</c> renders for one class (NSwag's <see cref="ClassTemplateModel"/> after PostPress's decisions).</summary>
    public sealed class ClassView
    {
        public string? Summary { get; init; }

        public bool IsDeprecated { get; init; }

        public bool HasDeprecatedMessage { get; init; }

        public string? DeprecatedMessage { get; init; }

        public required string AccessModifier { get; init; }

        public bool IsAbstract { get; init; }

        public required string ClassName { get; init; }

        public string? BaseClassName { get; init; }

        public required IReadOnlyList<PropertyView> Properties { get; init; }

        public bool GenerateAdditionalPropertiesProperty { get; init; }

        public string? AdditionalPropertiesType { get; init; }
    }

    /// <summary>What <c>Templates/Class.liquid</c> renders for one property (NSwag's <see cref="PropertyModel"/> after PostPress's decisions).</summary>
    public sealed class PropertyView
    {
        public required string Summary { get; init; }

        public string? Doc { get; init; }

        public required string JsonName { get; init; }

        public required string Required { get; init; }

        public bool IgnoreNull { get; init; }

        public required string JsonPropertyRequiredCode { get; init; }

        public bool IsDate { get; init; }

        public bool IsTimeOfDay { get; init; }

        public bool IsDeprecated { get; init; }

        public bool HasDeprecatedMessage { get; init; }

        public string? DeprecatedMessage { get; init; }

        public bool IsTracked { get; init; }

        public bool IsRequired { get; init; }

        public required string Type { get; init; }

        public required ModelType TypeInfo { get; init; }

        public required string Name { get; init; }

        public required string FieldName { get; init; }

        public string? Initializer { get; init; }

        public string? Format { get; init; }

        internal ModelFactoryEmitter.Property ToModel(string declaring) => new(
            Name,
            Type,
            JsonName,
            IsRequired,
            Doc,
            declaring,
            $"[Newtonsoft.Json.JsonProperty(\"{JsonName}\", Required = {JsonPropertyRequiredCode})]",
            IsTimeOfDay ? "PostPress.Serialization.TimeOfDayJsonConverter" : IsDate ? "PostPress.Serialization.DateOnlyJsonConverter" : null,
            IsTracked,
            Initializer)
        {
            TypeInfo = TypeInfo,
            JsonRequired = Required,
            IgnoreNull = IgnoreNull,
            Format = Format,
        };
    }
}
