// Calls every operation of the API through the packed SDK, in a PublishTrimmed app, against the PostPress sandbox:
// in-process (PostPress.Testing), or an external one: TrimmedApp --base-url <url> --api-key <key>
// (e.g. `dotnet run --project samples/PostPress.Quickstart -- --serve`). Prints "trimmed: OK" when every check passed.
using PostPress;
using PostPress.Models;
using PostPress.Testing;

var failures = new List<string>();
void Check(bool ok, string what)
{
    Console.WriteLine((ok ? "  ok    " : "  FAIL  ") + what);
    if (!ok)
    {
        failures.Add(what);
    }
}

async Task Step(string name, Func<Task> body)
{
    try
    {
        await body();
    }
    catch (Exception e)
    {
        Check(false, $"{name}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
    }
}

var baseUrl = args.SkipWhile(a => a != "--base-url").Skip(1).FirstOrDefault();
var apiKey = args.SkipWhile(a => a != "--api-key").Skip(1).FirstOrDefault();
PostPressSandbox? sandbox = null;
if (baseUrl is null)
{
    await Step("start the in-process sandbox", async () => sandbox = await PostPressSandbox.StartAsync(new PostPressSandboxOptions { Relations = 1_000 }));
    if (sandbox is null)
    {
        Console.WriteLine("trimmed: FAILED (the sandbox did not start)");
        return 1;
    }

    baseUrl = sandbox.BaseUri.AbsoluteUri;
    apiKey = sandbox.ApiKey;
    Console.WriteLine($"trimmed: in-process sandbox at {baseUrl}");
}
else
{
    Console.WriteLine($"trimmed: external sandbox at {baseUrl}");
}

using var client = new PostPressClient(new PostPressClientOptions(apiKey!) { BaseUri = new Uri(baseUrl), MaxRetries = 0 });

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

static string Excerpt(string json) => json.Length <= 120 ? json : json[..120] + "...";

if (sandbox is not null)
{
    await sandbox.DisposeAsync();
}

Console.WriteLine(failures.Count == 0 ? "trimmed: OK" : $"trimmed: FAILED ({failures.Count} check(s))");
return failures.Count == 0 ? 0 : 1;

/// <summary>A CLR type of the app's own (not an SDK type): writing it needs Json.NET's reflection.</summary>
internal sealed record AppNote(string Text);
