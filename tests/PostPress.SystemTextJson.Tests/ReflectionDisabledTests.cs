using System;
using System.Collections.Generic;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using PostPress;
using Xunit;

namespace PostPress.SystemTextJson.Tests;

/// <summary>
/// With reflection-based System.Text.Json disabled for the process, the models still read and write the wire format
/// (the JSON <see cref="PostPressJson"/> writes) through a source-generated context naming only the top-level types:
/// the variants, their enums, lists and nested models are handled by the generated converters, reflection-free.
/// </summary>
public sealed class ReflectionDisabledTests
{
    /// <summary>A MOBILE account as PostPressJson writes it (base members first, the discriminator first).</summary>
    private const string Wire =
        "{\"type\":\"MOBILE\",\"object\":\"Account\",\"id\":\"acc_1\",\"name\":\"Phone\",\"created_at\":\"2026-04-12T09:14:21.123Z\","
        + "\"current_signature\":\"sig\",\"signatures\":[{\"title\":\"t\",\"content\":\"c\"}],\"groups\":[\"g\"],"
        + "\"sources\":[{\"id\":\"src_1\",\"status\":\"OK\"}],\"connection_params\":{\"im\":{\"phone_number\":\"+33600000000\","
        + "\"sim_serial_number\":\"89330\"},\"call\":{\"phone_number\":\"+33600000000\",\"sim_serial_number\":\"89330\","
        + "\"last_fetched_at\":\"2026-04-12T09:14:21.123Z\"}}}";

    private static readonly JsonSerializerOptions Relaxed = new(ModelsContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void Reflection_based_serialization_is_off_in_this_process()
    {
        Assert.False(JsonSerializer.IsReflectionEnabledByDefault);

        // What an app without a context gets: System.Text.Json's own refusal, before any PostPress code runs.
        var account = PostPressJson.Deserialize<Account>(Wire)!;
        Assert.ThrowsAny<InvalidOperationException>(() => JsonSerializer.Serialize(account));
    }

    [Fact]
    public void A_context_naming_only_Account_reads_and_writes_the_wire_format()
    {
        var account = JsonSerializer.Deserialize(Wire, ModelsContext.Default.Account)!;
        string written = JsonSerializer.Serialize(account, ModelsContext.Default.Account);

        var mobile = Assert.IsType<MobileAccount>(account);
        Assert.Equal("src_1", Assert.Single(mobile.Sources).Id);
        Assert.Equal(new DateTimeOffset(2026, 4, 12, 9, 14, 21, 123, TimeSpan.Zero), mobile.CreatedAt);
        // The same JSON; the default encoder escapes '+' (HTML-sensitive), Json.NET does not.
        Assert.Equal(Wire.Replace("+", "\\u002B", StringComparison.Ordinal), written);
        Assert.Equal(Wire, JsonSerializer.Serialize(account, typeof(Account), Relaxed));
        Assert.Equal(Wire, PostPressJson.Serialize(account));
    }

    [Fact]
    public void Options_resolving_from_the_context_write_byte_for_byte_what_PostPressJson_writes()
    {
        var account = PostPressJson.Deserialize<Account>(Wire)!;
        account.AdditionalProperties["zz_new"] = new Newtonsoft.Json.Linq.JObject { ["at"] = "2026-04-12T09:14:21+02:00", ["n"] = 1.0 };

        Assert.Equal(PostPressJson.Serialize(account), JsonSerializer.Serialize(account, typeof(Account), Relaxed));
    }

    [Fact]
    public void Unknown_variants_and_extensible_enums_round_trip()
    {
        const string unknown = "{\"type\":\"MASTODON\",\"id\":\"acc_2\",\"brand_new\":{\"since\":\"2026-04-12T09:14:21.000Z\",\"n\":[1,2.5,null]}}";

        var account = JsonSerializer.Deserialize(unknown, ModelsContext.Default.Account)!;

        Assert.IsType<UnknownAccount>(account);
        Assert.Equal(unknown, JsonSerializer.Serialize(account, ModelsContext.Default.Account));
        Assert.Equal("\"MASTODON\"", JsonSerializer.Serialize(new AccountType("MASTODON"), ModelsContext.Default.AccountType));
        Assert.Equal(new AccountType("MASTODON"), JsonSerializer.Deserialize("\"MASTODON\"", ModelsContext.Default.AccountType));
        Assert.Equal("[" + unknown + ",null]", JsonSerializer.Serialize(new List<Account> { account, null! }, ModelsContext.Default.ListAccount));
    }

    [Fact]
    public void Json_that_is_not_a_valid_model_is_a_json_exception_naming_the_type()
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("{\"type\":\"MOBILE\",\"id\":\"acc_1\"}", ModelsContext.Default.Account));

        Assert.Contains("Account", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not found", ex.Message, StringComparison.Ordinal);
    }
}

/// <summary>The app's context: the top-level types only.</summary>
[JsonSerializable(typeof(Account))]
[JsonSerializable(typeof(AccountType))]
[JsonSerializable(typeof(List<Account>))]
internal sealed partial class ModelsContext : JsonSerializerContext
{
}
