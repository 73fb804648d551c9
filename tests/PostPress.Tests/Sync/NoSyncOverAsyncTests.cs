using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Sync;

/// <summary>
/// No sync-over-async: no source file of the SDK (hand-written or generated) blocks on a task, and a synchronous call,
/// watched by the runtime's own task events, never waits on one.
/// </summary>
public sealed class NoSyncOverAsyncTests
{
    /// <summary>Ways to block on a task. SemaphoreSlim/ManualResetEventSlim waits (of the named fields) are not tasks.</summary>
    private static readonly (string Name, Regex Pattern)[] Forbidden =
    {
        ("GetAwaiter().GetResult()", new Regex(@"GetAwaiter\s*\(\s*\)\s*\.\s*GetResult\s*\(", RegexOptions.Compiled)),
        (".Result of a task", new Regex(@"(?<![Oo]utcome)\.Result\b(?!\s*=)", RegexOptions.Compiled)),
        (".Wait(...) of a task", new Regex(@"(?<!_concurrency|_turnstile|elapsed|WaitHandle)\.Wait\s*\(", RegexOptions.Compiled)),
        ("Task.WaitAll/WaitAny", new Regex(@"\bTask\s*\.\s*Wait(All|Any)\b", RegexOptions.Compiled)),
        ("RunSynchronously", new Regex(@"\.RunSynchronously\s*\(", RegexOptions.Compiled)),
    };

    /// <summary>No exception: no line of src/ may read a task's result without awaiting it.</summary>
    private static readonly (string File, string Code)[] Allowed = Array.Empty<(string, string)>();

    [Fact]
    public void No_source_file_of_the_SDK_blocks_on_a_task()
    {
        var root = RepositoryRoot();
        var files = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || f.Contains(Path.Combine("obj", "generated"), StringComparison.Ordinal))
            .ToList();
        Assert.Contains(files, f => f.EndsWith("RetryPolicy.cs", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("Operations.g.cs", StringComparison.Ordinal)); // the generated surface too

        var found = new List<string>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var code = lines[i].TrimStart();
                if (code.StartsWith("//", StringComparison.Ordinal) || code.StartsWith("*", StringComparison.Ordinal))
                {
                    continue;
                }

                if (Allowed.Any(a => file.EndsWith(a.File, StringComparison.Ordinal) && code == a.Code))
                {
                    continue;
                }

                foreach (var (name, pattern) in Forbidden)
                {
                    if (pattern.IsMatch(code))
                    {
                        found.Add(Path.GetRelativePath(root, file) + ":" + (i + 1) + ": " + name + ": " + code);
                    }
                }
            }
        }

        Assert.True(found.Count == 0, "Sync-over-async in src/:\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_fast_paths_helper_never_waits_on_a_task()
    {
        var pending = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.Throws<InvalidOperationException>(() => PipelineResult.End(new ValueTask(pending.Task)));
        Assert.False(pending.Task.IsCompleted);

        // A faulted task is refused too (the fast paths hand such a task to their async slow path).
        Assert.Throws<InvalidOperationException>(() => PipelineResult.End(new ValueTask(Task.FromException(new InvalidDataException("boom")))));

        pending.SetResult(7);
        PipelineResult.End(new ValueTask(pending.Task));
        PipelineResult.End(default);
    }

    [Theory]
    [InlineData("var x = task.GetAwaiter().GetResult();")]
    [InlineData("return DoAsync().Result;")]
    [InlineData("task.Wait();")]
    [InlineData("Task.WaitAll(a, b);")]
    public void The_check_catches_each_form(string line) =>
        Assert.Contains(Forbidden, f => f.Pattern.IsMatch(line));

    [Theory]
    [InlineData("outcome.Result?.Dispose();")]
    [InlineData("_turnstile.Wait(cancellationToken);")]
    [InlineData("cancellationToken.WaitHandle.WaitOne(delay);")]
    public void The_check_lets_the_synchronous_primitives_through(string line) =>
        Assert.DoesNotContain(Forbidden, f => f.Pattern.IsMatch(line));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PostPress.Generated.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (PostPress.Generated.sln) was not found above " + AppContext.BaseDirectory);
    }

#if !POSTPRESS_NETSTANDARD_ASSET
    [Fact]
    public void A_synchronous_call_never_waits_on_a_task_nor_posts_to_a_context()
    {
        using var api = new MockApi();
        api.Server.Given(api.Get("/accounts/acc_01")).InScenario("s").WillSetStateTo("ok")
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(503).WithBody("{\"title\":\"t\",\"type\":\"errors/service_unavailable\",\"status\":503}"));
        api.Server.Given(api.Get("/accounts/acc_01")).InScenario("s").WhenStateIs("ok")
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Bodies.Account("acc_01")));
        api.Reply(api.Post("/linkedin/user/AEM1"), 200, Bodies.ActionResult);
        using var client = api.Client(o => o.InitialRetryDelay = TimeSpan.FromMilliseconds(20));
        using var listener = new TaskWaitListener();
        var context = new CountingContext();
        Exception? failure = null;
        var callStacks = new List<string>();
        var controlWaits = -1;

        var thread = new Thread(() =>
        {
            try
            {
                SynchronizationContext.SetSynchronizationContext(context);
                listener.Watch(Environment.CurrentManagedThreadId);
                client.Accounts.Get("acc_01");                       // a retry, its delay, the body read
                client.LinkedIn.PerformUserAction("AEM1", LinkedInUserAction.SaveLead("acc_1"));
                client.LinkedIn.PerformUserAction("AEM1", LinkedInUserAction.SaveLead("acc_1"));
                callStacks.AddRange(listener.TakeStacks());

                // The control: blocking on a task here is seen, so what was seen above means something.
                Task.Delay(20).Wait();
                controlWaits = listener.TakeStacks().Count;
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)), "the synchronous calls did not finish");

        Assert.Null(failure);
        Assert.Equal(4, api.Requests.Count);

        // The one wait the runtime does itself: SocketsHttpHandler's synchronous Send (.NET 6+) waits for a new pooled
        // connection, which it opens in the background (HttpConnectionWaiter, or HttpConnectionPool when the JIT inlined
        // it); once a connection is pooled there is none. Never a wait of PostPress's own code.
        Assert.All(callStacks, stack => Assert.True(Waiter(stack).StartsWith("at System.Net.Http.HttpConnection", StringComparison.Ordinal), stack));
        Assert.True(callStacks.Count < 4, "a wait on every request (no pooled connection ever reused?):\n" + string.Join("\n----\n", callStacks));
        Assert.True(controlWaits >= 1, "the listener did not see the control wait");
        Assert.Equal(0, context.Posts);
    }

    /// <summary>The frame that waited: the first one below the task's own wait frames (the JIT may inline a frame or two).</summary>
    private static string Waiter(string stack)
    {
        var frames = stack.Split('\n').Select(f => f.Trim()).ToList();
        var wait = frames.FindIndex(f => f.StartsWith("at System.Threading.Tasks.Task.InternalWait", StringComparison.Ordinal));
        return frames.Skip(wait + 1).FirstOrDefault(f => !f.StartsWith("at System.Threading.Tasks.", StringComparison.Ordinal)) ?? string.Empty;
    }

    /// <summary>Counts the runtime's "a thread blocks on a task" events (TplEventSource TaskWaitBegin, synchronous) of one thread.</summary>
    private sealed class TaskWaitListener : EventListener
    {
        private int _thread = -1;

        private List<string> Stacks { get; } = new();

        /// <summary>The stacks of the synchronous waits seen since the last call.</summary>
        public List<string> TakeStacks()
        {
            lock (Stacks)
            {
                var taken = new List<string>(Stacks);
                Stacks.Clear();
                return taken;
            }
        }

        public void Watch(int thread) => Volatile.Write(ref _thread, thread);

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "System.Threading.Tasks.TplEventSource")
            {
                // TaskTransfer | Tasks: TaskWaitBegin.
                EnableEvents(eventSource, EventLevel.Informational, (EventKeywords)0x3);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName == "TaskWaitBegin" && Environment.CurrentManagedThreadId == Volatile.Read(ref _thread))
            {
                var behavior = eventData.PayloadNames?.IndexOf("Behavior") is int i and >= 0 ? Convert.ToInt32(eventData.Payload![i], System.Globalization.CultureInfo.InvariantCulture) : 1;
                if (behavior == 1)
                {
                    lock (Stacks)
                    {
                        Stacks.Add(Environment.StackTrace);
                    }
                }
            }
        }
    }

    private sealed class CountingContext : SynchronizationContext
    {
        private int _posts;

        public int Posts => Volatile.Read(ref _posts);

        public override void Post(SendOrPostCallback d, object? state)
        {
            Interlocked.Increment(ref _posts);
            base.Post(d, state);
        }

        public override void Send(SendOrPostCallback d, object? state)
        {
            Interlocked.Increment(ref _posts);
            base.Send(d, state);
        }
    }
#endif
}
