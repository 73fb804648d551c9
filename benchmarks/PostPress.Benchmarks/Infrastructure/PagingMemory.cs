using System;
using System.Threading.Tasks;
using PostPress.Benchmarks.Scenarios;

namespace PostPress.Benchmarks.Infrastructure;

/// <summary>
/// Scenario C, memory: the live managed heap while <c>ListAllRelationsAsync</c> enumerates 100,000 relations, sampled
/// (after a full GC) in the middle of every page, compared with one page held in memory.
/// </summary>
internal static class PagingMemory
{
    public static async Task<string> RunAsync()
    {
        var c = new C_Relations();
        c.Setup();
        try
        {
            var sdk = c.SdkClient;
            await c.Sdk(); // warm up (JIT, caches) so that only per-page state is measured

            var before = GC.GetTotalMemory(forceFullCollection: true);
            var page = await sdk.Users.ListRelationsAsync(Payloads.AccountId, limit: Payloads.RelationsPerPage);
            var onePage = GC.GetTotalMemory(forceFullCollection: true) - before;
            GC.KeepAlive(page);
            page = null;

            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            long peak = 0;
            var n = 0;
            await foreach (var r in sdk.Users.ListAllRelationsAsync(Payloads.AccountId, pageSize: Payloads.RelationsPerPage))
            {
                if (++n % Payloads.RelationsPerPage == Payloads.RelationsPerPage / 2)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
                }

                GC.KeepAlive(r);
            }

            return "| relations | pages | one page held (live heap) | peak live heap while enumerating all | peak / one page | all pages' JSON |\n"
                 + "| ---: | ---: | ---: | ---: | ---: | ---: |\n"
                 + $"| {n:N0} | {Payloads.RelationPages} | {onePage / 1024.0:N0} KB | {peak / 1024.0:N0} KB | {(double)peak / onePage:N2}x | {c.TotalPayloadBytes / 1024.0 / 1024.0:N1} MB |\n";
        }
        finally
        {
            c.Dispose();
        }
    }
}
