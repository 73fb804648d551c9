using PostPress.Testing;
using Xunit;

namespace PostPress.TestingSample;

/// <summary>
/// README "Provider limits", run in CI: the bulk job against a sandbox that plays a provider limit per account (429 with
/// Retry-After beyond 4 calls per second) and a write that is performed and then loses its connection.
/// </summary>
public sealed class BulkProfileJobSandboxTests
{
    [Fact]
    public async Task The_bulk_job_stays_within_every_account_budget_and_settles_the_lost_write()
    {
        await using var sandbox = await PostPressSandbox.StartAsync(new PostPressSandboxOptions
        {
            Relations = 20,
            AccountLimit = new SandboxAccountLimit(4, TimeSpan.FromSeconds(1)),   // the sandbox's provider limit
        });
        sandbox.Next(1, "performLinkedInUserAction").ApplyThenDropConnection();  // performed, then the answer is lost
        using var client = sandbox.CreateClient(BulkProfileJob.Configure);

        var report = await new BulkProfileJob(client).RunAsync(["acc_1", "acc_2", "acc_3"], "proj_7", perAccount: 3);

        Assert.Equal(9, report.ProfilesRead);
        Assert.Equal(9, report.PeopleAdded);
        Assert.Equal(1, report.SettledByRetries);
        Assert.Empty(report.ToCheck);
        Assert.DoesNotContain(sandbox.Requests, r => r.ResponseStatus == 429);  // pacing kept every account under its limit
        Assert.Equal(10, sandbox.Requests.Count(r => r.Method == "POST"));       // 9 actions + the retry of the lost one
    }
}
