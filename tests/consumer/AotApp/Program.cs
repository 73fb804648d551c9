// Calls every operation of the API through the packed SDK, in a Native AOT app (PublishAot), against the PostPress
// sandbox: in-process (PostPress.Testing, on loopback), or an external one: AotApp --base-url <url> --api-key <key>.
// Then round-trips a model through System.Text.Json with a source-generated context (a Native AOT app has no
// reflection-based System.Text.Json) and compares it with the wire JSON (PostPressJson). Prints "aot: OK" when every
// check passed. The operations are tests/consumer/Shared/ConsumerChecks.cs, shared with TrimmedApp.
using System.Text.Json;
using System.Text.Json.Serialization;
using PostPress;
using PostPress.Models;

return await ConsumerChecks.RunAsync(args, "aot", detailedErrors: true, appSteps: static (checks, client) =>
    checks.Step("System.Text.Json round trip (source-generated context)", async () =>
    {
        var account = await client.Accounts.GetAsync("acc_1");
        var wire = PostPressJson.Serialize(account);
        var json = JsonSerializer.Serialize(account, AotJsonContext.Default.Account);
        checks.Check(json == wire, $"System.Text.Json writes the wire JSON of a LinkedInAccount (got {ConsumerChecks.Excerpt(json)}, wire {ConsumerChecks.Excerpt(wire)})");
        var back = JsonSerializer.Deserialize(json, AotJsonContext.Default.Account);
        checks.Check(back is LinkedInAccount { Name: "Anna - Sales" }, $"System.Text.Json reads it back as a LinkedInAccount (got {back?.GetType().Name ?? "null"})");
        checks.Check(back is not null && PostPressJson.Serialize(back) == wire, "the model read back writes the same wire JSON");
    }));

/// <summary>The app's System.Text.Json metadata, generated at build time (no reflection at run time).</summary>
[JsonSerializable(typeof(Account))]
internal sealed partial class AotJsonContext : JsonSerializerContext;
