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

/// <summary>The scripted end of the path: each call takes the next step (a response or an exception).</summary>
internal sealed class ScriptedEnd : PipelinePolicy
{
    private readonly Queue<Func<PipelineMessage, ValueTask>> _steps = new();

    public int Calls { get; private set; }

    public List<int> Attempts { get; } = new();

    public ScriptedEnd Respond(int status, string body = "{}", params (string Name, string Value)[] headers)
    {
        _steps.Enqueue(async m => m.Response = await PolicyHarness.BufferedAsync(status, body, headers));
        return this;
    }

    public ScriptedEnd RespondRaw(Func<HttpResponseMessage> response)
    {
        _steps.Enqueue(m =>
        {
            m.RawResponse = response();
            return default;
        });
        return this;
    }

    public ScriptedEnd Throw(Exception exception)
    {
        _steps.Enqueue(_ => throw exception);
        return this;
    }

    public ScriptedEnd Then(Func<PipelineMessage, ValueTask> step)
    {
        _steps.Enqueue(step);
        return this;
    }

    public override ValueTask ProcessAsync(PipelineMessage message, PipelineNext next)
    {
        Calls++;
        Attempts.Add(message.Attempt);
        if (_steps.Count == 0)
        {
            throw new InvalidOperationException("The script has no step left (call " + Calls + ").");
        }

        return _steps.Dequeue()(message);
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
