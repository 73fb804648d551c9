using System;
using System.Collections.Generic;
using System.Reflection;
using System.Text.RegularExpressions;
using PublicApiGenerator;
using Snapshooter.Xunit;
using Xunit;

namespace PostPress.Tests.Snapshots;

/// <summary>
/// The public API of the shipped assemblies (as the test project references them: the net8.0 builds in
/// tests/PostPress.Tests, the netstandard2.0 builds in tests/PostPress.Tests.NetStandard), as C# text.
/// Any change of a generated model (a spec change) or of the hand-written layer shows as a line diff of
/// <c>__snapshots__/PublicApiSnapshotTests.*.snap</c>.
/// </summary>
public sealed class PublicApiSnapshotTests
{
    [Fact]
    public void PostPress_public_api_matches_snapshot()
    {
        var api = PublicApi(typeof(PostPressClient).Assembly);

        Assert.Contains("public sealed class PostPressClient", api, StringComparison.Ordinal);
#if POSTPRESS_NETSTANDARD_ASSET
        // tests/PostPress.Tests.NetStandard: the netstandard2.0 build must have the public API of the net8.0 build (the
        // committed snapshot). One line differs in PublicApiGenerator's text only: [SetsRequiredMembers] on the Unknown*
        // constructors is PostPress's internal polyfill there (src/PostPress/Polyfills/RequiredMembers.cs), and the
        // generator leaves out attributes of non-public types. The compiler still honours it (matched by name; see
        // RequiredMembersTests.Unknown_variants_are_created_without_setting_the_required_members).
        // The synchronous members (net8.0 and later: HttpClient.Send) are absent there by design: the committed snapshot
        // without them (NetStandardApi) is what that build must show.
        SnapshotCheck.MatchFiltered(api, Snapshot.FullName(), NetStandardApi, "without the net8.0-only synchronous members and the '[SetsRequiredMembers]' lines");
#else
        SnapshotCheck.Match(api, Snapshot.FullName());
#endif
    }

    [Fact]
    public void PostPress_Extensions_DependencyInjection_public_api_matches_snapshot()
    {
        var api = PublicApi(typeof(PostPressServiceCollectionExtensions).Assembly);

        Assert.Contains("public static class PostPressServiceCollectionExtensions", api, StringComparison.Ordinal);
        SnapshotCheck.Match(api, Snapshot.FullName());
    }

    /// <summary>
    /// The committed (net8.0) snapshot as the netstandard2.0 build shows it: without the synchronous twins of the
    /// operations (members of the <c>*Resource</c> types that take a token and whose name does not end in <c>Async</c>),
    /// without <c>PostPressPageable&lt;T&gt;</c>, and without the <c>[SetsRequiredMembers]</c> lines (PostPress's internal
    /// polyfill there, which PublicApiGenerator does not print).
    /// </summary>
    internal static string[] NetStandardApi(string[] lines)
    {
        var kept = new List<string>();
        string? type = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("    public ", StringComparison.Ordinal) && (line.Contains(" class ", StringComparison.Ordinal) || line.Contains(" interface ", StringComparison.Ordinal)))
            {
                type = line;
            }

            var inPageable = type is not null && type.Contains(" class PostPressPageable<T>", StringComparison.Ordinal);
            var isResource = type is not null && Regex.IsMatch(type, @" (class|interface) \w*Resource\b");
            var syncMember = isResource && line.Contains("System.Threading.CancellationToken cancellationToken", StringComparison.Ordinal)
                && Regex.Match(line, @" (\w+)\(") is { Success: true } name && !name.Groups[1].Value.EndsWith("Async", StringComparison.Ordinal);
            if (!inPageable && !syncMember && line.Trim() != "[System.Diagnostics.CodeAnalysis.SetsRequiredMembers]")
            {
                kept.Add(line);
            }

            if (line == "    }")
            {
                type = null;
            }
        }

        return kept.ToArray();
    }

    private static string PublicApi(Assembly assembly) =>
        assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            // Assembly attributes carry build-specific values (target framework, version, metadata) and are not API.
            IncludeAssemblyAttributes = false,
        });
}
