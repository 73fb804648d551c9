using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Transport.Policies;

public sealed class CallLoggingPolicyTests
{
    [Theory]
    [MemberData(nameof(PolicyHarness.Modes), MemberType = typeof(PolicyHarness))]
    public async Task A_failed_call_logs_one_warning_with_server_text_neutralized_and_the_key_redacted(CallMode mode)
    {
        var logger = new ListLogger();
        var end = new ScriptedEnd().Respond(404, "{\"type\":\"errors/x\\r\\nFORGED 200 OK\",\"title\":\"T\",\"instance\":\"req\\u001b[31m " + PolicyHarness.Key + "\"}");
        using var message = PolicyHarness.Message();
        message.Attempt = 1;

        await Assert.ThrowsAsync<NotFoundException>(() => PolicyHarness.RunAsync(mode, message, new CallLoggingPolicy(logger), new ErrorMappingPolicy(TimeProvider.System), end).AsTask());

        var line = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains("failed with 404", line.Text);
        Assert.DoesNotContain('\r', line.Text);
        Assert.DoesNotContain('\n', line.Text);
        Assert.DoesNotContain('\u001b', line.Text);
        Assert.Contains("\\r\\nFORGED", line.Text);
        Assert.DoesNotContain(PolicyHarness.Key, line.Text);
    }

    [Theory]
    [MemberData(nameof(PolicyHarness.Modes), MemberType = typeof(PolicyHarness))]
    public async Task A_transport_failure_logs_one_warning_and_a_success_none(CallMode mode)
    {
        var logger = new ListLogger();
        using (var message = PolicyHarness.Message())
        {
            var end = new ScriptedEnd().Throw(new IOException("reset"));
            await Assert.ThrowsAsync<PostPressConnectionException>(() => PolicyHarness.RunAsync(mode, message, new CallLoggingPolicy(logger), new TransportErrorPolicy(), end).AsTask());
        }

        using (var message = PolicyHarness.Message())
        {
            await PolicyHarness.RunAsync(mode, message, new CallLoggingPolicy(logger), new ScriptedEnd().Respond(200));
        }

        var line = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains("failed with PostPress.PostPressConnectionException", line.Text);
    }
}

public sealed class AttemptLoggingPolicyTests
{
    [Theory]
    [MemberData(nameof(PolicyHarness.Modes), MemberType = typeof(PolicyHarness))]
    public async Task Each_attempt_is_one_information_line_with_a_neutralized_request_id(CallMode mode)
    {
        var logger = new ListLogger();
        var end = new ScriptedEnd().Respond(503, "{}", ("X-Request-Id", "abc\u0007\u202Edef " + PolicyHarness.Key));
        using var message = PolicyHarness.Message();
        message.Attempt = 2;

        await PolicyHarness.RunAsync(mode, message, new AttemptLoggingPolicy(logger), end);

        var line = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains("attempt 2 -> 503", line.Text);
        Assert.Contains("abc\\u0007\\u202Edef [REDACTED]", line.Text);
    }

    [Theory]
    [MemberData(nameof(PolicyHarness.Modes), MemberType = typeof(PolicyHarness))]
    public async Task A_failed_attempt_names_the_failure(CallMode mode)
    {
        var logger = new ListLogger();
        using var message = PolicyHarness.Message();
        message.Attempt = 1;
        await Assert.ThrowsAsync<IOException>(() => PolicyHarness.RunAsync(mode, message, new AttemptLoggingPolicy(logger), new ScriptedEnd().Throw(new IOException("x"))).AsTask());
        Assert.Contains("attempt 1 failed with IOException", Assert.Single(logger.Entries).Text);
    }
}

[Collection(NonParallelCollection.Name)]
public sealed class TelemetryPolicyTests
{
    [Theory]
    [MemberData(nameof(PolicyHarness.Modes), MemberType = typeof(PolicyHarness))]
    public async Task The_call_span_is_the_parent_of_the_attempt_spans_and_carries_the_outcome(CallMode mode)
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == PostPressDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) { spans.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        var baseUri = new Uri("https://api.example.test");
        var end = new ScriptedEnd().Respond(404, "{\"type\":\"errors/resource_not_found\",\"title\":\"x\",\"instance\":\"req\\n1\"}");
        using var message = PolicyHarness.Message();
        message.Attempt = 1;

        await Assert.ThrowsAsync<NotFoundException>(() => PolicyHarness.RunAsync(
            mode, message, new CallTelemetryPolicy(baseUri), new ErrorMappingPolicy(TimeProvider.System), new AttemptTelemetryPolicy(baseUri), end).AsTask());

        var mine = spans.Where(s => (string?)s.GetTagItem("postpress.operation.id") == "getAccount").ToList();
        var call = Assert.Single(mine, s => s.OperationName == "getAccount");
        var attempt = Assert.Single(mine, s => s.OperationName == "GET /accounts/{id}");
        Assert.Equal(call.SpanId, attempt.ParentSpanId);
        Assert.Equal("404", call.GetTagItem("error.type"));
        Assert.Equal("req\\n1", call.GetTagItem("postpress.request.id"));
        Assert.Equal(404, attempt.GetTagItem("http.response.status_code"));
    }
}
