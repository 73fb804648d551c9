using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PostPress.Models;
using Xunit;

namespace PostPress.Testing.Tests;

/// <summary>
/// <see cref="SandboxResponseBuilder.WithDrift(SandboxDrift)"/> end to end: the sandbox serves a drifted, otherwise
/// valid answer, and the client's <see cref="PostPressClientOptions.ResponseValidation"/> reports it (Report), refuses
/// it (Strict) or ignores it (Off).
/// </summary>
public sealed class DriftTests : IClassFixture<SandboxFixture>
{
    private readonly PostPressSandbox _sandbox;
    private readonly LineLoggerFactory _logs = new();

    public DriftTests(SandboxFixture fixture)
    {
        _sandbox = fixture.Sandbox;
        _sandbox.Reset();
    }

    private PostPressClient Client(PostPressResponseValidation mode) => _sandbox.CreateClient(o =>
    {
        o.ResponseValidation = mode;
        o.LoggerFactory = _logs;
    });

    private List<string> DriftLines() => _logs.Lines.Where(l => l.Contains("PostPressSchemaDrift", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task An_extra_field_is_kept_and_reported_once_or_refused_when_strict()
    {
        _sandbox.Respond(SandboxOperations.GetAccount).WithDrift(extraField: true);

        using (var client = Client(PostPressResponseValidation.Report))
        {
            var account = await client.Accounts.GetAsync("acc_1");
            await client.Accounts.GetAsync("acc_1");
            Assert.True(account.AdditionalProperties.ContainsKey(SandboxResponseBuilder.DriftFieldName));
        }

        var line = Assert.Single(DriftLines());
        Assert.Contains("unknown_field", line, StringComparison.Ordinal);
        Assert.Contains("." + SandboxResponseBuilder.DriftFieldName, line, StringComparison.Ordinal);

        using var strict = Client(PostPressResponseValidation.Strict);
        var ex = await Assert.ThrowsAsync<PostPressSerializationException>(() => strict.Accounts.GetAsync("acc_1"));
        Assert.Contains("unknown field '" + SandboxResponseBuilder.DriftFieldName + "'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_enum_value_is_read_as_an_unknown_value_and_reported()
    {
        _sandbox.Respond(SandboxOperations.GetAccount).WithDrift(unknownEnumValue: true);

        using (var off = Client(PostPressResponseValidation.Off))
        {
            await off.Accounts.GetAsync("acc_1");
        }

        Assert.Empty(DriftLines());

        using var client = Client(PostPressResponseValidation.Report);
        var account = await client.Accounts.GetAsync("acc_1");

        Assert.IsNotType<UnknownAccount>(account);
        var line = Assert.Single(DriftLines());
        Assert.Contains("unknown_enum_value", line, StringComparison.Ordinal);
        Assert.DoesNotContain(SandboxResponseBuilder.DriftEnumValue, line, StringComparison.Ordinal); // a value, never logged

        using var strict = Client(PostPressResponseValidation.Strict);
        var ex = await Assert.ThrowsAsync<PostPressSerializationException>(() => strict.Accounts.GetAsync("acc_1"));
        Assert.Contains("unknown enum value in field", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_variant_is_read_as_the_unknown_variant_and_reported()
    {
        _sandbox.Respond(SandboxOperations.GetAccount).WithDrift(unknownVariant: true);

        using var client = Client(PostPressResponseValidation.Report);
        var account = await client.Accounts.GetAsync("acc_1");

        Assert.IsType<UnknownAccount>(account);
        Assert.Equal(SandboxResponseBuilder.DriftVariantValue, account.Type.Value);
        var line = Assert.Single(DriftLines());
        Assert.Contains("unknown_variant", line, StringComparison.Ordinal);
        Assert.Contains("Model=Account;", line, StringComparison.Ordinal);

        using var strict = Client(PostPressResponseValidation.Strict);
        var ex = await Assert.ThrowsAsync<PostPressSerializationException>(() => strict.Accounts.GetAsync("acc_1"));
        Assert.Contains("unknown union variant (discriminator 'type') in Account at $.type", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_drifted_body_on_the_wire_differs_only_where_asked_and_Reset_turns_it_off()
    {
        using var http = _sandbox.CreateHttpClient();
        var clean = JsonNode.Parse(await http.GetStringAsync(_sandbox.BaseUri.AbsoluteUri.TrimEnd('/') + "/accounts/acc_1"))!.AsObject();

        _sandbox.Respond(SandboxOperations.GetAccount).WithDrift(SandboxDrift.ExtraField);
        var drifted = JsonNode.Parse(await http.GetStringAsync(_sandbox.BaseUri.AbsoluteUri.TrimEnd('/') + "/accounts/acc_1"))!.AsObject();

        Assert.Equal("added by the sandbox", (string?)drifted[SandboxResponseBuilder.DriftFieldName]);
        drifted.Remove(SandboxResponseBuilder.DriftFieldName);
        Assert.True(JsonNode.DeepEquals(clean, drifted));

        _sandbox.Respond(SandboxOperations.GetAccount).Reset();
        var again = JsonNode.Parse(await http.GetStringAsync(_sandbox.BaseUri.AbsoluteUri.TrimEnd('/') + "/accounts/acc_1"))!.AsObject();
        Assert.True(JsonNode.DeepEquals(clean, again));
    }

    [Fact]
    public async Task Every_page_of_a_list_drifts()
    {
        _sandbox.Respond(SandboxOperations.ListRelations).WithDrift(extraField: true);
        using var client = Client(PostPressResponseValidation.Strict);

        var ex = await Assert.ThrowsAsync<PostPressSerializationException>(() => client.Users.ListRelationsAsync("acc_1", limit: 5));
        Assert.Contains(SandboxResponseBuilder.DriftFieldName, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strict_accepts_every_documented_answer_of_every_operation_and_variant()
    {
        // No false positives: the answers the spec documents (examples, or generated from the schemas) never drift.
        using var client = Client(PostPressResponseValidation.Strict);
        foreach (var variant in _sandbox.Operations.Single(o => o.OperationId == SandboxOperations.GetAccount).Variants)
        {
            _sandbox.Respond(SandboxOperations.GetAccount).Reset().WithVariant(variant);
            Assert.IsNotType<UnknownAccount>(await client.Accounts.GetAsync("acc_1"));
        }

        foreach (var variant in _sandbox.Operations.Single(o => o.OperationId == SandboxOperations.GetOwnProfile).Variants)
        {
            _sandbox.Respond(SandboxOperations.GetOwnProfile).Reset().WithVariant(variant);
            await client.Users.GetMeAsync("acc_1");
        }

        foreach (var variant in _sandbox.Operations.Single(o => o.OperationId == SandboxOperations.GetUserProfile).Variants)
        {
            _sandbox.Respond(SandboxOperations.GetUserProfile).Reset().WithVariant(variant);
            await client.Users.GetProfileAsync("someone", "acc_1");
        }

        var page = await client.Users.ListRelationsAsync("acc_1", limit: 50);
        Assert.NotEmpty(page.Items);
        var result = await client.LinkedIn.PerformUserActionAsync("AEMAAB1",
            LinkedInUserAction.AddCandidateToPipeline("acc_1", "proj_1", RecruiterPipelineStage.Contacted));
        Assert.True(result.Success);
        Assert.Empty(DriftLines());
    }

    [Fact]
    public async Task An_unknown_value_in_a_list_of_enums_is_reported_at_its_index()
    {
        _sandbox.Respond(SandboxOperations.GetAccount).WithVariant(AccountVariants.LinkedIn);
        using var http = _sandbox.CreateHttpClient();
        var body = JsonNode.Parse(await http.GetStringAsync(_sandbox.BaseUri.AbsoluteUri.TrimEnd('/') + "/accounts/acc_1"))!.AsObject();
        var im = body["connection_params"]!["im"]!.AsObject();
        var known = LinkedInPremiumFeature.KnownValues[0].Value;
        im["premiumFeatures"] = new JsonArray(known, "NEW_FEATURE_X");
        _sandbox.Respond(SandboxOperations.GetAccount).Reset().WithBody(body.ToJsonString());

        using var strict = Client(PostPressResponseValidation.Strict);
        var ex = await Assert.ThrowsAsync<PostPressSerializationException>(() => strict.Accounts.GetAsync("acc_1"));
        Assert.Contains("unknown enum value in field 'premiumFeatures' in LinkedInAccountIdentity at $.connection_params.im.premiumFeatures[1].", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("NEW_FEATURE_X", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Undefined_flags_and_an_operation_without_a_place_for_the_drift_are_refused()
    {
        Assert.Throws<ArgumentException>(() => _sandbox.Respond(SandboxOperations.GetAccount).WithDrift((SandboxDrift)64));
        Assert.Throws<ArgumentException>(() => _sandbox.Respond(SandboxOperations.PerformLinkedInUserAction).WithDrift(SandboxDrift.UnknownVariant));
    }

    /// <summary>A logger factory that keeps each line as "EventName message [structured state]".</summary>
    private sealed class LineLoggerFactory : ILoggerFactory, ILogger
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return _lines.ToList();
                }
            }
        }

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => this;

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> kv ? string.Join(";", kv.Select(p => p.Key + "=" + p.Value)) + ";" : string.Empty;
            lock (_lines)
            {
                _lines.Add(eventId.Name + " " + formatter(state, exception) + " [" + structured + "]");
            }
        }
    }
}
