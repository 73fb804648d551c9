using System.Linq;
using Newtonsoft.Json.Linq;
using PostPress.Tests.Support;
using Snapshooter.Xunit;
using Xunit;

namespace PostPress.Tests.Snapshots;

/// <summary>
/// A normalised summary of <c>openapi/postpress.yaml</c> (<see cref="SpecSummary"/>): any change of servers,
/// operations, parameters, bodies, responses, error codes or schemas shows as a diff of
/// <c>__snapshots__/SpecSummarySnapshotTests.Spec_summary_matches_snapshot.snap</c>.
/// </summary>
public sealed class SpecSummarySnapshotTests
{
    [Fact]
    public void Spec_summary_matches_snapshot()
    {
        var summary = SpecSummary.Build(SpecModel.Document);

        Assert.NotEmpty((JArray)summary["operations"]!);
        SnapshotCheck.Match(summary, Snapshot.FullName());
    }

    [Fact]
    public void Summary_is_deterministic_and_covers_every_operation_and_schema()
    {
        var first = SpecSummary.Build(SpecModel.Document);
        var second = SpecSummary.Build((JObject)SpecModel.Document.DeepClone());

        Assert.True(JToken.DeepEquals(first, second));
        var operationCount = ((JObject)SpecModel.Document["paths"]!).Properties()
            .Sum(p => ((JObject)p.Value).Properties().Count(m => m.Name is "get" or "put" or "post" or "delete" or "patch"));
        Assert.Equal(operationCount, ((JArray)first["operations"]!).Count);
        Assert.Equal(SpecModel.Schemas.Count, ((JObject)first["schemas"]!).Count);
    }
}
