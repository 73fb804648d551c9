// The checks TrimmedApp and AotApp share (compiled into each app by a <Compile Include="../Shared/ConsumerChecks.cs">
// link): every operation of the API through the packed SDK against the PostPress sandbox, in-process
// (PostPress.Testing, on loopback) or an external one (--base-url <url> --api-key <key>). Each app adds its own steps
// and prints "<label>: OK" when every check passed.
using PostPress;
using PostPress.Models;
using PostPress.Testing;

/// <summary>Runs the consumer checks and counts the failures.</summary>
internal sealed class ConsumerChecks
{
    private readonly List<string> failures = new();
    private readonly bool detailedErrors;

    private ConsumerChecks(bool detailedErrors) => this.detailedErrors = detailedErrors;

    /// <summary>Prints a check and remembers it when it failed.</summary>
    public void Check(bool ok, string what)
    {
        Console.WriteLine((ok ? "  ok    " : "  FAIL  ") + what);
        if (!ok)
        {
            failures.Add(what);
        }
    }

    /// <summary>Runs a step; an exception is a failed check.</summary>
    public async Task Step(string name, Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception e)
        {
            Check(false, $"{name}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            if (detailedErrors)
            {
                // Where it failed, inner exceptions included: a Native AOT failure names the reflection the app could not do.
                Console.WriteLine("        " + e.ToString().Replace("\n", "\n        ", StringComparison.Ordinal));
            }
        }
    }

    /// <summary>The first 120 characters of a JSON text, for a message.</summary>
    public static string Excerpt(string json) => json.Length <= 120 ? json : json[..120] + "...";

    /// <summary>
    /// Runs every check and prints "<paramref name="label"/>: OK" or what failed; <paramref name="appSteps"/> runs the
    /// app's own steps after the operations (before the AdditionalProperties checks). Returns the exit code.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, string label, bool detailedErrors, Func<ConsumerChecks, PostPressClient, Task>? appSteps = null)
    {
        var checks = new ConsumerChecks(detailedErrors);
        var baseUrl = args.SkipWhile(a => a != "--base-url").Skip(1).FirstOrDefault();
        var apiKey = args.SkipWhile(a => a != "--api-key").Skip(1).FirstOrDefault();
        PostPressSandbox? sandbox = null;
        if (baseUrl is null)
        {
            await checks.Step("start the in-process sandbox", async () => sandbox = await PostPressSandbox.StartAsync(new PostPressSandboxOptions { Relations = 1_000 }));
            if (sandbox is null)
            {
                Console.WriteLine($"{label}: FAILED (the sandbox did not start)");
                return 1;
            }

            baseUrl = sandbox.BaseUri.AbsoluteUri;
            apiKey = sandbox.ApiKey;
            Console.WriteLine($"{label}: in-process sandbox at {baseUrl}");
        }
        else
        {
            Console.WriteLine($"{label}: external sandbox at {baseUrl}");
        }

        using (var client = new PostPressClient(new PostPressClientOptions(apiKey!) { BaseUri = new Uri(baseUrl), MaxRetries = 0 }))
        {
            await checks.Operations(client, sandbox, baseUrl);
            if (appSteps is not null)
            {
                await appSteps(checks, client);
            }

            await checks.AdditionalProperties(client, sandbox);
        }

        if (sandbox is not null)
        {
            await sandbox.DisposeAsync();
        }

        Console.WriteLine(checks.failures.Count == 0 ? $"{label}: OK" : $"{label}: FAILED ({checks.failures.Count} check(s))");
        return checks.failures.Count == 0 ? 0 : 1;
    }

    private async Task Operations(PostPressClient client, PostPressSandbox? sandbox, string baseUrl)
    {
        await Step("getOwnProfile", async () =>
        {
            var me = await client.Users.GetMeAsync("acc_1");
            Check(me is LinkedInOwnProfile { FirstName: "Ada", Recruiter: RecruiterSeat }, $"getOwnProfile -> LinkedInOwnProfile with a RecruiterSeat (got {me.GetType().Name})");
        });

        await Step("getUserProfile", async () =>
        {
            var profile = await client.Users.GetProfileAsync("jordan-walke", "acc_1",
                new UserProfileOptions { LinkedInSections = { LinkedInSectionSelector.AllPreview } });
            Check(profile is LinkedInUserProfile { LastName: "Walke" }, $"getUserProfile -> LinkedInUserProfile (got {profile.GetType().Name})");
        });

        await Step("listRelations", async () =>
        {
            var page = await client.Users.ListRelationsAsync("acc_1", limit: 10);
            Check(page.Items.Count == 10 && page.Cursor is not null, $"listRelations -> 10 items and a cursor (got {page.Items.Count})");
            var all = 0;
            await foreach (var relation in client.Users.ListAllRelationsAsync("acc_1", pageSize: 250))
            {
                all += relation.PublicIdentifier.Length > 0 ? 1 : 0;
            }

            Check(all == 1_000, $"ListAllRelationsAsync -> 1000 relations (got {all})");
        });

        await Step("getAccount", async () =>
        {
            var account = await client.Accounts.GetAsync("acc_1");
            Check(account is LinkedInAccount { Name: "Anna - Sales" }, $"getAccount -> LinkedInAccount (got {account.GetType().Name})");
            if (sandbox is not null)
            {
                sandbox.Respond("getAccount").WithVariant("MAIL");
                var mail = await client.Accounts.GetAsync("acc_1");
                Check(mail is MailAccount, $"getAccount MAIL variant -> MailAccount (got {mail.GetType().Name})");
                sandbox.Respond("getAccount").Reset();
            }
        });

        await Step("performLinkedInUserAction", async () =>
        {
            var result = await client.LinkedIn.PerformUserActionAsync("AEMAAB1",
                LinkedInUserAction.AddCandidateToPipeline("acc_1", "proj_1", RecruiterPipelineStage.Contacted));
            Check(result.Success, "performLinkedInUserAction -> success");
        });

        await Step("typed error", async () =>
        {
            using var wrongKey = new PostPressClient(new PostPressClientOptions("pp_wrong") { BaseUri = new Uri(baseUrl), MaxRetries = 0 });
            try
            {
                await wrongKey.Accounts.GetAsync("acc_1");
                Check(false, "a wrong key -> PostPressAuthenticationException (no exception)");
            }
            catch (PostPressAuthenticationException e)
            {
                Check(e.ErrorType == ErrorType.InvalidCredentials, $"a wrong key -> PostPressAuthenticationException errors/invalid_credentials (got {e.ErrorType})");
            }
        });
    }

    private async Task AdditionalProperties(PostPressClient client, PostPressSandbox? sandbox)
    {
        await Step("untyped values (AdditionalProperties) without reflection", async () =>
        {
            // JSON tokens and scalars in AdditionalProperties are written by the SDK without Json.NET's reflection.
            var action = LinkedInUserAction.AddCandidateToPipeline("acc_1", "proj_1", RecruiterPipelineStage.Contacted);
            var meta = new Newtonsoft.Json.Linq.JObject { ["tags"] = new Newtonsoft.Json.Linq.JArray("a", "b"), ["n"] = 2 };
            action.AdditionalProperties["x_meta"] = meta;
            action.AdditionalProperties["x_flag"] = true;
            sandbox?.ClearRequests();
            var result = await client.LinkedIn.PerformUserActionAsync("AEMAAB1", action);
            Check(result.Success, "performLinkedInUserAction with a JObject and a boolean in AdditionalProperties -> success");
            if (sandbox is not null)
            {
                var sent = sandbox.Requests.Count > 0 ? sandbox.Requests[^1].Body ?? string.Empty : string.Empty;
                Check(sent.Contains("\"x_meta\":{\"tags\":[\"a\",\"b\"],\"n\":2}", StringComparison.Ordinal) && sent.Contains("\"x_flag\":true", StringComparison.Ordinal),
                    $"the request body carries the extra fields as JSON (got {Excerpt(sent)})");
            }

            var back = PostPressJson.Deserialize<LinkedInUserActionRequest>(PostPressJson.Serialize(action));
            Check(back is RecruiterPipelineActionRequest && back.AdditionalProperties.TryGetValue("x_meta", out var read) && read is Newtonsoft.Json.Linq.JObject o && Newtonsoft.Json.Linq.JToken.DeepEquals(o, meta),
                "PostPressJson round trip keeps the JObject in AdditionalProperties");

            // A CLR object of the app's own needs Json.NET's reflection: refused with a NotSupportedException that says what to do.
            action.AdditionalProperties["x_note"] = new AppNote("hello");
            try
            {
                await client.LinkedIn.PerformUserActionAsync("AEMAAB1", action);
                Check(false, "a CLR object in AdditionalProperties -> NotSupportedException (no exception)");
            }
            catch (NotSupportedException e)
            {
                Check(e.Message.Contains("JToken", StringComparison.Ordinal), $"a CLR object in AdditionalProperties -> NotSupportedException naming JToken (got {e.Message})");
            }
        });
    }
}

/// <summary>A CLR type of the app's own (not an SDK type): writing it needs Json.NET's reflection.</summary>
internal sealed record AppNote(string Text);
