using System;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using PostPress.Testing;
using Xunit;

namespace PostPress.Evolution.Tests;

/// <summary>
/// The model Schedule (tests/evolution/schemas.yaml): one property of each string and number format plus their optional
/// nullable forms, sent and received through PATCH /schedules/{schedule_id} against the sandbox (generated from the same
/// spec copy, so it validates every format of the request body): exact round trip, explicit null on the wire.
/// </summary>
public sealed class FormatsAndExplicitNullTests : IAsyncLifetime
{
    /// <summary>Every format in its canonical wire form, the optional nullable ones as explicit nulls or left out.</summary>
    private const string Canonical =
        "{\"id\":\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\",\"starts_at\":\"2026-04-12T09:14:21.123Z\",\"day\":\"2026-04-12\",\"at\":\"09:14:21.5\","
        + "\"every\":\"P1DT2H3M4.5S\",\"link\":\"https://example.com/a?b=c\",\"checksum\":\"UG9zdFByZXNz\",\"count\":2147483647,\"total\":9223372036854775807,"
        + "\"ratio\":0.1,\"share\":0.30000000000000004,\"note\":null,\"other_ids\":[\"00000000-0000-4000-8000-000000000001\"],"
        + "\"maybe_id\":null,\"maybe_day\":\"2024-02-29\",\"maybe_at\":null,\"maybe_every\":\"PT0S\",\"maybe_link\":\"urn:isbn:0451450523\",\"maybe_checksum\":null,"
        + "\"maybe_ratio\":-1.5E-05}";

    private PostPressSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await PostPressSandbox.StartAsync();

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task Each_format_round_trips_exactly_through_the_client_and_the_sandbox()
    {
        _sandbox.Respond("updateSchedule").WithBody(Canonical);
        using var client = _sandbox.CreateClient();
        var sent = PostPressJson.Deserialize<Schedule>(Canonical)!;

        var received = await client.Chats.UpdateScheduleAsync("s1", sent);

        // The request body is the canonical text (the sandbox validated it against the schema, formats included).
        var request = _sandbox.Requests.Last(r => r.OperationId == "updateSchedule");
        Assert.Equal(200, request.ResponseStatus);
        Assert.Equal(Canonical, request.Body);

        // The response, read and written again, is the same text: explicit nulls stay, absent members stay absent.
        Assert.Equal(Canonical, PostPressJson.Serialize(received));
        Assert.Equal(new Guid("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), received.Id);
        Assert.Equal(new DateTime(2026, 4, 12), received.Day);
        Assert.Equal(new TimeSpan(0, 9, 14, 21, 500), received.At);
        Assert.Equal(new TimeSpan(1, 2, 3, 4, 500), received.Every);
        Assert.Equal("https://example.com/a?b=c", received.Link.OriginalString);
        Assert.Equal("PostPress", System.Text.Encoding.ASCII.GetString(received.Checksum));
        Assert.Equal(0.1f, received.Ratio);
        Assert.Equal("urn:isbn:0451450523", received.MaybeLink!.OriginalString);
        Assert.Null(received.Note);
        Assert.Null(received.MaybeStartsAt);
    }

    [Fact]
    public async Task An_optional_nullable_field_set_to_null_is_sent_as_null_and_an_untouched_one_is_left_out()
    {
        using var client = _sandbox.CreateClient();
        var update = PostPressModelFactory.Schedule(
            id: Guid.Parse("3F2504E0-4F89-11D3-9A0C-0305E82C3301"),
            startsAt: new DateTimeOffset(2026, 4, 12, 11, 14, 21, TimeSpan.FromHours(2)),
            day: new DateTime(2026, 4, 12),
            at: new TimeSpan(9, 0, 0),
            every: TimeSpan.FromMinutes(90),
            link: new Uri("https://example.com/x"),
            checksum: new byte[] { 1, 2, 3 },
            count: 1,
            total: 2,
            ratio: 1f,
            share: 2.5,
            maybeCount: 7);
        update.Note = null;           // clear it
        update.MaybeId = null;        // clear it too
        update.MaybeEvery = null;
        update.MaybeEvery = TimeSpan.FromSeconds(1); // last assignment wins

        await client.Chats.UpdateScheduleAsync("s1", update);

        var body = _sandbox.Requests.Last(r => r.OperationId == "updateSchedule").Body!;
        Assert.Equal(
            "{\"id\":\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\",\"starts_at\":\"2026-04-12T09:14:21.000Z\",\"day\":\"2026-04-12\",\"at\":\"09:00:00\",\"every\":\"PT1H30M\","
            + "\"link\":\"https://example.com/x\",\"checksum\":\"AQID\",\"count\":1,\"total\":2,\"ratio\":1.0,\"share\":2.5,\"note\":null,\"maybe_id\":null,"
            + "\"maybe_every\":\"PT1S\",\"maybe_count\":7}",
            body);
        var json = JObject.Parse(body);
        Assert.Equal(JTokenType.Null, json["note"]!.Type);
        Assert.False(json.ContainsKey("maybe_day"));
        Assert.False(json.ContainsKey("maybe_link"));
    }

    [Fact]
    public async Task Parameters_of_each_format_are_typed_and_sent_in_their_wire_form()
    {
        using var client = _sandbox.CreateClient();

        await client.Chats.UpdateScheduleAsync(
            "s1",
            PostPressJson.Deserialize<Schedule>(Canonical)!,
            asOf: new DateTime(2026, 4, 12),
            requestId: Guid.Parse("3F2504E0-4F89-11D3-9A0C-0305E82C3301"),
            grace: TimeSpan.FromMinutes(90),
            callback: new Uri("https://example.com/hook?a=b&c=d"));

        var request = _sandbox.Requests.Last(r => r.OperationId == "updateSchedule");
        Assert.Equal(200, request.ResponseStatus); // the sandbox validated each parameter's format
        Assert.Equal("2026-04-12", request.Query["as_of"].Single());
        Assert.Equal("3f2504e0-4f89-11d3-9a0c-0305e82c3301", request.Query["request_id"].Single());
        Assert.Equal("PT1H30M", request.Query["grace"].Single());
        Assert.Equal("https://example.com/hook?a=b&c=d", request.Query["callback"].Single()); // escaped on the wire, one value
    }

    [Fact]
    public void System_text_json_reads_and_writes_the_same_text()
    {
        var schedule = System.Text.Json.JsonSerializer.Deserialize<Schedule>(Canonical)!;

        Assert.Equal(Canonical, System.Text.Json.JsonSerializer.Serialize(schedule));
        Assert.Equal(Canonical, PostPressJson.Serialize(schedule));
    }

    [Fact]
    public async Task The_sandboxs_generated_response_is_read_in_every_format()
    {
        using var client = _sandbox.CreateClient();
        var sent = PostPressJson.Deserialize<Schedule>(Canonical)!;

        var received = await client.Chats.UpdateScheduleAsync("s1", sent);

        // The example the sandbox builds from the schema is valid for each format and reads back to the same text.
        var response = PostPressJson.Serialize(received);
        Assert.Equal(received.Id, PostPressJson.Deserialize<Schedule>(response)!.Id);
        Assert.Equal(response, PostPressJson.Serialize(PostPressJson.Deserialize<Schedule>(response)));
    }

    [Theory]
    [InlineData("day", "\"2026-13-01\"")]
    [InlineData("at", "\"25:00:00\"")]
    [InlineData("every", "\"P1Y\"")]
    [InlineData("id", "\"not-a-uuid\"")]
    [InlineData("checksum", "\"%%%\"")]
    [InlineData("ratio", "1e39")]
    [InlineData("maybe_day", "\"2026-04-12T00:00:00Z\"")]
    public async Task A_response_with_a_bad_format_is_a_serialization_error(string field, string value)
    {
        var bad = JObject.Parse(Canonical);
        bad[field] = JToken.Parse(value);
        _sandbox.Respond("updateSchedule").WithBody(bad.ToString(Newtonsoft.Json.Formatting.None));
        using var client = _sandbox.CreateClient();

        var ex = await Assert.ThrowsAsync<PostPressSerializationException>(() => client.Chats.UpdateScheduleAsync("s1", PostPressJson.Deserialize<Schedule>(Canonical)!));
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_time_of_day_outside_the_day_is_an_argument_error_before_sending()
    {
        using var client = _sandbox.CreateClient();
        var update = PostPressJson.Deserialize<Schedule>(Canonical)!;
        update.At = TimeSpan.FromHours(25);
        _sandbox.ClearRequests();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.Chats.UpdateScheduleAsync("s1", update));
        Assert.Contains("time of day", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_sandbox.Requests);
    }

    [Fact]
    public async Task A_relative_uri_is_kept_by_the_sdk_and_refused_by_the_sandbox_where_the_schema_wants_an_absolute_one()
    {
        using var client = _sandbox.CreateClient();
        var update = PostPressJson.Deserialize<Schedule>(Canonical)!;
        update.Link = new Uri("/relative?x=1", UriKind.Relative);
        Assert.Contains("\"link\":\"/relative?x=1\"", PostPressJson.Serialize(update), StringComparison.Ordinal);

        var ex = await Assert.ThrowsAsync<BadRequestException>(() => client.Chats.UpdateScheduleAsync("s1", update));
        Assert.Equal(400, ex.StatusCode);
    }
}
