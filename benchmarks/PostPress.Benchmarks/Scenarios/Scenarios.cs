using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using PostPress.Benchmarks.Baselines;
using PostPress.Benchmarks.Infrastructure;
using PostPress.Models;
using K = PostPress.Benchmarks.KiotaClient.Models;

namespace PostPress.Benchmarks.Scenarios;

/// <summary>Scenario A: <c>GET /users/{identifier}</c> returning a ~64 KB LinkedIn profile.</summary>
[MemoryDiagnoser]
public class A_Profile : IDisposable
{
    private Clients _c = null!;
    private byte[] _payload = null!;

    public int PayloadBytes => _payload.Length;

    [GlobalSetup]
    public void Setup()
    {
        _payload = Payloads.LinkedInProfile();
        _c = new Clients(() => new CannedHandler(_ => _payload), Clients.InMemoryBaseUrl);
    }

    [GlobalCleanup]
    public void Dispose() => _c?.Dispose();

    [Benchmark(Baseline = true, Description = "Newtonsoft (hand-written)")]
    public Task<PlainProfile> Newtonsoft() => _c.Newtonsoft.GetProfileAsync(Payloads.ProfileIdentifier, Payloads.AccountId);

    [Benchmark(Description = "STJ source-gen")]
    public Task<PlainProfile> StjSourceGen() => _c.Stj.GetProfileAsync(Payloads.ProfileIdentifier, Payloads.AccountId);

    [Benchmark(Description = "Kiota")]
    public Task<K.UserProfile?> Kiota() =>
        _c.Kiota.Users[Payloads.ProfileIdentifier].GetAsync(r => r.QueryParameters.AccountId = Payloads.AccountId);

    [Benchmark(Description = "SDK")]
    public Task<UserProfile> Sdk() => _c.Sdk.Users.GetProfileAsync(Payloads.ProfileIdentifier, Payloads.AccountId);
}

/// <summary>Scenario B: <c>GET /accounts/{id}</c> for each of the 14 account types (one operation = 14 calls).</summary>
[MemoryDiagnoser]
public class B_Accounts : IDisposable
{
    private Clients _c = null!;
    private Dictionary<string, byte[]> _byId = null!;
    private string[] _ids = null!;

    [GlobalSetup]
    public void Setup()
    {
        _byId = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var type in Payloads.AccountTypes)
        {
            _byId[Payloads.AccountIdFor(type)] = Payloads.Account(type);
        }

        _ids = Array.ConvertAll(Payloads.AccountTypes, Payloads.AccountIdFor);
        _c = new Clients(() => new CannedHandler(r => _byId[r.RequestUri!.Segments[^1]]), Clients.InMemoryBaseUrl);
    }

    [GlobalCleanup]
    public void Dispose() => _c?.Dispose();

    public IReadOnlyList<string> Ids => _ids;

    public Task<PlainAccount> NewtonsoftOne(string id) => _c.Newtonsoft.GetAccountAsync(id);

    public Task<PlainAccount> StjOne(string id) => _c.Stj.GetAccountAsync(id);

    public Task<K.Account?> KiotaOne(string id) => _c.Kiota.Accounts[id].GetAsync();

    public Task<Account> SdkOne(string id) => _c.Sdk.Accounts.GetAsync(id);

    [Benchmark(Baseline = true, Description = "Newtonsoft (hand-written)")]
    public async Task<int> Newtonsoft()
    {
        var n = 0;
        foreach (var id in _ids)
        {
            n += (await NewtonsoftOne(id).ConfigureAwait(false)).ConnectionParams is null ? 0 : 1;
        }

        return n;
    }

    [Benchmark(Description = "STJ source-gen")]
    public async Task<int> StjSourceGen()
    {
        var n = 0;
        foreach (var id in _ids)
        {
            n += (await StjOne(id).ConfigureAwait(false)).ConnectionParams is null ? 0 : 1;
        }

        return n;
    }

    [Benchmark(Description = "Kiota")]
    public async Task<int> Kiota()
    {
        var n = 0;
        foreach (var id in _ids)
        {
            n += await KiotaOne(id).ConfigureAwait(false) is null ? 0 : 1;
        }

        return n;
    }

    [Benchmark(Description = "SDK")]
    public async Task<int> Sdk()
    {
        var n = 0;
        foreach (var id in _ids)
        {
            n += await SdkOne(id).ConfigureAwait(false) is null ? 0 : 1;
        }

        return n;
    }
}

/// <summary>
/// Scenario C: 100,000 relations in 100 pages of 1,000. One operation = one relation (OperationsPerInvoke), so the
/// Mean and Allocated columns are per item.
/// </summary>
[MemoryDiagnoser]
public class C_Relations : IDisposable
{
    private const int PageSize = Payloads.RelationsPerPage;
    private Clients _c = null!;
    private byte[][] _pages = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pages = new byte[Payloads.RelationPages][];
        for (var i = 0; i < _pages.Length; i++)
        {
            _pages[i] = Payloads.RelationsPage(i);
        }

        _c = new Clients(() => new CannedHandler(r => _pages[Payloads.PageOf(r.RequestUri)]), Clients.InMemoryBaseUrl);
    }

    [GlobalCleanup]
    public void Dispose() => _c?.Dispose();

    public long TotalPayloadBytes
    {
        get
        {
            long n = 0;
            foreach (var p in _pages)
            {
                n += p.Length;
            }

            return n;
        }
    }

    public PostPressClient SdkClient => _c.Sdk;

    [Benchmark(Baseline = true, OperationsPerInvoke = Payloads.TotalRelations, Description = "Newtonsoft (hand-written)")]
    public async Task<int> Newtonsoft()
    {
        var n = 0;
        string? cursor = null;
        do
        {
            var page = await _c.Newtonsoft.ListRelationsAsync(Payloads.AccountId, PageSize, cursor).ConfigureAwait(false);
            foreach (var r in page.Items)
            {
                n += r.CreatedAt > 0 ? 1 : 0;
            }

            cursor = page.Cursor;
        }
        while (cursor is not null);
        return n;
    }

    [Benchmark(OperationsPerInvoke = Payloads.TotalRelations, Description = "STJ source-gen")]
    public async Task<int> StjSourceGen()
    {
        var n = 0;
        string? cursor = null;
        do
        {
            var page = await _c.Stj.ListRelationsAsync(Payloads.AccountId, PageSize, cursor).ConfigureAwait(false);
            foreach (var r in page.Items)
            {
                n += r.CreatedAt > 0 ? 1 : 0;
            }

            cursor = page.Cursor;
        }
        while (cursor is not null);
        return n;
    }

    [Benchmark(OperationsPerInvoke = Payloads.TotalRelations, Description = "Kiota")]
    public async Task<int> Kiota()
    {
        var n = 0;
        string? cursor = null;
        do
        {
            var page = await _c.Kiota.Users.Relations.GetAsync(r =>
            {
                r.QueryParameters.AccountId = Payloads.AccountId;
                r.QueryParameters.Limit = PageSize;
                r.QueryParameters.Cursor = cursor;
            }).ConfigureAwait(false);
            foreach (var r in page!.Items!)
            {
                n += r.CreatedAt > 0 ? 1 : 0;
            }

            cursor = page.Cursor;
        }
        while (cursor is not null);
        return n;
    }

    [Benchmark(OperationsPerInvoke = Payloads.TotalRelations, Description = "SDK (ListAllRelationsAsync)")]
    public async Task<int> Sdk()
    {
        var n = 0;
        await foreach (var r in _c.Sdk.Users.ListAllRelationsAsync(Payloads.AccountId, pageSize: PageSize).ConfigureAwait(false))
        {
            n += r.CreatedAt > 0 ? 1 : 0;
        }

        return n;
    }
}

/// <summary>Scenario D: <c>POST /linkedin/user/{user_id}</c> (addCandidateToPipeline) with a 55-byte response.</summary>
[MemoryDiagnoser]
public class D_UserAction : IDisposable
{
    private Clients _c = null!;

    [GlobalSetup]
    public void Setup() => Setup(null);

    public CannedHandler? LastHandler { get; private set; }

    public void Setup(Action<System.Net.Http.HttpRequestMessage, byte[]>? onRequestBody)
    {
        _c = new Clients(
            () =>
            {
                LastHandler = new CannedHandler(_ => Payloads.ActionResult) { OnRequestBody = onRequestBody };
                return LastHandler;
            },
            Clients.InMemoryBaseUrl);
    }

    [GlobalCleanup]
    public void Dispose() => _c?.Dispose();

    [Benchmark(Baseline = true, Description = "Newtonsoft (hand-written)")]
    public Task<PlainActionResult> Newtonsoft() => _c.Newtonsoft.PerformUserActionAsync(Payloads.ActionUserId, PlainBody());

    [Benchmark(Description = "STJ source-gen")]
    public Task<PlainActionResult> StjSourceGen() => _c.Stj.PerformUserActionAsync(Payloads.ActionUserId, PlainBody());

    [Benchmark(Description = "Kiota")]
    public Task<K.LinkedInUserActionResult?> Kiota() =>
        _c.Kiota.Linkedin.User[Payloads.ActionUserId].PostAsync(new K.LinkedInUserActionRequest
        {
            RecruiterPipelineActionRequest = new K.RecruiterPipelineActionRequest
            {
                AccountId = Payloads.AccountId,
                Api = "recruiter",
                Action = K.RecruiterPipelineActionRequest_action.AddCandidateToPipeline,
                HiringProjectId = Payloads.HiringProjectId,
                Stage = K.RecruiterPipelineStage.CONTACTED,
            },
        });

    [Benchmark(Description = "SDK")]
    public Task<LinkedInUserActionResult> Sdk() =>
        _c.Sdk.LinkedIn.PerformUserActionAsync(
            Payloads.ActionUserId,
            LinkedInUserAction.AddCandidateToPipeline(Payloads.AccountId, Payloads.HiringProjectId, RecruiterPipelineStage.Contacted));

    private static PlainPipelineActionRequest PlainBody() => new()
    {
        AccountId = Payloads.AccountId,
        Api = "recruiter",
        Action = "addCandidateToPipeline",
        HiringProjectId = Payloads.HiringProjectId,
        Stage = "CONTACTED",
    };
}

/// <summary>
/// Scenario D with per-account pacing (issue 19): the same POST through the SDK with <c>Pacing</c> off (the default:
/// the policy is not in the path) and on with a budget that never makes a call wait (the governor's bookkeeping only:
/// the account read from the body, a sliding window, spacing, the concurrency slot).
/// </summary>
[MemoryDiagnoser]
public class D_UserActionPacing : IDisposable
{
    private System.Net.Http.HttpClient _offHttp = null!;
    private System.Net.Http.HttpClient _onHttp = null!;
    private PostPressClient _off = null!;
    private PostPressClient _on = null!;

    [GlobalSetup]
    public void Setup()
    {
        _offHttp = new System.Net.Http.HttpClient(new CannedHandler(_ => Payloads.ActionResult), disposeHandler: true);
        _onHttp = new System.Net.Http.HttpClient(new CannedHandler(_ => Payloads.ActionResult), disposeHandler: true);
        _off = new PostPressClient(new PostPressClientOptions { ApiKey = Clients.ApiKey, BaseUri = Clients.InMemoryBaseUrl, MaxRetries = 2 }, _offHttp);
        var pacing = new PostPressPacingOptions
        {
            Default = new PostPressPacingPolicy { PermitLimit = int.MaxValue, Window = TimeSpan.FromSeconds(1), MaxConcurrency = 1_000 },
        };
        _on = new PostPressClient(new PostPressClientOptions { ApiKey = Clients.ApiKey, BaseUri = Clients.InMemoryBaseUrl, MaxRetries = 2, Pacing = pacing }, _onHttp);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _off?.Dispose();
        _on?.Dispose();
        _offHttp?.Dispose();
        _onHttp?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "SDK, pacing off")]
    public Task<LinkedInUserActionResult> PacingOff() => Call(_off);

    [Benchmark(Description = "SDK, pacing on (never waits)")]
    public Task<LinkedInUserActionResult> PacingOn() => Call(_on);

    private static Task<LinkedInUserActionResult> Call(PostPressClient client) =>
        client.LinkedIn.PerformUserActionAsync(
            Payloads.ActionUserId,
            LinkedInUserAction.AddCandidateToPipeline(Payloads.AccountId, Payloads.HiringProjectId, RecruiterPipelineStage.Contacted));
}
