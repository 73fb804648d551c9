using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using YamlDotNet.RepresentationModel;

namespace PostPress.Tests.Support;

/// <summary>Reads the documented error statuses and codes of each operation from the OpenAPI document.</summary>
public static class SpecErrors
{
    private static readonly Lazy<YamlMappingNode> Root = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "openapi", "postpress.yaml");
        var yaml = new YamlStream();
        using var reader = File.OpenText(path);
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    });

    public static YamlMappingNode Document => Root.Value;

    /// <summary>(operationId, status, code, description) for every documented error code of every operation.</summary>
    public static IEnumerable<(string OperationId, int Status, string Code)> All()
    {
        var paths = (YamlMappingNode)Document["paths"];
        foreach (var path in paths.Children)
        {
            foreach (var op in ((YamlMappingNode)path.Value).Children)
            {
                var operation = (YamlMappingNode)op.Value;
                var id = ((YamlScalarNode)operation["operationId"]).Value!;
                foreach (var response in ((YamlMappingNode)operation["responses"]).Children)
                {
                    var status = int.Parse(((YamlScalarNode)response.Key).Value!);
                    if (status < 400)
                    {
                        continue;
                    }

                    var schema = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)response.Value)["content"])["application/json"])["schema"];
                    var narrowing = (YamlMappingNode)((YamlSequenceNode)schema["allOf"]).Children[1];
                    var type = (YamlMappingNode)((YamlMappingNode)narrowing["properties"])["type"];
                    foreach (var code in ((YamlSequenceNode)type["enum"]).Children)
                    {
                        yield return (id, status, ((YamlScalarNode)code).Value!);
                    }
                }
            }
        }
    }
}

/// <summary>Calls each operation through the public facade with valid arguments, and knows its wire path.</summary>
public static class Operations
{
    public const string AccountId = "acc_linkedin_01HXYZ4QK3WJ8FN3M6QH7TZ8GR";

    public static readonly string[] Ids = { "getOwnProfile", "getUserProfile", "listRelations", "getAccount", "performLinkedInUserAction" };

    public static string PathOf(string operationId) => operationId switch
    {
        "getOwnProfile" => "/users/me",
        "getUserProfile" => "/users/jordan-walke",
        "listRelations" => "/users/relations",
        "getAccount" => "/accounts/acc_01",
        "performLinkedInUserAction" => "/linkedin/user/AEMAACr-1eYBl",
        _ => throw new ArgumentOutOfRangeException(nameof(operationId)),
    };

    public static bool IsPost(string operationId) => operationId == "performLinkedInUserAction";

    public static Task InvokeAsync(IPostPressClient client, string operationId, System.Threading.CancellationToken ct = default) => operationId switch
    {
        "getOwnProfile" => client.Users.GetMeAsync(AccountId, ct),
        "getUserProfile" => client.Users.GetProfileAsync("jordan-walke", AccountId, null, ct),
        "listRelations" => client.Users.ListRelationsAsync(AccountId, cancellationToken: ct),
        "getAccount" => client.Accounts.GetAsync("acc_01", ct),
        "performLinkedInUserAction" => client.LinkedIn.PerformUserActionAsync(
            "AEMAACr-1eYBl",
            LinkedInUserAction.AddCandidateToPipeline(AccountId, "proj_1"),
            ct),
        _ => throw new ArgumentOutOfRangeException(nameof(operationId)),
    };
}
