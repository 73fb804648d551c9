using System;
using System.Reflection;
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
        SnapshotCheck.MatchIgnoringLines(api, Snapshot.FullName(), "[System.Diagnostics.CodeAnalysis.SetsRequiredMembers]");
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

    private static string PublicApi(Assembly assembly) =>
        assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            // Assembly attributes carry build-specific values (target framework, version, metadata) and are not API.
            IncludeAssemblyAttributes = false,
        });
}
