using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Transport.Policies;

/// <summary>Runs one policy alone in front of a scripted end of the path.</summary>
internal static class PolicyHarness
{
    public const string Key = "pp_test_POLICY_key_51d2";

    public static readonly OperationInfo Get = new("getAccount", "GET", "/accounts/{id}");

    public static readonly OperationInfo Post = new("performUserAction", "POST", "/linkedin/users/{user_id}/action");

    public static PipelineMessage Message(OperationInfo? operation = null, CancellationToken token = default, byte[]? body = null) =>
        new(operation ?? Get, new Uri("https://api.example.test/api/v1/accounts/acc_1"), body, Key, token);

    public static ValueTask RunAsync(PipelineMessage message, params PipelinePolicy[] policies) =>
        policies[0].ProcessAsync(message, new PipelineNext(policies, 1));

    /// <summary>
    /// Runs the policies on the path <paramref name="mode"/> names: <see cref="CallMode.Async"/> through
    /// <see cref="PipelinePolicy.ProcessAsync"/>, <see cref="CallMode.Sync"/> through <see cref="PipelinePolicy.Process"/> on
    /// the calling thread (what it threw is the returned task's exception, so one assertion serves both paths).
    /// </summary>
    public static ValueTask RunAsync(CallMode mode, PipelineMessage message, params PipelinePolicy[] policies)
    {
        if (mode == CallMode.Async)
        {
            return RunAsync(message, policies);
        }

#if POSTPRESS_NETSTANDARD_ASSET
        throw new InvalidOperationException("The netstandard2.0 asset has no synchronous path.");
#else
        try
        {
            policies[0].Process(message, new PipelineNext(policies, 1));
            return default;
        }
        catch (Exception ex)
        {
            return ValueTask.FromException(ex);
        }
#endif
    }

    /// <summary>The paths a shared theory runs: both on the net8.0 asset; the async one alone on netstandard2.0 (no sync path there).</summary>
    public static TheoryData<CallMode> Modes =>
#if POSTPRESS_NETSTANDARD_ASSET
        new() { CallMode.Async };
#else
        new() { CallMode.Async, CallMode.Sync };

    public static BufferedResponse Buffered(int status, string body = "{}", params (string Name, string Value)[] headers) =>
        BufferedResponse.Read(Raw(status, body, headers), 1 << 20, CancellationToken.None);
#endif

    public static Task<BufferedResponse> BufferedAsync(int status, string body = "{}", params (string Name, string Value)[] headers) =>
        BufferedResponse.ReadAsync(Raw(status, body, headers), 1 << 20, CancellationToken.None);

    public static HttpResponseMessage Raw(int status, string body = "{}", params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}

/// <summary>Which path a shared test drives: the async methods or their synchronous twins.</summary>
public enum CallMode
{
    /// <summary>The async path (<c>ProcessAsync</c>, <c>GetAsync</c>).</summary>
    Async,

    /// <summary>The synchronous path (<c>Process</c>, <c>Get</c>).</summary>
    Sync,
}

/// <summary>
/// The scripted end of the path: each call takes the next step (a response or an exception). Steps made with
/// <see cref="Respond"/>, <see cref="RespondRaw"/>, <see cref="Throw"/> and <see cref="Do"/> run on both paths; a step
/// given to <see cref="Then"/> is async and runs on the async path only.
/// </summary>
internal sealed class ScriptedEnd : PipelinePolicy
{
    private readonly Queue<(Func<PipelineMessage, ValueTask> Async, Action<PipelineMessage>? Sync)> _steps = new();

    public int Calls { get; private set; }

    public List<int> Attempts { get; } = new();

    public ScriptedEnd Respond(int status, string body = "{}", params (string Name, string Value)[] headers)
    {
#if POSTPRESS_NETSTANDARD_ASSET
        _steps.Enqueue((async m => m.Response = await PolicyHarness.BufferedAsync(status, body, headers), null));
#else
        _steps.Enqueue((async m => m.Response = await PolicyHarness.BufferedAsync(status, body, headers), m => m.Response = PolicyHarness.Buffered(status, body, headers)));
#endif
        return this;
    }

    public ScriptedEnd RespondRaw(Func<HttpResponseMessage> response) => Do(m => m.RawResponse = response());

    public ScriptedEnd Throw(Exception exception) => Do(_ => throw exception);

    /// <summary>A synchronous step, run on both paths.</summary>
    public ScriptedEnd Do(Action<PipelineMessage> step)
    {
        _steps.Enqueue((m =>
        {
            step(m);
            return default;
        }, step));
        return this;
    }

    public ScriptedEnd Then(Func<PipelineMessage, ValueTask> step)
    {
        _steps.Enqueue((step, null));
        return this;
    }

    public override ValueTask ProcessAsync(PipelineMessage message, PipelineNext next) => Next(message).Async(message);

#if !POSTPRESS_NETSTANDARD_ASSET
    public override void Process(PipelineMessage message, PipelineNext next)
    {
        var step = Next(message);
        if (step.Sync is null)
        {
            throw new InvalidOperationException("This step is async (ScriptedEnd.Then); use Do for a step of the synchronous path.");
        }

        step.Sync(message);
    }
#endif

    private (Func<PipelineMessage, ValueTask> Async, Action<PipelineMessage>? Sync) Next(PipelineMessage message)
    {
        Calls++;
        Attempts.Add(message.Attempt);
        if (_steps.Count == 0)
        {
            throw new InvalidOperationException("The script has no step left (call " + Calls + ").");
        }

        return _steps.Dequeue();
    }
}

/// <summary>A logger that keeps (level, event name, formatted text).</summary>
internal sealed class ListLogger : ILogger
{
    public List<(LogLevel Level, string Event, string Text)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Entries)
        {
            Entries.Add((logLevel, eventId.Name ?? string.Empty, formatter(state, exception)));
        }
    }

    public IEnumerable<string> At(LogLevel level) => Entries.Where(e => e.Level == level).Select(e => e.Text);
}
