using PostPress;

namespace PostPress.TestingSample;

/// <summary>
/// The code under test: "your" code that uses the SDK. It depends on <see cref="IPostPressClient"/> (not on the
/// concrete client) so that tests can hand it a sandbox-bound client or a mock.
/// </summary>
public sealed class CandidateImporter(IPostPressClient postPress)
{
    /// <summary>Adds every relation whose headline mentions <paramref name="keyword"/> to a Recruiter project.</summary>
    public async Task<ImportReport> ImportAsync(string accountId, string projectId, string keyword, CancellationToken cancellationToken = default)
    {
        var added = 0;
        var failed = new List<string>();
        await foreach (var relation in postPress.Users.ListAllRelationsAsync(accountId, pageSize: 200, cancellationToken: cancellationToken))
        {
            if (!relation.Headline.Contains(keyword, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            try
            {
                await postPress.LinkedIn.PerformUserActionAsync(relation.MemberId,
                    LinkedInUserAction.AddCandidateToPipeline(accountId, projectId, RecruiterPipelineStage.Uncontacted), cancellationToken);
                added++;
            }
            catch (UnprocessableEntityException e) when (e.ErrorType == ErrorType.ActionAlreadyPerformed || e.ErrorType == ErrorType.InvalidRecipient)
            {
                failed.Add($"{relation.PublicIdentifier}: {e.ErrorType}");
            }
        }

        return new ImportReport(added, failed);
    }

    /// <summary>One line describing a linked account, or why it cannot be read.</summary>
    public async Task<string> DescribeAccountAsync(string accountId, CancellationToken cancellationToken = default)
    {
        try
        {
            var account = await postPress.Accounts.GetAsync(accountId, cancellationToken);
            return account switch
            {
                LinkedInAccount li => $"LinkedIn account {li.Name}",
                MailAccount mail => $"mailbox {mail.Name} on {mail.ConnectionParams.Mail.ImapHost}",
                UnknownAccount other => $"an account of a newer type ({other.Type})",
                _ => $"{account.Type} account {account.Name}",
            };
        }
        catch (NotFoundException)
        {
            return $"no account {accountId}";
        }
    }

    /// <summary>Whether an account exists, asked once (no retries, 5 s) and tagged with a correlation id.</summary>
    public async Task<bool> AccountExistsAsync(string accountId, string correlationId, CancellationToken cancellationToken = default)
    {
        var options = new PostPressRequestOptions { MaxRetries = 0, Timeout = TimeSpan.FromSeconds(5) }
            .AddHeader("X-Correlation-Id", correlationId);
        try
        {
            await postPress.Accounts.GetAsync(accountId, options, cancellationToken);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}

/// <summary>What <see cref="CandidateImporter.ImportAsync"/> did.</summary>
public sealed record ImportReport(int Added, IReadOnlyList<string> Failed);
