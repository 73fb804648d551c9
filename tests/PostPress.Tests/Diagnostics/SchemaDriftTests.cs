using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using PostPress.Models;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Diagnostics;

/// <summary>
/// <see cref="PostPressClientOptions.ResponseValidation"/>: unknown fields (extension data), unknown values of
/// extensible enums and unknown union variants in a 2xx body are ignored (Off), logged once per model and field and
/// counted (Report) or refused (Strict). Field names from the server are neutralized; values are never logged. The
/// counter listener is process-wide, so this runs in the non-parallel collection and keeps only its own fields.
/// </summary>
[Collection(NonParallelCollection.Name)]
public sealed class SchemaDriftTests : IDisposable
{
    private const string Secret = "VALUE_NEVER_LOGGED_91f2";
    private readonly MockApi _api = new();
    private readonly string _id = "acc_drift_" + Guid.NewGuid().ToString("N");

    public void Dispose() => _api.Dispose();

    private static JObject Account(string id) => JObject.Parse(Bodies.Account(id));

    private void Serve(JObject body) => _api.Reply(_api.Get("/accounts/" + _id), 200, body.ToString(Newtonsoft.Json.Formatting.None));

    private List<string> DriftLines() => _api.Logs.Lines.Where(l => l.Contains("Schema drift", StringComparison.Ordinal)).ToList();

    private PostPressClient Client(PostPressResponseValidation mode) => _api.Client(o => o.ResponseValidation = mode);

    [Fact]
    public void Report_is_the_default_and_an_undefined_mode_is_refused()
    {
        Assert.Equal(PostPressResponseValidation.Report, new PostPressClientOptions().ResponseValidation);
        var options = _api.Options(o => o.ResponseValidation = (PostPressResponseValidation)42);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new PostPressClient(options));
        Assert.Equal(nameof(PostPressClientOptions.ResponseValidation), ex.ParamName);
    }

    [Fact]
    public async Task Off_keeps_the_data_and_reports_nothing()
    {
        var body = Account(_id);
        body["brand_new"] = Secret;
        body["sources"]![0]!["status"] = "NEW_STATUS";
        Serve(body);
        using var client = Client(PostPressResponseValidation.Off);

        var account = await client.Accounts.GetAsync(_id);

        Assert.Equal(Secret, account.AdditionalProperties["brand_new"]?.ToString());
        Assert.False(account.Sources!.Single().Status.IsKnown);
        Assert.Empty(DriftLines());
    }

    [Fact]
    public async Task Report_logs_an_unknown_top_level_field_with_model_path_and_kind_but_not_its_value()
    {
        var body = Account(_id);
        body["brand_new"] = Secret;
        Serve(body);
        using var client = Client(PostPressResponseValidation.Report);

        var account = await client.Accounts.GetAsync(_id);

        Assert.Equal(Secret, account.AdditionalProperties["brand_new"]?.ToString()); // kept
        var line = Assert.Single(DriftLines());
        Assert.StartsWith("Warning PostPress.Client ", line, StringComparison.Ordinal);
        Assert.Contains("DriftKind=unknown_field", line, StringComparison.Ordinal);
        Assert.Contains("Model=TelegramAccount", line, StringComparison.Ordinal);
        Assert.Contains("Field=brand_new", line, StringComparison.Ordinal);
        Assert.Contains("JsonPath=$.brand_new", line, StringComparison.Ordinal);
        Assert.Contains("OperationId=getAccount", line, StringComparison.Ordinal);
        Assert.DoesNotContain(_api.Logs.Lines, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Report_finds_nested_fields_and_unknown_enum_values_in_list_items()
    {
        var body = Account(_id);
        body["sources"]![0]!["status"] = "NEW_STATUS_" + Secret;
        body["sources"]![0]!["quota"] = Secret;
        body["connection_params"]!["im"]!["nickname"] = Secret;
        Serve(body);
        using var client = Client(PostPressResponseValidation.Report);

        await client.Accounts.GetAsync(_id);

        var lines = DriftLines();
        Assert.Equal(3, lines.Count);
        Assert.Contains(lines, l => l.Contains("DriftKind=unknown_enum_value", StringComparison.Ordinal) && l.Contains("Model=AccountSource;", StringComparison.Ordinal) && l.Contains("Field=status", StringComparison.Ordinal) && l.Contains("JsonPath=$.sources[0].status", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("DriftKind=unknown_field", StringComparison.Ordinal) && l.Contains("Model=AccountSource;", StringComparison.Ordinal) && l.Contains("JsonPath=$.sources[0].quota", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("DriftKind=unknown_field", StringComparison.Ordinal) && l.Contains("JsonPath=$.connection_params.im.nickname", StringComparison.Ordinal));
        Assert.DoesNotContain(_api.Logs.Lines, l => l.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Report_reports_an_unknown_variant_once_not_its_fields_or_discriminator()
    {
        var body = Account(_id);
        body["type"] = "MASTODON";
        body["instance_url"] = Secret;
        Serve(body);
        using var client = Client(PostPressResponseValidation.Report);

        var account = await client.Accounts.GetAsync(_id);

        Assert.IsType<UnknownAccount>(account);
        var line = Assert.Single(DriftLines());
        Assert.Contains("DriftKind=unknown_variant", line, StringComparison.Ordinal);
        Assert.Contains("Model=Account;", line, StringComparison.Ordinal);
        Assert.Contains("Field=type", line, StringComparison.Ordinal);
        Assert.DoesNotContain("MASTODON", line, StringComparison.Ordinal); // the discriminator's value is a value
    }

    [Fact]
    public async Task Report_logs_once_per_model_and_field_across_calls()
    {
        var body = Account(_id);
        body["brand_new"] = "1";
        body["sources"]![0]!["brand_new"] = "2";
        Serve(body);
        using var client = Client(PostPressResponseValidation.Report);

        for (var i = 0; i < 3; i++)
        {
            await client.Accounts.GetAsync(_id);
        }

        var lines = DriftLines();
        Assert.Equal(2, lines.Count); // TelegramAccount.brand_new and AccountSource.brand_new, each once
        Assert.Single(lines, l => l.Contains("Model=TelegramAccount", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("Model=AccountSource", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Report_neutralizes_and_caps_a_field_name_from_the_server()
    {
        var name = "evil\nWarning forged line\u202E" + new string('x', 300);
        var body = Account(_id);
        body[name] = Secret;
        Serve(body);
        using var client = Client(PostPressResponseValidation.Report);

        await client.Accounts.GetAsync(_id);

        var line = Assert.Single(DriftLines());
        Assert.DoesNotContain("\n", line, StringComparison.Ordinal);
        Assert.DoesNotContain("\u202E", line, StringComparison.Ordinal);
        Assert.Contains("evil\\nWarning", line, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 100), line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_counts_every_drift_with_model_field_and_kind_tags_and_bounds_the_remembered_fields()
    {
        var marker = "f" + Guid.NewGuid().ToString("N")[..8];
        var points = new List<(long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PostPressDiagnostics.MeterName && instrument.Name == "postpress.client.schema_drift")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var map = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                map[tag.Key] = tag.Value;
            }

            lock (points)
            {
                points.Add((value, map));
            }
        });
        listener.Start();

        var body = Account(_id);
        body[marker] = Secret;
        Serve(body);
        using (var client = Client(PostPressResponseValidation.Report))
        {
            await client.Accounts.GetAsync(_id);
            await client.Accounts.GetAsync(_id);
        }

        List<(long Value, Dictionary<string, object?> Tags)> mine;
        lock (points)
        {
            mine = points.Where(p => Equals(p.Tags.GetValueOrDefault("postpress.field"), marker)).ToList();
        }

        Assert.Equal(2, mine.Count); // counted per occurrence, logged once
        Assert.All(mine, p =>
        {
            Assert.Equal(1, p.Value);
            Assert.Equal(new[] { "postpress.drift.kind", "postpress.field", "postpress.model" }, p.Tags.Keys.Order(StringComparer.Ordinal));
            Assert.Equal("TelegramAccount", p.Tags["postpress.model"]);
            Assert.Equal("unknown_field", p.Tags["postpress.drift.kind"]);
        });
        Assert.Single(DriftLines());

        // Past the cap of remembered (kind, model, field) entries, new fields are counted as "(other)" and not logged.
        var many = Account(_id);
        for (var i = 0; i < SchemaDriftDetector.MaxRemembered + 5; i++)
        {
            many[marker + "_" + i] = i;
        }

        _api.Server.Reset();
        Serve(many);
        using (var client = Client(PostPressResponseValidation.Report))
        {
            await client.Accounts.GetAsync(_id);
        }

        lock (points)
        {
            Assert.Equal(5, points.Count(p => Equals(p.Tags.GetValueOrDefault("postpress.field"), SchemaDriftDetector.OtherField) && Equals(p.Tags.GetValueOrDefault("postpress.model"), "TelegramAccount")));
        }

        Assert.Equal(1 + SchemaDriftDetector.MaxRemembered, DriftLines().Count);
    }

    [Theory]
    [InlineData("field", "unknown field 'brand_new' in TelegramAccount at $.brand_new")]
    [InlineData("nested", "unknown field 'quota' in AccountSource at $.sources[0].quota")]
    [InlineData("enum", "unknown enum value in field 'status' in AccountSource at $.sources[0].status")]
    [InlineData("variant", "unknown union variant (discriminator 'type') in Account at $.type")]
    public async Task Strict_throws_a_serialization_exception_naming_kind_model_and_path_but_no_value(string kind, string expected)
    {
        var body = Account(_id);
        switch (kind)
        {
            case "field":
                body["brand_new"] = Secret;
                break;
            case "nested":
                body["sources"]![0]!["quota"] = Secret;
                break;
            case "enum":
                body["sources"]![0]!["status"] = Secret;
                break;
            default:
                body["type"] = Secret;
                break;
        }

        Serve(body);
        using var client = Client(PostPressResponseValidation.Strict);

        var ex = await Assert.ThrowsAsync<PostPressSerializationException>(() => client.Accounts.GetAsync(_id));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("getAccount", ex.Message, StringComparison.Ordinal);
        Assert.Equal(200, ex.StatusCode);
        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strict_accepts_a_response_without_drift()
    {
        Serve(Account(_id));
        using var client = Client(PostPressResponseValidation.Strict);

        var account = await client.Accounts.GetAsync(_id);

        Assert.Equal(_id, account.Id);
        Assert.Empty(DriftLines());
    }
}
