using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Requests;

/// <summary>Every validation rule rejects with an ArgumentException naming the parameter before any HTTP call.</summary>
public sealed class ValidationBeforeSendingTests : IDisposable
{
    private readonly MockApi _api = new();

    public void Dispose() => _api.Dispose();

    public static IEnumerable<object[]> Cases()
    {
        var cases = new (string Name, string Param, Func<IPostPressClient, Task> Call)[]
        {
            ("GetMe null account", "accountId", c => c.Users.GetMeAsync(null!)),
            ("GetMe empty account", "accountId", c => c.Users.GetMeAsync("")),
            ("GetMe blank account", "accountId", c => c.Users.GetMeAsync("  ")),
            ("GetProfile null identifier", "identifier", c => c.Users.GetProfileAsync(null!, "acc")),
            ("GetProfile empty identifier", "identifier", c => c.Users.GetProfileAsync("", "acc")),
            ("GetProfile dot-dot identifier", "identifier", c => c.Users.GetProfileAsync("..", "acc")),
            ("GetProfile empty account", "accountId", c => c.Users.GetProfileAsync("u", "")),
            ("GetProfile empty linkedin_api", "options.LinkedInApi", c => c.Users.GetProfileAsync("u", "acc", new UserProfileOptions { LinkedInApi = "" })),
            ("GetProfile default section", "options.LinkedInSections", c =>
            {
                var o = new UserProfileOptions();
                o.LinkedInSections.Add(default);
                return c.Users.GetProfileAsync("u", "acc", o);
            }),
            ("ListRelations empty account", "accountId", c => c.Users.ListRelationsAsync("")),
            ("ListRelations limit 0", "limit", c => c.Users.ListRelationsAsync("acc", limit: 0)),
            ("ListRelations limit 1001", "limit", c => c.Users.ListRelationsAsync("acc", limit: 1001)),
            ("ListRelations limit -5", "limit", c => c.Users.ListRelationsAsync("acc", limit: -5)),
            ("ListRelations empty cursor", "cursor", c => c.Users.ListRelationsAsync("acc", cursor: "")),
            ("ListAll page size 0", "pageSize", c => Task.FromResult(c.Users.ListAllRelationsAsync("acc", pageSize: 0))),
            ("ListAll page size 1001", "pageSize", c => Task.FromResult(c.Users.ListAllRelationsAsync("acc", pageSize: 1001))),
            ("ListAll empty account", "accountId", c => Task.FromResult(c.Users.ListAllRelationsAsync(""))),
            ("AsPages empty cursor", "cursor", c => Task.FromResult(c.Users.ListAllRelationsAsync("acc").AsPages(""))),
            ("GetAccount null id", "id", c => c.Accounts.GetAsync(null!)),
            ("GetAccount empty id", "id", c => c.Accounts.GetAsync("")),
            ("Perform null user", "userId", c => c.LinkedIn.PerformUserActionAsync(null!, LinkedInUserAction.SaveLead("a"))),
            ("Perform null request", "request", c => c.LinkedIn.PerformUserActionAsync("u", null!)),
            ("Perform unknown action", "request", c => c.LinkedIn.PerformUserActionAsync("u", PostPressJson.Deserialize<LinkedInUserActionRequest>("{\"action\":\"followCompany\",\"account_id\":\"a\"}")!)),
            ("Perform action of another variant", "request", c =>
            {
                var r = LinkedInUserAction.AddCandidateToPipeline("a", "p");
                r.Action = LinkedInUserActionRequestAction.SaveLead;
                return c.LinkedIn.PerformUserActionAsync("u", r);
            }),
            ("Perform wrong api", "request", c =>
            {
                var r = LinkedInUserAction.SaveLead("a");
                r.Api = "recruiter";
                return c.LinkedIn.PerformUserActionAsync("u", r);
            }),
            ("Perform missing hiring project", "request", c => c.LinkedIn.PerformUserActionAsync("u", new RecruiterPipelineActionRequest { AccountId = "a", HiringProjectId = null! })),
            ("Perform missing account", "request", c => c.LinkedIn.PerformUserActionAsync("u", new SalesNavigatorSaveLeadRequest { AccountId = null! })),
            ("Perform unknown stage", "request", c => c.LinkedIn.PerformUserActionAsync("u", new RecruiterPipelineActionRequest { AccountId = "a", HiringProjectId = "p", Stage = new RecruiterPipelineStage("HIRED") })),
            ("Perform missing reason", "request", c => c.LinkedIn.PerformUserActionAsync("u", new RecruiterRejectApplicantRequest { AccountId = "a", HiringProjectId = "p", Reason = default })),
            ("Perform empty notification", "request", c => c.LinkedIn.PerformUserActionAsync("u", new RecruiterRejectApplicantRequest
            {
                AccountId = "a",
                HiringProjectId = "p",
                Reason = RecruiterRejectionReason.WithdrewApplication,
                RejectionNotification = new RejectionNotification { Message = "" },
            })),
            ("Perform negative notification time", "request", c => c.LinkedIn.PerformUserActionAsync("u", new RecruiterRejectApplicantRequest
            {
                AccountId = "a",
                HiringProjectId = "p",
                Reason = RecruiterRejectionReason.WithdrewApplication,
                RejectionNotification = new RejectionNotification { Message = "m", SendNotificationAt = -1 },
            })),
        };
        return cases.Select(c => new object[] { c.Name, c.Param, c.Call });
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Rejected_before_any_request(string name, string parameter, Func<IPostPressClient, Task> call)
    {
        using var client = _api.Client();

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(async () =>
        {
            var task = call(client);
            await task;
            if (task is Task<IAsyncEnumerable<PostPressPage<UserRelation>>> pages)
            {
                await foreach (var _ in pages.Result)
                {
                }
            }
        });

        Assert.True(parameter == ex.ParamName, name + ": expected parameter " + parameter + " but was " + ex.ParamName + " (" + ex.Message + ")");
        Assert.Empty(_api.Requests);
    }
}
