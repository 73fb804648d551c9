using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using PostPress;

// Usage: PostPress.MemoryProbe <baseUri> <calls> <maxResponseSize> <attemptTimeoutMs>
// Makes <calls> concurrent Accounts.GetAsync calls and prints, per call, "outcome <exception type or ok>", after a
// "heap-limit <bytes>" line (what the GC says the process may use, so the caller can check the limit applied).
// Exit code 0 when every call ended (whatever the outcome), 2 on bad arguments.
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: PostPress.MemoryProbe <baseUri> <calls> <maxResponseSize> <attemptTimeoutMs>");
    return 2;
}

var baseUri = new Uri(args[0]);
var calls = int.Parse(args[1], CultureInfo.InvariantCulture);
var maxResponseSize = long.Parse(args[2], CultureInfo.InvariantCulture);
var attemptTimeout = TimeSpan.FromMilliseconds(int.Parse(args[3], CultureInfo.InvariantCulture));

Console.WriteLine("heap-limit " + GC.GetGCMemoryInfo().TotalAvailableMemoryBytes.ToString(CultureInfo.InvariantCulture));

using var client = new PostPressClient(new PostPressClientOptions("pp_test_memoryprobe_key")
{
    BaseUri = baseUri,
    MaxResponseSize = maxResponseSize,
    MaxRetries = 0,
    AttemptTimeout = attemptTimeout,
    Timeout = attemptTimeout + attemptTimeout,
});

var outcomes = await Task.WhenAll(Enumerable.Range(0, calls).Select(async i =>
{
    try
    {
        await client.Accounts.GetAsync("acc_" + i.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        return "ok";
    }
    catch (Exception ex)
    {
        return ex.GetType().FullName!;
    }
})).ConfigureAwait(false);

foreach (var outcome in outcomes)
{
    Console.WriteLine("outcome " + outcome);
}

return 0;
