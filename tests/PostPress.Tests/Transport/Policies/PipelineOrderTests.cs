using System;
using System.Linq;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace PostPress.Tests.Transport.Policies;

public sealed class PipelineOrderTests
{
    [Fact]
    public void The_path_is_one_ordered_list_outermost_first_ending_with_the_transport()
    {
        using var loggers = new Microsoft.Extensions.Logging.LoggerFactory();
        using var client = new PostPressClient(new PostPressClientOptions("pp_test_order") { AttemptTimeout = TimeSpan.FromSeconds(5), LoggerFactory = loggers });
        var names = client.Pipeline.Policies.Select(p => p.ToString()).ToArray();
        Assert.Equal(
            new[]
            {
                "CallTelemetryPolicy", "CallLoggingPolicy", "UnknownOutcomePolicy", "CallTimeoutPolicy", "TransportErrorPolicy", "ErrorMappingPolicy",
                "RetryPolicy", "AttemptTimeoutPolicy", "RequestPolicy", "AttemptTelemetryPolicy", "AttemptLoggingPolicy",
                "ResponseBufferingPolicy", "RedirectGuardPolicy", "TransportPolicy",
            },
            names);
    }

    [Fact]
    public void A_client_without_a_logger_factory_has_no_logging_policies_and_the_same_order_otherwise()
    {
        using var client = new PostPressClient(new PostPressClientOptions("pp_test_order") { AttemptTimeout = TimeSpan.FromSeconds(5) });
        var names = client.Pipeline.Policies.Select(p => p.ToString()).ToArray();
        Assert.Equal(
            new[]
            {
                "CallTelemetryPolicy", "UnknownOutcomePolicy", "CallTimeoutPolicy", "TransportErrorPolicy", "ErrorMappingPolicy",
                "RetryPolicy", "AttemptTimeoutPolicy", "RequestPolicy", "AttemptTelemetryPolicy",
                "ResponseBufferingPolicy", "RedirectGuardPolicy", "TransportPolicy",
            },
            names);
    }

    [Fact]
    public void Without_a_client_attempt_timeout_the_attempt_timeout_policy_is_there_for_per_call_timeouts_only()
    {
        using var transport = ClientTransport.Owned(new System.Net.Http.HttpClientHandler());
        var policies = PostPressPipelineBuilder.Build(
            new PostPressClientOptions("pp_test_order") { AttemptTimeout = null },
            transport,
            new ClientLifetime(),
            NullLogger.Instance,
            "ua");
        var attempt = Assert.Single(policies.OfType<AttemptTimeoutPolicy>());
        Assert.False(attempt.HasClientTimeout);
        Assert.IsType<TransportPolicy>(policies[^1]);
    }

    [Fact]
    public void A_policy_that_calls_past_the_end_gets_a_clear_error()
    {
        using var message = PolicyHarness.Message();
        var ex = Assert.Throws<InvalidOperationException>(() => new PipelineNext(Array.Empty<PipelinePolicy>(), 0).ProcessAsync(message));
        Assert.Contains("transport", ex.Message);
    }
}
