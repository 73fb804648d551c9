using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PostPress.Docs.Samples;

/// <summary>The samples of docs/guides/getting-started.md.</summary>
public static class GettingStarted
{
    /// <summary>A client for the real API, from an API key.</summary>
    public static PostPressClient CreateClient(string apiKey)
    {
        #region create-client
        var client = new PostPressClient(apiKey);   // https://api.postpress.ai/api/v1, 2 retries, 100 s per call
        #endregion
        return client;
    }

    /// <summary>A client with options.</summary>
    public static PostPressClient CreateClientWithOptions(string apiKey)
    {
        #region create-client-options
        var client = new PostPressClient(new PostPressClientOptions(apiKey)
        {
            ApplicationId = "my-app/1.0",                 // appended to the User-Agent
            MaxRetries = 3,                               // default 2
            AttemptTimeout = TimeSpan.FromSeconds(20),    // default 30 s, one attempt, body included
            Timeout = TimeSpan.FromSeconds(60),           // default 100 s, every attempt and wait
        });
        #endregion
        return client;
    }

    /// <summary>The first calls: the owner's profile, a linked account, a user's profile.</summary>
    public static async Task<string> FirstCallsAsync(IPostPressClient client, string accountId)
    {
        #region first-calls
        OwnProfile me = await client.Users.GetMeAsync(accountId);
        string who = me switch
        {
            LinkedInOwnProfile li => $"{li.FirstName} {li.LastName}, {li.Headline}",
            GmailOwnProfile gmail => gmail.Email,
            UnknownOwnProfile other => $"a provider this SDK version does not know: {other.Provider}",
            _ => me.Provider.Value,
        };

        Account account = await client.Accounts.GetAsync(accountId);   // LinkedInAccount, MailAccount, … (14 variants)
        Console.WriteLine($"{who} – {account.Type}: {account.Name}");

        UserProfile profile = await client.Users.GetProfileAsync("jordan-walke", accountId,
            new UserProfileOptions { LinkedInSections = { LinkedInSectionSelector.AllPreview, LinkedInSectionSelector.Skills } });
        #endregion
        return $"{who} | {account.Type} | {profile.Provider}";
    }

    /// <summary>A LinkedIn Recruiter action.</summary>
    public static async Task<bool> RecruiterActionAsync(IPostPressClient client, string accountId)
    {
        #region recruiter-action
        LinkedInUserActionResult result = await client.LinkedIn.PerformUserActionAsync("AEMAACr-1eYBl",
            LinkedInUserAction.AddCandidateToPipeline(accountId, "proj_123", RecruiterPipelineStage.Contacted));
        #endregion
        return result.Success;
    }

    /// <summary>The value plus the response's status, headers and request id.</summary>
    public static async Task<string?> WithResponseAsync(IPostPressClient client, string accountId)
    {
        #region with-response
        PostPressResponse<Account> response = await client.Accounts.GetWithResponseAsync(accountId);
        Console.WriteLine($"{response.StatusCode} {response.RequestId} {response.GetHeader("Content-Type")}");
        Account account = response;   // or response.Value
        #endregion
        return account.Id;
    }

    /// <summary>The synchronous twins (net8.0 and later).</summary>
    public static string SynchronousCalls(IPostPressClient client, string accountId)
    {
        #region sync-calls
        OwnProfile me = client.Users.GetMe(accountId);                                      // no await, no Task
        PostPressResponse<Account> response = client.Accounts.GetWithResponse(accountId);   // + status, headers, request id
        Console.WriteLine($"{me.GetType().Name} {response.StatusCode} {response.Value.Id}");
        #endregion
        return response.Value.Id;
    }

    /// <summary>Dependency injection with PostPress.Extensions.DependencyInjection.</summary>
    public static async Task<string> FromServiceProviderAsync(IConfiguration configuration, string accountId)
    {
        #region dependency-injection
        var services = new ServiceCollection();
        services.AddPostPress(configuration);   // binds the "PostPress" section; the key may come from POSTPRESS_API_KEY
        await using ServiceProvider provider = services.BuildServiceProvider();

        IPostPressClient client = provider.GetRequiredService<IPostPressClient>();   // a singleton
        Account account = await client.Accounts.GetAsync(accountId);
        #endregion
        return account.Id;
    }
}
