using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using PostPress.Testing.Internal;

namespace PostPress.Testing;

/// <summary>
/// An in-process sandbox of the postpress API on <c>127.0.0.1</c> (a random port), driven by the OpenAPI document: it
/// serves every operation of the spec from its examples, validates requests against it, pages through generated data
/// sets with real cursors, and plays failure scenarios. Start it with <see cref="StartAsync"/>, talk to it with
/// <see cref="CreateClient"/>, and dispose it when done.
/// </summary>
/// <example>
/// <code>
/// await using var sandbox = await PostPressSandbox.StartAsync(new PostPressSandboxOptions { Relations = 10_000 });
/// using var client = sandbox.CreateClient();
/// sandbox.Respond(SandboxOperations.GetAccount).WithVariant(AccountVariants.Mail);
/// var account = await client.Accounts.GetAsync("acc_1");   // a MailAccount
/// </code>
/// </example>
public sealed class PostPressSandbox : IAsyncDisposable
{
    private const string EmbeddedSpecName = "PostPress.Testing.postpress.yaml";
    private const int DefaultPageSize = 100;

    /// <summary>The type of the 413 problem: the spec's <c>ErrorType</c> code for a payload too large (it documents it under 400).</summary>
    private const string ContentTooLargeCode = "errors/content_too_large";

    private readonly OpenApiModel _model;
    private readonly DocumentSchemaValidator _validator;
    private readonly ExampleBuilder _examples;
    private readonly PostPressSandboxOptions _options;
    private readonly WebApplication _app;
    private readonly Dictionary<string, OperationModel> _operations;
    private readonly object _gate = new();
    private readonly Dictionary<string, ResponseOverride> _overrides = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Version, List<JsonNodeBox> Items)> _dataSets = new(StringComparer.Ordinal);
    private readonly List<ScenarioRule> _rules = [];
    private readonly Dictionary<string, Queue<DateTimeOffset>> _accountCalls = new(StringComparer.Ordinal);
    private readonly HashSet<string> _performed = new(StringComparer.Ordinal);
    private readonly LinkedList<SandboxRequest> _journal = new();
    private readonly byte[] _cursorKey = RandomNumberGenerator.GetBytes(32);
    private readonly long _maxRequestBodySize;
    private readonly int _journalCapacity;
    private readonly long _journalMaxBytes;
    private readonly int _journalMaxBodySize;
    private long _journalBytes;
    private long _requestCounter;
    private int _disposed;

    private PostPressSandbox(OpenApiModel model, PostPressSandboxOptions options)
    {
        _model = model;
        _options = options;
        _maxRequestBodySize = options.MaxRequestBodySize;
        _journalCapacity = Math.Max(1, options.JournalCapacity);
        _journalMaxBytes = options.JournalMaxBytes;
        _journalMaxBodySize = options.JournalMaxBodySize;
        _validator = new DocumentSchemaValidator(
            model.Root,
            JsonSerializer.SerializeToElement(model.Root, SandboxJsonContext.Default.JsonObject),
            new Uri($"https://sandbox.postpress.invalid/{Guid.NewGuid():N}/openapi.json"));
        _examples = new ExampleBuilder(model, options.Seed);
        _operations = model.Operations.ToDictionary(o => o.OperationId, StringComparer.Ordinal);
        Operations = model.Operations.Select(o => Describe(o, _examples)).ToList();

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);

            // The sandbox enforces MaxRequestBodySize itself while it streams a body, with its own 413; Kestrel's limit is
            // twice that (each request sets it again, see ReceiveBodyAsync), never its 30 MB default.
            k.Limits.MaxRequestBodySize = KestrelBodyLimit(options.MaxRequestBodySize);
        });
        builder.Services.AddRoutingCore();
        _app = builder.Build();
        _app.UseRouting();
        foreach (var operation in model.Operations)
        {
            var op = operation;
            _app.MapMethods(model.BasePath + op.Path, [op.Method], context => HandleAsync(context, op));
        }

        _app.MapFallback(HandleUnknownAsync);
    }

    /// <summary>The base URL of the sandbox's API (<c>http://127.0.0.1:&lt;port&gt;/api/v1</c>): pass it as <see cref="PostPressClientOptions.BaseUri"/>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>The API key the sandbox accepts.</summary>
    public string ApiKey => _options.ApiKey;

    /// <summary>Every operation of the spec the sandbox serves.</summary>
    public IReadOnlyList<SandboxOperation> Operations { get; }

    /// <summary>The requests received so far (oldest first), without the API key.</summary>
    public IReadOnlyList<SandboxRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _journal.ToList();
            }
        }
    }

    /// <summary>Starts a sandbox serving the spec embedded in this package (or the one <paramref name="options"/> names).</summary>
    /// <param name="options">Options; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The started sandbox; dispose it to stop it.</returns>
    /// <exception cref="InvalidDataException">The OpenAPI document cannot be read.</exception>
    public static async Task<PostPressSandbox> StartAsync(PostPressSandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PostPressSandboxOptions();
        ArgumentException.ThrowIfNullOrEmpty(options.ApiKey, nameof(options) + "." + nameof(options.ApiKey));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRequestBodySize, nameof(options) + "." + nameof(options.MaxRequestBodySize));
        ArgumentOutOfRangeException.ThrowIfNegative(options.JournalMaxBytes, nameof(options) + "." + nameof(options.JournalMaxBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(options.JournalMaxBodySize, nameof(options) + "." + nameof(options.JournalMaxBodySize));
        string text;
        if (options.SpecStream is { } stream)
        {
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 4096, leaveOpen: true);
            text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (options.SpecPath is { } path)
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            text = EmbeddedSpec();
        }

        var sandbox = new PostPressSandbox(OpenApiModel.Load(text), options);
        await sandbox._app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = sandbox._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sandbox.BaseUri = new Uri(address.TrimEnd('/') + sandbox._model.BasePath);
        return sandbox;
    }

    /// <summary>Creates an SDK client bound to the sandbox (its <see cref="BaseUri"/> and <see cref="ApiKey"/>); dispose it when done.</summary>
    /// <param name="configure">Changes other options (retries, timeouts, logging) before the client is built.</param>
    public PostPressClient CreateClient(Action<PostPressClientOptions>? configure = null)
    {
        var options = new PostPressClientOptions(ApiKey) { BaseUri = BaseUri };
        configure?.Invoke(options);
        return new PostPressClient(options);
    }

    /// <summary>Creates a raw <see cref="HttpClient"/> whose base address is <see cref="BaseUri"/> (with a trailing <c>/</c>), sending the API key unless told not to.</summary>
    public HttpClient CreateHttpClient(bool sendApiKey = true)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUri.AbsoluteUri.TrimEnd('/') + "/") };
        if (sendApiKey && _model.ApiKeyHeader is { } header)
        {
            client.DefaultRequestHeaders.Add(header, ApiKey);
        }

        return client;
    }

    /// <summary>Chooses what an operation answers: an example, union variants, or a body of your own.</summary>
    /// <param name="operationId">The spec's operation id (<see cref="SandboxOperations.GetAccount"/>, <c>getOwnProfile</c>, ...).</param>
    /// <exception cref="ArgumentException">The spec has no such operation (the message lists the valid ones).</exception>
    public SandboxResponseBuilder Respond(string operationId)
    {
        Operation(operationId);
        return new SandboxResponseBuilder(this, operationId);
    }

    /// <summary>Sets what the next <paramref name="calls"/> calls (of one operation, or of any) answer.</summary>
    /// <param name="calls">How many calls the rule applies to (at least 1).</param>
    /// <param name="operationId">Only calls of this operation; null for any call.</param>
    public SandboxScenarioBuilder Next(int calls = 1, string? operationId = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(calls, 1);
        if (operationId is not null)
        {
            Operation(operationId);
        }

        return new SandboxScenarioBuilder(this, calls, operationId);
    }

    /// <summary>Empties the request journal.</summary>
    public void ClearRequests()
    {
        lock (_gate)
        {
            _journal.Clear();
            _journalBytes = 0;
        }
    }

    /// <summary>Forgets every response choice, pending scenario and recorded request.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _overrides.Clear();
            _dataSets.Clear();
            _rules.Clear();
            _accountCalls.Clear();
            _performed.Clear();
            _journal.Clear();
            _journalBytes = 0;
        }
    }

    /// <summary>Stops the sandbox.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"PostPressSandbox {{ {BaseUri}, {Operations.Count} operations }}";

    internal OpenApiModel Model => _model;

    /// <summary>The operations of the embedded spec, without starting a server.</summary>
    internal static IReadOnlyList<SandboxOperation> EmbeddedOperations()
    {
        var model = OpenApiModel.Load(EmbeddedSpec());
        var examples = new ExampleBuilder(model);
        return model.Operations.Select(o => Describe(o, examples)).ToList();
    }

    private static string EmbeddedSpec()
    {
        using var embedded = typeof(PostPressSandbox).Assembly.GetManifestResourceStream(EmbeddedSpecName)
            ?? throw new InvalidOperationException($"The embedded OpenAPI document '{EmbeddedSpecName}' is missing.");
        using var reader = new StreamReader(embedded, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    internal ExampleBuilder Examples => _examples;

    internal DocumentSchemaValidator Validator => _validator;

    internal OperationModel Operation(string operationId)
    {
        ArgumentException.ThrowIfNullOrEmpty(operationId);
        return _operations.TryGetValue(operationId, out var op)
            ? op
            : throw new ArgumentException($"The spec has no operation '{operationId}' (it has: {string.Join(", ", _operations.Keys)}).", nameof(operationId));
    }

    /// <summary>
    /// Checks that a union the operation's response reaches (at <paramref name="property"/>, or anywhere when null) has a
    /// variant of this name: a discriminator value or a branch name, compared ignoring case as the example builder does.
    /// </summary>
    /// <exception cref="ArgumentException">No such variant (the message lists the valid ones).</exception>
    internal void CheckVariant(string operationId, string? property, string variant)
    {
        var op = Operation(operationId);
        var unions = op.SuccessSchemaPointer is { } pointer ? _examples.ReachableUnions(pointer) : [];
        if (unions.Count == 0)
        {
            throw new ArgumentException($"The response of operation '{operationId}' has no union: it has no variants to pick.", nameof(variant));
        }

        var candidates = unions.Where(u => property is null || string.Equals(u.Property, property, StringComparison.Ordinal)).ToList();
        if (candidates.Count == 0)
        {
            var properties = unions.Select(u => u.Property).OfType<string>().Distinct(StringComparer.Ordinal);
            throw new ArgumentException(
                $"The response of operation '{operationId}' has no union at a property '{property}' (it has unions at: {string.Join(", ", properties)}; null for any union).",
                nameof(property));
        }

        var branches = candidates.SelectMany(u => u.Branches).ToList();
        if (branches.Any(b => b.DiscriminatorValues.Contains(variant, StringComparer.OrdinalIgnoreCase) || b.Names.Contains(variant, StringComparer.OrdinalIgnoreCase)))
        {
            return;
        }

        // The names a typed constant stands for: discriminator values where the union has them, else the branch names.
        var valid = branches.SelectMany(b => b.DiscriminatorValues.Count > 0 ? b.DiscriminatorValues : b.Names).Distinct(StringComparer.Ordinal);
        var where = property is null ? string.Empty : $" at property '{property}'";
        throw new ArgumentException(
            $"The response of operation '{operationId}' has no union variant '{variant}'{where} (valid: {string.Join(", ", valid)}).",
            nameof(variant));
    }

    /// <summary>
    /// Checks that the spec documents this error code (for any status; the operation's own codes for the status are listed
    /// first). A spec that documents no code at all accepts any.
    /// </summary>
    /// <exception cref="ArgumentException">The spec documents no such code (the message lists the valid ones).</exception>
    internal void CheckErrorCode(string? operationId, int status, string code)
    {
        var all = _model.GlobalCodes.Select(c => c.Code)
            .Concat(_model.Operations.SelectMany(o => o.Errors.Values.SelectMany(e => e.Codes)).Select(c => c.Code))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (all.Count == 0 || all.Contains(code, StringComparer.Ordinal))
        {
            return; // a spec that documents no codes at all has nothing to check against
        }

        var forStatus = operationId is not null ? Operation(operationId).CodesFor(status, _model) : _model.GlobalCodes.Where(c => c.Status == status).ToList();
        var documented = forStatus.Count == 0
            ? string.Empty
            : $"HTTP {status.ToString(CultureInfo.InvariantCulture)}{(operationId is null ? string.Empty : " of " + operationId)} documents: {string.Join(", ", forStatus.Select(c => c.Code))}; ";
        throw new ArgumentException($"The spec documents no error code '{code}' ({documented}valid: {string.Join(", ", all)}).", "errorType");
    }

    /// <summary>Throws when a kind of drift cannot apply to the operation's answer (no JSON body, no enum, no union with a discriminator).</summary>
    internal void CheckDrift(string operationId, SandboxDrift drift)
    {
        var op = Operation(operationId);
        if (drift == SandboxDrift.None)
        {
            return;
        }

        if (op.SuccessSchemaPointer is null)
        {
            throw new ArgumentException($"Operation '{operationId}' answers no JSON body: there is nothing to drift.", nameof(drift));
        }

        // A dry run on the default answer tells which kinds apply.
        var sample = _examples.Build(op.SuccessSchemaPointer, op.SuccessExamples.FirstOrDefault()?.Value, []);
        if (op.Pagination is { } paging && sample is System.Text.Json.Nodes.JsonObject page && page[paging.ItemsField] is not System.Text.Json.Nodes.JsonArray { Count: > 0 })
        {
            var item = op.SuccessExamples.Select(e => e.Value?[paging.ItemsField]).OfType<System.Text.Json.Nodes.JsonArray>().FirstOrDefault(a => a.Count > 0)?[0]?.DeepClone();
            if (item is not null)
            {
                page[paging.ItemsField] = new System.Text.Json.Nodes.JsonArray(item);
            }
        }

        var missing = drift & ~_examples.Drift(op.SuccessSchemaPointer, sample, drift);
        if (missing != SandboxDrift.None)
        {
            throw new ArgumentException($"Operation '{operationId}' has no place for {missing} drift in its answer (no enum field, or no union with a discriminator).", nameof(drift));
        }
    }

    internal void UpdateOverride(string operationId, Action<ResponseOverride> update)
    {
        lock (_gate)
        {
            if (!_overrides.TryGetValue(operationId, out var o))
            {
                o = new ResponseOverride();
                _overrides[operationId] = o;
            }

            update(o);
            o.Version++;
        }
    }

    internal void AddRule(ScenarioRule rule)
    {
        lock (_gate)
        {
            _rules.Add(rule);
        }
    }

    private static SandboxOperation Describe(OperationModel op, ExampleBuilder examples)
    {
        var variants = new List<string>();
        if (op.SuccessSchemaPointer is { } pointer)
        {
            foreach (var branch in examples.Branches(pointer))
            {
                variants.AddRange(branch.DiscriminatorValues.Count > 0 ? branch.DiscriminatorValues : branch.Names.Take(1));
            }
        }

        return new SandboxOperation(
            op.OperationId,
            op.Method,
            op.Path,
            op.Pagination is not null,
            op.SuccessStatus,
            variants,
            op.SuccessExamples.Select(e => e.Name).ToList(),
            op.Errors.Keys.Order().ToList());
    }

    private async Task HandleUnknownAsync(HttpContext context)
    {
        // No operation, so no documented 401: the answer stays 404, but the body of a request without the right key is
        // not read either.
        var authorized = !_options.ValidateRequests || _model.ApiKeyHeader is null || HasValidApiKey(context);
        var body = await ReceiveBodyAsync(context, authorized).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var record = Record(context, null, body);
        if (body.TooLarge)
        {
            await WriteTooLargeAsync(context, record, null).ConfigureAwait(false);
            return;
        }

        var code = _model.GlobalCodes.FirstOrDefault(c => c.Status == 404)?.Code ?? "errors/resource_not_found";
        await WriteProblemAsync(context, record, 404, code, "Not Found", $"The spec has no operation {context.Request.Method} {context.Request.Path}.", null).ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context, OperationModel op)
    {
        // The API key first: the body of a request without the right key is never read (nor buffered, nor journaled).
        var authCode = string.Empty;
        var authorized = !op.RequiresApiKey || !_options.ValidateRequests || CheckApiKey(context, op, out authCode);
        var received = await ReceiveBodyAsync(context, authorized).ConfigureAwait(false);
        if (received is null)
        {
            return;
        }

        var record = Record(context, op.OperationId, received);
        if (received.TooLarge)
        {
            await WriteTooLargeAsync(context, record, op).ConfigureAwait(false);
            return;
        }

        var body = received.Text;
        var bytes0 = received.Bytes.Length == 0 ? null : received.Bytes.ToArray();
        var rule = TakeRule(op.OperationId);
        try
        {
            if (rule?.Kind == ScenarioKind.Fail)
            {
                var code = rule.ErrorType ?? PickCode(op, rule.Status);
                await WriteProblemAsync(context, record, rule.Status, code, TitleFor(op, rule.Status), DescriptionFor(op, rule.Status, code), rule.RetryAfter).ConfigureAwait(false);
                return;
            }

            if (rule?.Kind == ScenarioKind.Delay)
            {
                await Task.Delay(rule.Duration, context.RequestAborted).ConfigureAwait(false);
            }

            if (!authorized)
            {
                await WriteProblemAsync(context, record, 401, authCode, TitleFor(op, 401), DescriptionFor(op, 401, authCode), null).ConfigureAwait(false);
                return;
            }

            if (_options.ValidateRequests && op.Body is { } declared && bytes0 is not null && !AcceptsMediaType(declared, context.Request.ContentType))
            {
                var mediaCode = Prefer(op.CodesFor(415, _model), 415, "errors/unsupported_media_type");
                await WriteProblemAsync(context, record, 415, mediaCode, TitleFor(op, 415),
                    $"The request's Content-Type '{context.Request.ContentType ?? "(none)"}' is not one {op.OperationId} accepts ({string.Join(", ", declared.MediaTypes)}).", null).ConfigureAwait(false);
                return;
            }

            var failure = _options.ValidateRequests ? await ValidateAsync(context, op, body, bytes0).ConfigureAwait(false) : null;
            if (failure is not null)
            {
                await WriteProblemAsync(context, record, 400, failure.Value.Code, TitleFor(op, 400), failure.Value.Detail, null).ConfigureAwait(false);
                return;
            }

            var account = op.AccountKey is { } accountKey ? AccountOf(context, accountKey, body) : null;
            if (account is not null && _options.AccountLimit is { } limit && (limit.OperationId is null || limit.OperationId == op.OperationId) && OverLimit(account, limit) is { } retryAfter)
            {
                await WriteProblemAsync(context, record, 429, PickCode(op, 429), TitleFor(op, 429), DescriptionFor(op, 429, PickCode(op, 429)), retryAfter).ConfigureAwait(false);
                return;
            }

            var actionKey = op.DuplicateError is not null ? op.OperationId + " " + context.Request.Path + " " + body : null;
            if (actionKey is not null && IsPerformed(actionKey))
            {
                await WriteProblemAsync(context, record, 422, op.DuplicateError!, TitleFor(op, 422), "The action has already been performed for this user.", null).ConfigureAwait(false);
                return;
            }

            var (ok, payload, problem) = BuildSuccess(context, op);
            if (!ok)
            {
                await WriteProblemAsync(context, record, 400, problem!.Value.Code, TitleFor(op, 400), problem.Value.Detail, null).ConfigureAwait(false);
                return;
            }

            var applyThen = rule?.Kind is ScenarioKind.ApplyThenDrop or ScenarioKind.ApplyThenDelay or ScenarioKind.ApplyThenGatewayTimeout;
            if (actionKey is not null && (applyThen || _options.DetectDuplicateActions))
            {
                lock (_gate)
                {
                    _performed.Add(actionKey);
                }
            }

            switch (rule?.Kind)
            {
                case ScenarioKind.ApplyThenDrop:
                    record.ResponseStatus = 0;
                    context.Abort();
                    return;
                case ScenarioKind.ApplyThenDelay:
                    await Task.Delay(rule.Duration, context.RequestAborted).ConfigureAwait(false);
                    break;
                case ScenarioKind.ApplyThenGatewayTimeout:
                    var gatewayCode = PickCode(op, 504);
                    await WriteProblemAsync(context, record, 504, gatewayCode, TitleFor(op, 504), DescriptionFor(op, 504, gatewayCode), null).ConfigureAwait(false);
                    return;
            }

            var bytes = payload ?? [];
            context.Response.StatusCode = op.SuccessStatus;
            context.Response.Headers["X-Request-Id"] = "req_sandbox_" + Interlocked.Increment(ref _requestCounter).ToString("D6", CultureInfo.InvariantCulture);
            record.ResponseStatus = op.SuccessStatus;
            if (op.SuccessSchemaPointer is not null || (payload is not null && op.SuccessMediaType is null))
            {
                context.Response.ContentType = "application/json";
            }
            else if (op.SuccessMediaType is { } fileType)
            {
                // A download: an example file of the documented media type, with a file name.
                var (served, extension) = FileMediaType(fileType);
                bytes = Encoding.UTF8.GetBytes(op.SuccessFileExample ?? FileExample(op, served));
                context.Response.ContentType = served;
                context.Response.Headers.ContentDisposition = "attachment; filename=\"" + op.OperationId + extension + "\"";
            }

            if (op.SuccessStatus == 204)
            {
                await WriteBodyAsync(context, [], rule, record).ConfigureAwait(false);
                return;
            }

            context.Response.ContentLength = bytes.Length;
            await WriteBodyAsync(context, bytes, rule, record).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (cancelled, timed out): nothing left to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            // A spec the sandbox cannot serve (or a sandbox bug): say so in the response rather than an empty 500.
            var code = Prefer(op.CodesFor(500, _model), 500, "errors/unexpected_error");
            await WriteProblemAsync(context, record, 500, code, "Sandbox error", $"The sandbox could not answer {op.OperationId}: {e.GetType().Name}: {e.Message}", null).ConfigureAwait(false);
        }
    }

    private async Task WriteBodyAsync(HttpContext context, byte[] bytes, ScenarioRule? rule, SandboxRequest record)
    {
        switch (rule?.Kind)
        {
            case ScenarioKind.Reset:
            {
                var half = Math.Max(1, bytes.Length / 2);
                await context.Response.Body.WriteAsync(bytes.AsMemory(0, Math.Min(half, bytes.Length)), context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                record.ResponseStatus = 0;
                context.Abort();
                return;
            }

            case ScenarioKind.SlowBody:
            {
                await context.Response.StartAsync(context.RequestAborted).ConfigureAwait(false);
                const int chunks = 10;
                var size = Math.Max(1, (bytes.Length + chunks - 1) / chunks);
                var pause = rule.Duration / chunks;
                for (var offset = 0; offset < bytes.Length; offset += size)
                {
                    await Task.Delay(pause, context.RequestAborted).ConfigureAwait(false);
                    await context.Response.Body.WriteAsync(bytes.AsMemory(offset, Math.Min(size, bytes.Length - offset)), context.RequestAborted).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                }

                return;
            }

            default:
                await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>The account a call names: the query parameter, else the top-level body field, named by the operation's <c>x-postpress-account-key</c>.</summary>
    private static string? AccountOf(HttpContext context, string key, string? body)
    {
        if (context.Request.Query.TryGetValue(key, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]))
        {
            return values[0];
        }

        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Counts a call of <paramref name="account"/>; when the window is full, the <c>Retry-After</c> to answer instead.</summary>
    private TimeSpan? OverLimit(string account, SandboxAccountLimit limit)
    {
        var now = _options.TimeProvider.GetUtcNow();
        lock (_gate)
        {
            if (!_accountCalls.TryGetValue(account, out var calls))
            {
                _accountCalls[account] = calls = new Queue<DateTimeOffset>();
            }

            while (calls.Count > 0 && calls.Peek() + limit.Window <= now)
            {
                calls.Dequeue();
            }

            if (calls.Count >= limit.PermitLimit)
            {
                var wait = calls.Peek() + limit.Window - now;
                return TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(wait.TotalSeconds)));
            }

            calls.Enqueue(now);
            return null;
        }
    }

    private bool IsPerformed(string actionKey)
    {
        lock (_gate)
        {
            return _performed.Contains(actionKey);
        }
    }

    private ScenarioRule? TakeRule(string operationId)
    {
        lock (_gate)
        {
            var rule = _rules.FirstOrDefault(r => r.Remaining > 0 && (r.OperationId is null || r.OperationId == operationId));
            if (rule is null)
            {
                return null;
            }

            rule.Remaining--;
            if (rule.Remaining == 0)
            {
                _rules.Remove(rule);
            }

            return rule;
        }
    }

    private SandboxRequest Record(HttpContext context, string? operationId, ReceivedBody body)
    {
        var request = context.Request;
        var query = request.Query.ToDictionary(q => q.Key, q => (IReadOnlyList<string>)q.Value.Select(v => v ?? string.Empty).ToList(), StringComparer.Ordinal);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var hadKey = false;
        foreach (var (name, value) in request.Headers)
        {
            if (_model.ApiKeyHeader is { } keyHeader && string.Equals(name, keyHeader, StringComparison.OrdinalIgnoreCase))
            {
                hadKey = true;
                continue;
            }

            headers[name] = value.ToString();
        }

        var method = request.Method;
        var path = (request.PathBase + request.Path).ToString();
        var queryString = request.QueryString.Value ?? string.Empty;
        var restSize = SandboxRequest.TextSize(method, path, queryString, null, headers);

        // The journal keeps at most JournalMaxBodySize bytes of a body, and no more than the rest of the entry leaves of
        // JournalMaxBytes (2 bytes a character, and a character takes at least one byte of UTF-8).
        var journalBody = body.Text;
        var truncated = body.TooLarge;
        if (body.Bytes.Length > 0)
        {
            var keep = (int)Math.Min(Math.Min(_journalMaxBodySize, body.Bytes.Length), Math.Max(0, (_journalMaxBytes - restSize) / 2));
            if (keep < body.Bytes.Length)
            {
                var cut = Utf8Boundary(body.Bytes.Span, keep);
                journalBody = cut == 0 ? null : Encoding.UTF8.GetString(body.Bytes.Span[..cut]);
                truncated = true;
            }
            else
            {
                journalBody ??= Encoding.UTF8.GetString(body.Bytes.Span);
            }
        }

        var record = new SandboxRequest(operationId, method, path, queryString, query, headers, hadKey, journalBody, body.Length, truncated, DateTimeOffset.UtcNow);
        lock (_gate)
        {
            _journal.AddLast(record);
            _journalBytes += record.JournalSize;
            while (_journal.Count > _journalCapacity || (_journalBytes > _journalMaxBytes && _journal.Count > 1))
            {
                _journalBytes -= _journal.First!.Value.JournalSize;
                _journal.RemoveFirst();
            }
        }

        return record;
    }

    /// <summary>Whether the request's Content-Type is one the body documents (media types compared without parameters, ignoring case).</summary>
    private static bool AcceptsMediaType(RequestBodyModel body, string? contentType)
    {
        if (contentType is null || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var given))
        {
            return false;
        }

        foreach (var documented in body.MediaTypes)
        {
            if (Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(documented, out var d) && given.IsSubsetOf(d))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The media type served for a documented one (a range such as <c>image/*</c> is served as a concrete type) and a file extension.</summary>
    private static (string MediaType, string Extension) FileMediaType(string documented)
    {
        var bare = documented.Split(';')[0].Trim().ToLowerInvariant();
        return bare switch
        {
            "application/pdf" => (bare, ".pdf"),
            "image/*" or "image/png" => ("image/png", ".png"),
            "image/jpeg" => (bare, ".jpg"),
            "*/*" or "application/*" => ("application/octet-stream", ".bin"),
            _ when bare.StartsWith("text/", StringComparison.Ordinal) => (bare.Contains('*') ? "text/plain" : bare, ".txt"),
            _ => (bare.Contains('*') ? "application/octet-stream" : bare, ".bin"),
        };
    }

    private static string FileExample(OperationModel op, string mediaType) => mediaType switch
    {
        "application/pdf" => "%PDF-1.4\n% PostPress sandbox file for " + op.OperationId + "\n%%EOF\n",
        _ => "PostPress sandbox file for " + op.OperationId + "\n",
    };

    /// <summary>The largest length, at most <paramref name="max"/>, that does not cut a UTF-8 sequence of <paramref name="bytes"/> in two.</summary>
    internal static int Utf8Boundary(ReadOnlySpan<byte> bytes, int max)
    {
        if (bytes.Length <= max)
        {
            return bytes.Length;
        }

        // bytes[end] is the first byte left out: while it continues a sequence (10xxxxxx), that sequence started before
        // the cut, so leave it out whole (a UTF-8 sequence has at most 3 continuation bytes).
        var end = max;
        for (var i = 0; i < 3 && end > 0 && (bytes[end] & 0xC0) == 0x80; i++)
        {
            end--;
        }

        return end;
    }

    /// <summary>
    /// Reads the request body when <paramref name="read"/> (the API key is right, or not checked), streaming it up to
    /// <see cref="PostPressSandboxOptions.MaxRequestBodySize"/>: a declared <c>Content-Length</c> over the limit is not read
    /// at all, a chunked body is read until it passes the limit. Null when the client went away mid-body.
    /// </summary>
    /// <remarks>
    /// A body the sandbox leaves unread (or reads only in part) makes the response close the connection. Kestrel's own
    /// limit for the request (<see cref="KestrelBodyLimit"/>) is twice the sandbox's: after the response, Kestrel discards
    /// (never buffers) the rest of a body up to that size on the wire, so that a client that sends its whole body before it
    /// reads the response (HttpClient over HTTP/1.1 does) still gets it, and past it stops at once and closes the connection.
    /// </remarks>
    private async Task<ReceivedBody?> ReceiveBodyAsync(HttpContext context, bool read)
    {
        var request = context.Request;
        var hasBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody
            ?? (request.ContentLength > 0 || (request.ContentLength is null && request.Headers.ContainsKey("Transfer-Encoding")));
        if (!hasBody || request.ContentLength is 0)
        {
            return ReceivedBody.None;
        }

        var limit = _maxRequestBodySize;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } kestrelLimit)
        {
            kestrelLimit.MaxRequestBodySize = KestrelBodyLimit(limit);
        }

        if (!read)
        {
            CloseAfterResponse(context);
            return ReceivedBody.None;
        }

        if (request.ContentLength > limit)
        {
            CloseAfterResponse(context);
            return new ReceivedBody(ReadOnlyMemory<byte>.Empty, null, 0, TooLarge: true);
        }

        // Grown as bytes arrive (never sized from the declared Content-Length), at most limit + 1 bytes.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        long total = 0;
        try
        {
            while (true)
            {
                var want = (int)Math.Min(16 * 1024, limit - total + 1);
                var count = await request.Body.ReadAsync(buffer.GetMemory(want)[..want], context.RequestAborted).ConfigureAwait(false);
                if (count == 0)
                {
                    break;
                }

                buffer.Advance(count);
                total += count;
                if (total > limit)
                {
                    CloseAfterResponse(context);
                    return new ReceivedBody(buffer.WrittenMemory, null, total, TooLarge: true);
                }
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel, which parses chunks ahead of the sandbox's reads and counts their framing, saw the body pass its
            // own limit first (chunks of a few bytes each: more framing than data).
            CloseAfterResponse(context);
            return new ReceivedBody(buffer.WrittenMemory, null, total, TooLarge: true);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return null;
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
            return null;
        }

        var text = total == 0 ? null : Encoding.UTF8.GetString(buffer.WrittenSpan);
        return new ReceivedBody(buffer.WrittenMemory, text, total, TooLarge: false);
    }

    /// <summary>
    /// Kestrel's limit for a request body when the sandbox's is <paramref name="limit"/>: twice that (it counts chunk
    /// framing too), so that it never cuts a body the sandbox accepts, and discards at most that much of one it refused.
    /// </summary>
    internal static long? KestrelBodyLimit(long limit) => limit > long.MaxValue / 2 ? null : 2 * limit;

    private static void CloseAfterResponse(HttpContext context) => context.Response.Headers.Connection = "close";

    private async Task WriteTooLargeAsync(HttpContext context, SandboxRequest record, OperationModel? op)
    {
        const int status = StatusCodes.Status413PayloadTooLarge;
        var documented = op?.CodesFor(status, _model) ?? [];
        var code = Prefer(documented, status, ContentTooLargeCode);
        var title = op is null ? ReasonPhrases.GetReasonPhrase(status) : TitleFor(op, status);
        var detail = $"The request body is larger than the sandbox accepts ({_maxRequestBodySize.ToString(CultureInfo.InvariantCulture)} bytes, PostPressSandboxOptions.MaxRequestBodySize).";
        await WriteProblemAsync(context, record, status, code, title, detail, null).ConfigureAwait(false);
    }

    private bool HasValidApiKey(HttpContext context) =>
        context.Request.Headers.TryGetValue(_model.ApiKeyHeader!, out var values) && KeyMatches(values.ToString());

    private bool KeyMatches(string given) =>
        given.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(_options.ApiKey));

    private bool CheckApiKey(HttpContext context, OperationModel op, out string code)
    {
        var header = _model.ApiKeyHeader!;
        var codes = op.CodesFor(401, _model);
        if (!context.Request.Headers.TryGetValue(header, out var values) || string.IsNullOrEmpty(values.ToString()))
        {
            code = Prefer(codes, 401, "errors/missing_credentials");
            return false;
        }

        if (!KeyMatches(values.ToString()))
        {
            code = Prefer(codes, 401, "errors/invalid_credentials");
            return false;
        }

        code = string.Empty;
        return true;
    }

    /// <summary>The preferred code when the operation (else the spec) documents it for the status, else the first documented one.</summary>
    private string Prefer(IReadOnlyList<ErrorCode> documented, int status, params string[] preferred)
    {
        foreach (var p in preferred)
        {
            if (documented.Any(c => c.Code == p))
            {
                return p;
            }
        }

        foreach (var p in preferred)
        {
            if (_model.GlobalCodes.Any(c => c.Code == p && c.Status == status))
            {
                return p;
            }
        }

        return documented.FirstOrDefault()?.Code ?? preferred[0];
    }

    private string PickCode(OperationModel op, int status) =>
        op.CodesFor(status, _model).FirstOrDefault()?.Code ?? "errors/" + (ReasonPhrases.GetReasonPhrase(status).Replace(' ', '_').ToLowerInvariant() is { Length: > 0 } r ? r : "error");

    private static string TitleFor(OperationModel op, int status) =>
        op.Errors.TryGetValue(status, out var e) && e.Title is not null ? e.Title : ReasonPhrases.GetReasonPhrase(status);

    private string DescriptionFor(OperationModel op, int status, string code) =>
        op.CodesFor(status, _model).FirstOrDefault(c => c.Code == code)?.Description
        ?? _model.GlobalCodes.FirstOrDefault(c => c.Code == code)?.Description
        ?? ReasonPhrases.GetReasonPhrase(status);

    private async Task<(string Code, string Detail)?> ValidateAsync(HttpContext context, OperationModel op, string? body, byte[]? bytes)
    {
        var failure = Validate(context, op, body);
        if (op.Body is not { FormSchema: { } schema } formBody)
        {
            return failure;
        }

        var codes = op.CodesFor(400, _model);
        var problems = new List<string>();
        string? code = failure?.Code;
        if (failure is { } f)
        {
            problems.Add(f.Detail);
        }

        void Fail(string preferredCode, string message)
        {
            code ??= Prefer(codes, 400, preferredCode, "errors/invalid_parameters");
            problems.Add(message);
        }

        if (bytes is null)
        {
            if (formBody.Required)
            {
                Fail("errors/missing_parameters", "The request body is required.");
            }
        }
        else
        {
            var (form, error) = await FormBody.ParseAsync(context.Request.ContentType ?? string.Empty, bytes, context.RequestAborted).ConfigureAwait(false);
            if (form is null)
            {
                Fail("errors/malformed_request", error!);
            }
            else
            {
                var required = (schema["required"] as System.Text.Json.Nodes.JsonArray)?.Select(r => r?.GetValue<string>()).ToHashSet(StringComparer.Ordinal) ?? [];
                var properties = schema["properties"] as System.Text.Json.Nodes.JsonObject ?? [];
                foreach (var name in required)
                {
                    if (name is not null && !form.Has(name))
                    {
                        Fail("errors/missing_parameters", $"body field '{name}' is required.");
                    }
                }

                foreach (var (name, values) in form.Fields)
                {
                    if (properties[name] is System.Text.Json.Nodes.JsonObject property && formBody.FormSchemaPointer is { } pointer)
                    {
                        var value = ParameterValues.ToJson(property, [.. values]);
                        foreach (var problem in _validator.Validate(value, pointer + "/properties/" + name.Replace("~", "~0").Replace("/", "~1")).Take(5))
                        {
                            Fail("errors/invalid_parameters", $"body field '{name}': {problem}");
                        }
                    }
                }
            }
        }

        return code is null ? null : (code, string.Join(" ", problems));
    }

    private (string Code, string Detail)? Validate(HttpContext context, OperationModel op, string? body)
    {
        var codes = op.CodesFor(400, _model);
        var problems = new List<string>();
        string? code = null;
        void Fail(string preferredCode, string message)
        {
            code ??= Prefer(codes, 400, preferredCode, "errors/invalid_parameters");
            problems.Add(message);
        }

        foreach (var parameter in op.Parameters)
        {
            var raw = parameter.In switch
            {
                "path" => context.Request.RouteValues.TryGetValue(parameter.Name, out var rv) && rv is string s ? new[] { s } : [],
                "query" => context.Request.Query.TryGetValue(parameter.Name, out var qv) ? qv.Select(v => v ?? string.Empty).ToArray() : [],
                "header" => context.Request.Headers.TryGetValue(parameter.Name, out var hv) ? hv.Select(v => v ?? string.Empty).ToArray() : [],
                "cookie" => context.Request.Cookies.TryGetValue(parameter.Name, out var cv) ? [cv ?? string.Empty] : [],
                _ => [],
            };
            if (raw.Length == 0)
            {
                if (parameter.Required)
                {
                    Fail("errors/missing_parameters", $"{parameter.In} parameter '{parameter.Name}' is required.");
                }

                continue;
            }

            if (parameter.SchemaPointer is null)
            {
                continue;
            }

            var value = ParameterValues.ToJson(parameter.Schema, raw);
            foreach (var error in _validator.Validate(value, parameter.SchemaPointer))
            {
                var isLimit = op.Pagination?.LimitParameter == parameter.Name && error.Keyword == "maximum";
                Fail(isLimit ? "errors/limit_too_high" : "errors/invalid_parameters", $"{parameter.In} parameter '{parameter.Name}': {error}");
            }
        }

        // A body offering JSON and another type (text/plain, XML) is read as JSON only when the request says JSON.
        var sentJson = context.Request.ContentType is not { } sentType || sentType.Contains("json", StringComparison.OrdinalIgnoreCase);
        if (op.Body is { FormSchema: null } requestBody && (body is null || (sentJson && requestBody.MediaTypes.Any(m => m.Contains("json", StringComparison.OrdinalIgnoreCase)))))
        {
            if (body is null)
            {
                if (requestBody.Required)
                {
                    Fail("errors/missing_parameters", "The request body is required.");
                }
            }
            else
            {
                System.Text.Json.Nodes.JsonNode? node = null;
                var parsed = true;
                try
                {
                    node = System.Text.Json.Nodes.JsonNode.Parse(body);
                }
                catch (System.Text.Json.JsonException e)
                {
                    parsed = false;
                    Fail("errors/malformed_request", "The request body is not valid JSON: " + e.Message);
                }

                if (parsed && requestBody.SchemaPointer is { } bodySchema)
                {
                    foreach (var error in _validator.Validate(node, bodySchema).Take(10))
                    {
                        Fail("errors/invalid_parameters", "body " + error);
                    }
                }
            }
        }

        if (code is null)
        {
            return null;
        }

        var undocumented = op.Documents(400) ? string.Empty : " (this operation documents no 400; the code is the spec's ErrorType code for HTTP 400)";
        return (code, string.Join(" ", problems) + undocumented);
    }

    private (bool Ok, byte[]? Payload, (string Code, string Detail)? Problem) BuildSuccess(HttpContext context, OperationModel op)
    {
        if (op.SuccessSchemaPointer is null)
        {
            // application/json without a schema: the override's body, else the documented example, as they are.
            System.Text.Json.Nodes.JsonNode? raw;
            lock (_gate)
            {
                raw = _overrides.TryGetValue(op.OperationId, out var o) ? o.Body?.DeepClone() : null;
            }

            raw ??= op.SuccessExamples.FirstOrDefault()?.Value?.DeepClone();
            return (true, raw is null ? null : Serialize(raw), null);
        }

        ResponseOverride? chosen;
        List<VariantSelector> selectors;
        string? exampleName;
        System.Text.Json.Nodes.JsonNode? body;
        int version;
        SandboxDrift drift;
        lock (_gate)
        {
            _overrides.TryGetValue(op.OperationId, out chosen);
            selectors = chosen?.Selectors.ToList() ?? [];
            exampleName = chosen?.ExampleName;
            body = chosen?.Body?.DeepClone();
            version = chosen?.Version ?? 0;
            drift = chosen?.Drift ?? SandboxDrift.None;
        }

        if (body is not null)
        {
            return (true, Serialize(body), null);
        }

        var seed = PickExample(op, exampleName, selectors);
        if (op.Pagination is { } paging)
        {
            return BuildPage(context, op, paging, seed, selectors, version, drift);
        }

        var value = _examples.Build(op.SuccessSchemaPointer, seed?.Value, selectors);
        if (drift != SandboxDrift.None)
        {
            _examples.Drift(op.SuccessSchemaPointer, value, drift);
        }

        return (true, Serialize(value), null);
    }

    private NamedExample? PickExample(OperationModel op, string? exampleName, List<VariantSelector> selectors)
    {
        if (exampleName is not null)
        {
            return op.SuccessExamples.FirstOrDefault(e => e.Name == exampleName);
        }

        var branches = _examples.Branches(op.SuccessSchemaPointer!);
        if (branches.Count > 0)
        {
            foreach (var selector in selectors.Where(s => s.Property is null))
            {
                var branch = branches.FirstOrDefault(b => b.DiscriminatorValues.Contains(selector.Variant, StringComparer.OrdinalIgnoreCase)
                    || b.Names.Contains(selector.Variant, StringComparer.OrdinalIgnoreCase));
                if (branch is null)
                {
                    continue;
                }

                // The first example of that variant, else none (the variant is generated from its schema).
                return op.SuccessExamples.FirstOrDefault(e => branch.DiscriminatorProperty is { } prop
                    ? branch.DiscriminatorValues.Contains(OpenApiModel.GetString(e.Value, prop) ?? string.Empty, StringComparer.OrdinalIgnoreCase)
                    : false);
            }
        }

        // Paged: the first example that has items, so that the data set's items start from a documented one.
        if (op.Pagination is { } paging)
        {
            return op.SuccessExamples.FirstOrDefault(e => e.Value?[paging.ItemsField] is System.Text.Json.Nodes.JsonArray { Count: > 0 })
                ?? op.SuccessExamples.FirstOrDefault();
        }

        return op.SuccessExamples.FirstOrDefault();
    }

    private (bool Ok, byte[]? Payload, (string Code, string Detail)? Problem) BuildPage(
        HttpContext context, OperationModel op, PaginationModel paging, NamedExample? seed, List<VariantSelector> selectors, int version, SandboxDrift drift)
    {
        var offset = 0;
        if (context.Request.Query.TryGetValue(paging.CursorParameter, out var cursorValues) && cursorValues.ToString() is { Length: > 0 } cursor)
        {
            if (!TryDecodeCursor(op.OperationId, cursor, out offset))
            {
                var code = Prefer(op.CodesFor(400, _model), 400, "errors/invalid_parameters");
                return (false, null, (code, $"query parameter '{paging.CursorParameter}': not a cursor this sandbox issued."));
            }
        }

        var limit = DefaultPageSize;
        if (paging.LimitParameter is { } limitName)
        {
            if (context.Request.Query.TryGetValue(limitName, out var limitValues)
                && int.TryParse(limitValues.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var given) && given > 0)
            {
                limit = given;
            }
            else if (op.Parameters.FirstOrDefault(p => p.Name == limitName)?.Schema?["default"] is System.Text.Json.Nodes.JsonValue d
                && d.TryGetValue<int>(out var fallback) && fallback > 0)
            {
                limit = fallback;
            }
        }

        var items = DataSet(op, paging, seed, selectors, version);
        var page = _examples.Build(op.SuccessSchemaPointer!, seed?.Value, selectors) as System.Text.Json.Nodes.JsonObject ?? [];
        var slice = new System.Text.Json.Nodes.JsonArray();
        var end = Math.Min(items.Count, offset + limit);
        for (var i = offset; i < end; i++)
        {
            slice.Add(items[i].Node?.DeepClone());
        }

        page[paging.ItemsField] = slice;
        page[paging.NextCursorField] = end < items.Count ? EncodeCursor(op.OperationId, end) : null;
        if (drift != SandboxDrift.None)
        {
            _examples.Drift(op.SuccessSchemaPointer!, page, drift);
        }

        return (true, Serialize(page), null);
    }

    private List<JsonNodeBox> DataSet(OperationModel op, PaginationModel paging, NamedExample? seed, List<VariantSelector> selectors, int version)
    {
        lock (_gate)
        {
            if (_dataSets.TryGetValue(op.OperationId, out var cached) && cached.Version == version)
            {
                return cached.Items;
            }
        }

        var count = _options.ItemCounts.TryGetValue(op.OperationId, out var configured) ? configured : _options.DefaultItemCount;
        var itemsPointer = _examples.PropertyPointer(op.SuccessSchemaPointer!, paging.ItemsField) is { } arrayPointer
            ? ItemsPointer(arrayPointer)
            : null;
        var itemSeed = seed?.Value?[paging.ItemsField] is System.Text.Json.Nodes.JsonArray { Count: > 0 } seedItems ? seedItems[0] : null;
        var items = new List<JsonNodeBox>(Math.Max(0, count));
        for (var i = 0; i < count; i++)
        {
            System.Text.Json.Nodes.JsonNode? item = null;
            if (itemsPointer is not null)
            {
                item = _examples.Build(itemsPointer, itemSeed, selectors, i + 1);
                _examples.Vary(itemsPointer, item, i + 1);
            }

            items.Add(new JsonNodeBox(item));
        }

        lock (_gate)
        {
            _dataSets[op.OperationId] = (version, items);
        }

        return items;
    }

    private string? ItemsPointer(string arrayPointer)
    {
        var (array, resolved) = _model.Resolve(_model.At(arrayPointer), arrayPointer);
        return array is System.Text.Json.Nodes.JsonObject a && a["items"] is not null ? resolved + "/items" : null;
    }

    private string EncodeCursor(string operationId, int offset)
    {
        var payload = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(payload, offset);
        var mac = HMACSHA256.HashData(_cursorKey, Encoding.UTF8.GetBytes(operationId).Concat(payload).ToArray());
        return WebEncoders.Base64UrlEncode(payload.Concat(mac.Take(12)).ToArray());
    }

    private bool TryDecodeCursor(string operationId, string cursor, out int offset)
    {
        offset = 0;
        byte[] bytes;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(cursor);
        }
        catch (FormatException)
        {
            return false;
        }

        if (bytes.Length != 16)
        {
            return false;
        }

        var mac = HMACSHA256.HashData(_cursorKey, Encoding.UTF8.GetBytes(operationId).Concat(bytes.Take(4)).ToArray());
        if (!CryptographicOperations.FixedTimeEquals(mac.AsSpan(0, 12), bytes.AsSpan(4)))
        {
            return false;
        }

        offset = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes);
        return offset >= 0;
    }

    private async Task WriteProblemAsync(HttpContext context, SandboxRequest record, int status, string code, string title, string detail, TimeSpan? retryAfter)
    {
        var requestId = "req_sandbox_" + Interlocked.Increment(ref _requestCounter).ToString("D6", CultureInfo.InvariantCulture);
        var problem = new System.Text.Json.Nodes.JsonObject
        {
            ["title"] = title,
            ["detail"] = detail,
            ["instance"] = requestId,
            ["type"] = code,
            ["status"] = status,
        };
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["X-Request-Id"] = requestId;
        if (retryAfter is { } delay)
        {
            context.Response.Headers.RetryAfter = ((long)Math.Ceiling(Math.Max(0, delay.TotalSeconds))).ToString(CultureInfo.InvariantCulture);
        }

        record.ResponseStatus = status;
        var bytes = Serialize(problem);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    private static byte[] Serialize(System.Text.Json.Nodes.JsonNode? node)
    {
        using var stream = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(stream))
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        return stream.ToArray();
    }

    private sealed record JsonNodeBox(System.Text.Json.Nodes.JsonNode? Node);

    /// <summary>What the sandbox read of a request body: its bytes (up to the limit + 1), its text when complete, how many bytes it read, whether it was over the limit.</summary>
    private sealed record ReceivedBody(ReadOnlyMemory<byte> Bytes, string? Text, long Length, bool TooLarge)
    {
        public static readonly ReceivedBody None = new(ReadOnlyMemory<byte>.Empty, null, 0, TooLarge: false);
    }
}
