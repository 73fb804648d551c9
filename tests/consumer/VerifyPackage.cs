// Checks the content of the packed PostPress packages (.nupkg + .snupkg). A .NET file-based app, so it needs nothing
// but the .NET SDK (no unzip, no python): run by tests/consumer/verify-package.sh as
//   dotnet run --file tests/consumer/VerifyPackage.cs -- <packages folder> <version> <repository root>
// Prints one line per check and "verify-package: OK", or lists the failures and exits 1.

#:property Nullable=enable
#:property ImplicitUsings=enable
#:property TreatWarningsAsErrors=true
#:property PublishAot=false

using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: VerifyPackage.cs <packages folder> <version> <repository root>");
    return 2;
}

var packagesDir = args[0];
var version = args[1];
var repoRoot = args[2];
const string RepositoryUrl = "https://github.com/postpress/postpress-dotnet";
var ciBuild = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

var failures = new List<string>();
void Check(bool ok, string what)
{
    Console.WriteLine((ok ? "  ok    " : "  FAIL  ") + what);
    if (!ok)
    {
        failures.Add(what);
    }
}

VerifyPackage("PostPress", isCore: true, ["netstandard2.0", "net8.0"]);
VerifyPackage("PostPress.Extensions.DependencyInjection", isCore: false, ["netstandard2.0", "net8.0"]);
VerifyPackage("PostPress.Testing", isCore: false, ["net8.0"]);

if (failures.Count > 0)
{
    Console.Error.WriteLine($"verify-package: FAILED ({failures.Count} check(s)):");
    foreach (var f in failures)
    {
        Console.Error.WriteLine("  - " + f);
    }

    return 1;
}

Console.WriteLine("verify-package: OK");
return 0;

void VerifyPackage(string id, bool isCore, string[] frameworks)
{
    // Each package's README is written for NuGet users: src/<id>/README.nuget.md, packed as README.md.
    var readmePath = Path.Combine(repoRoot, "src", id, "README.nuget.md");
    var readme = File.Exists(readmePath) ? File.ReadAllText(readmePath) : null;
    var nupkgPath = Path.Combine(packagesDir, $"{id}.{version}.nupkg");
    var snupkgPath = Path.Combine(packagesDir, $"{id}.{version}.snupkg");
    Console.WriteLine($"{id} {version}");
    Check(File.Exists(nupkgPath), $"{nupkgPath} exists");
    Check(File.Exists(snupkgPath), $"{snupkgPath} exists");
    if (!File.Exists(nupkgPath) || !File.Exists(snupkgPath))
    {
        return;
    }

    string? commit;
    using (var nupkg = ZipFile.OpenRead(nupkgPath))
    {
        var entries = nupkg.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);

        // nuspec metadata
        var nuspecEntry = nupkg.GetEntry(id + ".nuspec");
        Check(nuspecEntry is not null, $"{id}.nuspec present");
        if (nuspecEntry is null)
        {
            return;
        }

        XDocument nuspec;
        using (var s = nuspecEntry.Open())
        {
            nuspec = XDocument.Load(s);
        }

        var ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        string? Meta(string name) => metadata.Element(ns + name)?.Value;

        Check(Meta("id") == id, $"nuspec id == {id}");
        Check(Meta("version") == version, $"nuspec version == {version} (got '{Meta("version")}')");
        Check(!string.IsNullOrWhiteSpace(Meta("description")), "nuspec description is set");
        Check(!string.IsNullOrWhiteSpace(Meta("authors")), "nuspec authors is set");
        var license = metadata.Element(ns + "license");
        Check(license?.Attribute("type")?.Value == "expression" && license.Value == "MIT", "license expression MIT");
        Check(Meta("readme") == "README.md", "nuspec <readme>README.md</readme>");
        Check(Meta("projectUrl") == RepositoryUrl, $"projectUrl {RepositoryUrl}");
        Check((Meta("tags") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("postpress"), "tags include 'postpress'");
        var repository = metadata.Element(ns + "repository");
        commit = repository?.Attribute("commit")?.Value;
        Check(repository?.Attribute("type")?.Value == "git", "repository type git");
        Check(repository?.Attribute("url")?.Value == RepositoryUrl, $"repository url {RepositoryUrl} (got '{repository?.Attribute("url")?.Value}')");
        Check(commit is not null && Regex.IsMatch(commit, "^[0-9a-f]{40}$"), $"repository commit is a git sha (got '{commit}')");

        // README
        var readmeEntry = nupkg.GetEntry("README.md");
        Check(readmeEntry is not null, "README.md at the package root");
        if (readmeEntry is not null)
        {
            using var r = new StreamReader(readmeEntry.Open());
            var packed = r.ReadToEnd();
            Check(readme is not null && packed == readme, $"README.md is src/{id}/README.nuget.md");
            Check(!packed.Contains(".ci/run", StringComparison.Ordinal), "the package README does not show CI internals (.ci/run)");
        }

        // Dependencies: the build-time tools never leak into the package.
        var dependencies = metadata.Descendants(ns + "dependency").ToList();
        var groups = metadata.Descendants(ns + "group").Select(g => g.Attribute("targetFramework")?.Value).ToList();
        Check(frameworks.All(f => groups.Contains(f == "netstandard2.0" ? ".NETStandard2.0" : f)), "dependency groups " + string.Join(", ", frameworks));
        // YamlDotNet is build-time for PostPress (the generator) but a runtime dependency of PostPress.Testing (it reads the spec).
        string[] buildOnly = id == "PostPress.Testing"
            ? ["NSwag", "NJsonSchema", "Microsoft.SourceLink", "Microsoft.Build.Tasks.Git", "PostPress.CodeGen"]
            : ["NSwag", "NJsonSchema", "Microsoft.SourceLink", "Microsoft.Build.Tasks.Git", "YamlDotNet", "PostPress.CodeGen"];
        var leaked = dependencies.Select(d => d.Attribute("id")!.Value)
            .Where(d => buildOnly.Any(b => d.StartsWith(b, StringComparison.OrdinalIgnoreCase))).Distinct().ToList();
        Check(leaked.Count == 0, "no build-time dependency (NSwag.MSBuild, SourceLink, ...)" + (leaked.Count > 0 ? ": " + string.Join(", ", leaked) : ""));
        if (isCore)
        {
            Check(dependencies.Any(d => d.Attribute("id")!.Value == "Newtonsoft.Json"), "depends on Newtonsoft.Json");
        }
        else
        {
            var core = dependencies.Where(d => d.Attribute("id")!.Value == "PostPress").Select(d => d.Attribute("version")?.Value).Distinct().ToList();
            Check(core.Count == 1 && core[0] == version, $"depends on PostPress {version} (got '{string.Join(", ", core)}')");
        }

        // PostPress roots its reflection-based serialization stack in trimmed apps (buildTransitive + build).
        var trimTargets = new[] { "buildTransitive/PostPress.targets", "build/PostPress.targets" };
        if (id == "PostPress")
        {
            Check(trimTargets.All(entries.Contains), "buildTransitive/ and build/PostPress.targets (trimmed apps keep the serializers)");
        }

        // Files: only lib/<tfm>/ assets, the README and PostPress's trimming targets besides the OPC parts.
        var unexpected = entries.Where(e => !(e.StartsWith("lib/", StringComparison.Ordinal) || e == "README.md" || e == id + ".nuspec"
            || (id == "PostPress" && trimTargets.Contains(e))
            || e == "[Content_Types].xml" || e.StartsWith("_rels/", StringComparison.Ordinal) || e.StartsWith("package/", StringComparison.Ordinal))).ToList();
        Check(unexpected.Count == 0, "no files besides lib/, README.md and package metadata" + (unexpected.Count > 0 ? ": " + string.Join(", ", unexpected) : ""));

        foreach (var tfm in frameworks)
        {
            var dll = $"lib/{tfm}/{id}.dll";
            var xml = $"lib/{tfm}/{id}.xml";
            Check(entries.Contains(dll), dll);
            Check(entries.Contains(xml), xml);
            if (entries.Contains(xml))
            {
                VerifyXmlDocs(nupkg.GetEntry(xml)!, id, tfm);
            }

            if (entries.Contains(dll))
            {
                VerifyAssembly(nupkg.GetEntry(dll)!, snupkgPath, id, tfm, commit);
            }
        }
    }
}

void VerifyXmlDocs(ZipArchiveEntry entry, string id, string tfm)
{
    XDocument doc;
    using (var s = entry.Open())
    {
        doc = XDocument.Load(s);
    }

    var members = doc.Descendants("member").ToDictionary(m => m.Attribute("name")!.Value, m => m, StringComparer.Ordinal);
    string? Summary(string name) => members.TryGetValue(name, out var m) ? m.Element("summary")?.Value.Trim() : null;
    if (id == "PostPress")
    {
        Check(members.Count > 300, $"{tfm} XML docs: {members.Count} members (> 300)");
        Check(!string.IsNullOrEmpty(Summary("T:PostPress.PostPressClient")), $"{tfm} XML docs: T:PostPress.PostPressClient has a summary");
        Check(Summary("T:PostPress.Models.LinkedInAccount") == "A LINKEDIN account.", $"{tfm} XML docs: generated model T:PostPress.Models.LinkedInAccount documented from the spec");
        Check(!string.IsNullOrEmpty(Summary("T:PostPress.NotFoundException")), $"{tfm} XML docs: T:PostPress.NotFoundException");
    }
    else if (id == "PostPress.Testing")
    {
        Check(!string.IsNullOrEmpty(Summary("T:PostPress.Testing.PostPressSandbox")), $"{tfm} XML docs: T:PostPress.Testing.PostPressSandbox has a summary");
    }
    else
    {
        Check(members.Keys.Any(k => k.StartsWith("M:PostPress.PostPressServiceCollectionExtensions.AddPostPress(", StringComparison.Ordinal)),
            $"{tfm} XML docs: PostPressServiceCollectionExtensions.AddPostPress");
    }
}

void VerifyAssembly(ZipArchiveEntry dllEntry, string snupkgPath, string id, string tfm, string? commit)
{
    // The dll: informational version (the User-Agent reads it) and the id of its pdb.
    var dllBytes = ReadAll(dllEntry);
    using var pe = new PEReader(new MemoryStream(dllBytes));
    var md = pe.GetMetadataReader();
    var informational = md.GetAssemblyDefinition().GetCustomAttributes()
        .Select(h => md.GetCustomAttribute(h))
        .Where(a => AttributeTypeName(md, a) == "System.Reflection.AssemblyInformationalVersionAttribute")
        .Select(a => { var b = md.GetBlobReader(a.Value); b.ReadUInt16(); return b.ReadSerializedString(); })
        .FirstOrDefault();
    Check(informational is not null && (informational == version || informational.StartsWith(version + "+", StringComparison.Ordinal)),
        $"{tfm}/{id}.dll AssemblyInformationalVersion is {version}[+commit] (got '{informational}')");
    var codeView = pe.ReadDebugDirectory().FirstOrDefault(d => d.Type == DebugDirectoryEntryType.CodeView);
    var pdbGuid = codeView.Type == DebugDirectoryEntryType.CodeView ? pe.ReadCodeViewDebugDirectoryData(codeView).Guid : Guid.Empty;
    Check(pe.ReadDebugDirectory().Any(d => d.Type == DebugDirectoryEntryType.Reproducible), $"{tfm}/{id}.dll is deterministic (Reproducible debug entry)");

    // The pdb from the snupkg.
    using var snupkg = ZipFile.OpenRead(snupkgPath);
    var pdbEntry = snupkg.GetEntry($"lib/{tfm}/{id}.pdb");
    Check(pdbEntry is not null, $"snupkg: lib/{tfm}/{id}.pdb");
    if (pdbEntry is null)
    {
        return;
    }

    using var pdbProvider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(ReadAll(pdbEntry)));
    var pdb = pdbProvider.GetMetadataReader();
    Check(new Guid(pdb.DebugMetadataHeader!.Id.Take(16).ToArray()) == pdbGuid, $"snupkg: {tfm}/{id}.pdb matches the dll (pdb id)");

    // SourceLink: {"documents":{"/_/*":"https://raw.githubusercontent.com/postpress/postpress-dotnet/<commit>/*"}}
    var sourceLinkKind = new Guid("CC110556-A091-4D38-9FEC-25AB9A351A6A");
    var embeddedSourceKind = new Guid("0E8A571B-6926-466E-B4AD-8AB04611F5FE");
    var sourceLink = pdb.GetCustomDebugInformation(EntityHandle.ModuleDefinition)
        .Select(h => pdb.GetCustomDebugInformation(h))
        .Where(c => pdb.GetGuid(c.Kind) == sourceLinkKind)
        .Select(c => Encoding.UTF8.GetString(pdb.GetBlobBytes(c.Value)))
        .FirstOrDefault();
    Check(sourceLink is not null, $"{tfm}/{id}.pdb has SourceLink");
    if (sourceLink is not null)
    {
        var mappings = JsonDocument.Parse(sourceLink).RootElement.GetProperty("documents").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
        var expected = $"https://raw.githubusercontent.com/postpress/postpress-dotnet/{commit}/*";
        Check(mappings.Values.Contains(expected), $"{tfm}/{id}.pdb SourceLink maps to {expected} (got {sourceLink})");
    }

    // Documents: generated sources (git-ignored obj/generated/) are embedded; CI builds use deterministic /_/ paths.
    var documents = pdb.Documents.Select(h => (Handle: h, Name: pdb.GetString(pdb.GetDocument(h).Name))).ToList();
    string? EmbeddedText(DocumentHandle h)
    {
        foreach (var ch in pdb.GetCustomDebugInformation(h))
        {
            var cdi = pdb.GetCustomDebugInformation(ch);
            if (pdb.GetGuid(cdi.Kind) != embeddedSourceKind)
            {
                continue;
            }

            var blob = pdb.GetBlobBytes(cdi.Value);
            var format = BitConverter.ToInt32(blob, 0);
            if (format == 0)
            {
                return Encoding.UTF8.GetString(blob, 4, blob.Length - 4);
            }

            using var inflate = new DeflateStream(new MemoryStream(blob, 4, blob.Length - 4), CompressionMode.Decompress);
            using var reader = new StreamReader(inflate, Encoding.UTF8);
            return reader.ReadToEnd();
        }

        return null;
    }

    if (ciBuild)
    {
        var nonDeterministic = documents.Where(d => !d.Name.StartsWith("/_/", StringComparison.Ordinal)).Select(d => d.Name).ToList();
        Check(nonDeterministic.Count == 0, $"{tfm}/{id}.pdb: CI build document paths are /_/... (ContinuousIntegrationBuild)"
            + (nonDeterministic.Count > 0 ? ": " + string.Join(", ", nonDeterministic.Take(3)) : ""));
    }

    if (id == "PostPress")
    {
        (string File, string Marker)[] generated =
        [
            ("PostPress.Client.g.cs", "public partial class LinkedInAccount : Account"),
            ("Enums.g.cs", "public readonly partial struct AccountType"),
            ("Unions.g.cs", "UnknownAccount"),
        ];
        foreach (var (file, marker) in generated)
        {
            var doc = documents.FirstOrDefault(d => d.Name.EndsWith("/obj/generated/" + file, StringComparison.Ordinal));
            var text = doc.Name is null ? null : EmbeddedText(doc.Handle);
            Check(text is not null && text.Contains(marker, StringComparison.Ordinal),
                $"{tfm}/{id}.pdb embeds obj/generated/{file} (contains '{marker}')"
                + (doc.Name is null ? ": no such document" : text is null ? $": {doc.Name} not embedded" : ""));
        }
    }
}

static string AttributeTypeName(MetadataReader md, CustomAttribute attribute)
{
    EntityHandle type = attribute.Constructor.Kind switch
    {
        HandleKind.MemberReference => md.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent,
        HandleKind.MethodDefinition => md.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType(),
        _ => default,
    };
    return type.Kind switch
    {
        HandleKind.TypeReference => md.GetString(md.GetTypeReference((TypeReferenceHandle)type).Namespace) + "." + md.GetString(md.GetTypeReference((TypeReferenceHandle)type).Name),
        HandleKind.TypeDefinition => md.GetString(md.GetTypeDefinition((TypeDefinitionHandle)type).Namespace) + "." + md.GetString(md.GetTypeDefinition((TypeDefinitionHandle)type).Name),
        _ => "",
    };
}

static byte[] ReadAll(ZipArchiveEntry entry)
{
    using var s = entry.Open();
    using var ms = new MemoryStream();
    s.CopyTo(ms);
    return ms.ToArray();
}
