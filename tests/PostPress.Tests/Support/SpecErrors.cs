using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PostPress.Spec;

namespace PostPress.Tests.Support;

/// <summary>
/// The documented error statuses and codes of each operation, as the repository's one spec reader
/// (src/Shared/Spec/OpenApiModel.cs, which the sandbox and the generator use too) reads them.
/// </summary>
public static class SpecErrors
{
    private static readonly Lazy<OpenApiModel> Model = new(() => OpenApiModel.FromDocument(YamlJson.Load(SpecModel.SpecPath)));

    /// <summary>(operationId, status, code) for every error code every operation documents (4xx/5xx).</summary>
    public static IEnumerable<(string OperationId, int Status, string Code)> All() =>
        from operation in Model.Value.Operations
        from error in operation.Errors.Values
        from code in error.Codes
        select (operation.OperationId, error.Status, code.Code);
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
