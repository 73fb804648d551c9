using PostPress;

namespace PostPress.TestingSample;

/// <summary>
/// README "Provider limits": a bulk job over several LinkedIn accounts. For each account it pages through the
/// relations, reads each profile and adds the person to a Recruiter project, with the client's per-account pacing
/// holding every account to its budget and writes whose outcome is unknown settled, not guessed.
/// </summary>
public sealed class BulkProfileJob(IPostPressClient postPress)
{
    /// <summary>
    /// The client options this job is meant for. The numbers are this example's (the sandbox's limit in the tests),
    /// not the provider's: the API reference documents none, so use your own.
    /// </summary>
    public static void Configure(PostPressClientOptions options)
    {
        // One policy instance for every account-scoped call: reads and writes share each account's budget.
        // Below the provider's budget (the sandbox allows 4 a second): the provider counts a call when it arrives, which
        // can be a while after the client started it, so leave room.
        var perAccount = new PostPressPacingPolicy
        {
            PermitLimit = 2,                              // at most 2 calls per account ...
            Window = TimeSpan.FromSeconds(1),             // ... in any second
            MinSpacing = TimeSpan.FromMilliseconds(100),  // and 100-150 ms between two calls of one account
            Jitter = TimeSpan.FromMilliseconds(50),
            MaxConcurrency = 2,
        };
        options.Pacing = new PostPressPacingOptions { Default = perAccount };

        // The LinkedIn user action reports duplicates (errors/action_already_performed): a write whose outcome is
        // unknown is retried, and a retry that meets the duplicate says the first attempt did it.
        options.RetryUnknownOutcomes = true;
        options.Timeout = null;                           // pacing waits count against Timeout: a bulk job waits its turn
    }

    /// <summary>Runs the job over <paramref name="accountIds"/> (the accounts in parallel, each paced by the client).</summary>
    public async Task<BulkJobReport> RunAsync(IReadOnlyList<string> accountIds, string projectId, int perAccount, CancellationToken cancellationToken = default)
    {
        var report = new BulkJobReport();
        await Parallel.ForEachAsync(accountIds, cancellationToken, async (accountId, token) =>
        {
            var taken = 0;
            await foreach (var relation in postPress.Users.ListAllRelationsAsync(accountId, pageSize: 2, cancellationToken: token))
            {
                if (taken++ == perAccount)
                {
                    break;
                }

                await postPress.Users.GetProfileAsync(relation.PublicIdentifier, accountId, cancellationToken: token);
                report.Add(BulkJobReport.Read);
                try
                {
                    await postPress.LinkedIn.PerformUserActionAsync(relation.MemberId,
                        LinkedInUserAction.AddCandidateToPipeline(accountId, projectId, RecruiterPipelineStage.Uncontacted), token);
                    report.Add(BulkJobReport.Added);
                }
                catch (PostPressActionAlreadyPerformedException)
                {
                    // The first attempt was performed but its answer was lost; the retry was told so. Done.
                    report.Add(BulkJobReport.Added);
                    report.Add(BulkJobReport.SettledByRetry);
                }
                catch (PostPressUnknownOutcomeException e)
                {
                    // Neither retried nor settled: check on the provider before sending it again.
                    report.ToCheck.Add(e.OperationId + " " + relation.MemberId);
                }
            }
        });

        return report;
    }
}

/// <summary>What <see cref="BulkProfileJob"/> did.</summary>
public sealed class BulkJobReport
{
    internal const int Read = 0;
    internal const int Added = 1;
    internal const int SettledByRetry = 2;

    private readonly int[] _counts = new int[3];

    /// <summary>Profiles read.</summary>
    public int ProfilesRead => Volatile.Read(ref _counts[Read]);

    /// <summary>People added to the project (including those <see cref="SettledByRetries"/>).</summary>
    public int PeopleAdded => Volatile.Read(ref _counts[Added]);

    /// <summary>Writes whose first attempt had an unknown outcome and whose retry met <c>errors/action_already_performed</c>.</summary>
    public int SettledByRetries => Volatile.Read(ref _counts[SettledByRetry]);

    /// <summary>Writes whose outcome stayed unknown.</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> ToCheck { get; } = new();

    internal void Add(int what) => Interlocked.Increment(ref _counts[what]);
}
