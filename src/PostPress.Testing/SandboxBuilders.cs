using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using PostPress.Testing.Internal;

namespace PostPress.Testing;

/// <summary>
/// Chooses what one operation answers (from <see cref="PostPressSandbox.Respond"/>): a documented example by name, the
/// variants of its unions, or a body of your own. The choice holds until changed or <see cref="Reset"/>.
/// </summary>
public sealed class SandboxResponseBuilder
{
    private readonly PostPressSandbox _sandbox;
    private readonly string _operationId;

    internal SandboxResponseBuilder(PostPressSandbox sandbox, string operationId)
    {
        _sandbox = sandbox;
        _operationId = operationId;
    }

    /// <summary>Answers with the documented example of this name (see <see cref="SandboxOperation.ExampleNames"/>).</summary>
    /// <exception cref="ArgumentException">The operation documents no example of that name.</exception>
    public SandboxResponseBuilder WithExample(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _sandbox.UpdateOverride(_operationId, o =>
        {
            if (!_sandbox.Operation(_operationId).SuccessExamples.Any(e => e.Name == name))
            {
                throw new ArgumentException($"Operation '{_operationId}' documents no example named '{name}'.", nameof(name));
            }

            o.ExampleName = name;
        });
        return this;
    }

    /// <summary>
    /// Picks a variant of any union in the response that has one of this name: a discriminator value
    /// (<c>"LINKEDIN"</c>, <c>"MAIL"</c>, <c>"NOTE_EDITED"</c>), a schema name (<c>"RecruiterSeatError"</c>,
    /// <c>"Seat"</c>, the SDK's class name <c>"RecruiterSeat"</c>) or <c>"null"</c> for a union's null branch; the generated
    /// constants name them (<c>AccountVariants.Mail</c>, <c>RecruiterSeatStatusVariants.RecruiterSeat</c>). A documented
    /// example of that variant is used when there is one; otherwise the variant is generated from its schema.
    /// </summary>
    /// <exception cref="ArgumentException">No union of the operation's response has a variant of that name (the message lists the valid ones).</exception>
    public SandboxResponseBuilder WithVariant(string variant) => WithVariant(null, variant);

    /// <summary>
    /// Picks a variant of the unions found at a property of this name (<c>WithVariant("recruiter", "null")</c>,
    /// <c>WithVariant("sales_navigator", "SalesNavigatorSeatError")</c>); see <see cref="WithVariant(string)"/>.
    /// </summary>
    /// <param name="property">The JSON property name the union is the value of; null for any union.</param>
    /// <param name="variant">The discriminator value or variant name.</param>
    /// <exception cref="ArgumentException">
    /// No union of the operation's response sits at <paramref name="property"/>, or none there has a variant of that name
    /// (the message lists the valid ones).
    /// </exception>
    public SandboxResponseBuilder WithVariant(string? property, string variant)
    {
        ArgumentException.ThrowIfNullOrEmpty(variant);
        _sandbox.CheckVariant(_operationId, property, variant);
        _sandbox.UpdateOverride(_operationId, o => o.Selectors.Add(new VariantSelector(property, variant)));
        return this;
    }

    /// <summary>Answers with this JSON body (validated as JSON, not against the schema: send anything you want to test with).</summary>
    /// <exception cref="ArgumentException"><paramref name="json"/> is not JSON.</exception>
    public SandboxResponseBuilder WithBody(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ArgumentException("The body is not valid JSON: " + e.Message, nameof(json), e);
        }

        _sandbox.UpdateOverride(_operationId, o => o.Body = node ?? JsonValue.Create("null"));
        return this;
    }

    /// <summary>The name of the field <see cref="SandboxDrift.ExtraField"/> adds (a field no schema declares).</summary>
    public const string DriftFieldName = "sandbox_drift_field";

    /// <summary>The value <see cref="SandboxDrift.UnknownEnumValue"/> puts in an enum field (a value no enum lists).</summary>
    public const string DriftEnumValue = "SANDBOX_DRIFT_VALUE";

    /// <summary>The discriminator value <see cref="SandboxDrift.UnknownVariant"/> puts on a union (a variant no union lists).</summary>
    public const string DriftVariantValue = "SANDBOX_DRIFT_VARIANT";

    /// <summary>
    /// Makes the answer drift from the API description (to test a client's <c>ResponseValidation</c>), otherwise
    /// unchanged and valid: <see cref="SandboxDrift.ExtraField"/> adds <see cref="DriftFieldName"/> to the outermost
    /// object; <see cref="SandboxDrift.UnknownEnumValue"/> sets the first enum field found (depth first, not a union's
    /// discriminator) to <see cref="DriftEnumValue"/>; <see cref="SandboxDrift.UnknownVariant"/> sets the discriminator
    /// of the first union found to <see cref="DriftVariantValue"/> (the drifts inside that object are then part of the
    /// unknown variant). Applies to generated and example answers (and every page of a list), not to
    /// <see cref="WithBody"/>. <see cref="SandboxDrift.None"/> turns it off.
    /// </summary>
    /// <param name="drift">The kinds of drift to apply.</param>
    /// <exception cref="ArgumentException">The operation's response has no enum (for <see cref="SandboxDrift.UnknownEnumValue"/>) or no union with a discriminator (for <see cref="SandboxDrift.UnknownVariant"/>), or the operation answers no JSON body.</exception>
    public SandboxResponseBuilder WithDrift(SandboxDrift drift)
    {
        if ((drift & ~SandboxDrift.All) != 0)
        {
            throw new ArgumentException("Unknown SandboxDrift flags: " + drift + ".", nameof(drift));
        }

        _sandbox.CheckDrift(_operationId, drift);
        _sandbox.UpdateOverride(_operationId, o => o.Drift = drift);
        return this;
    }

    /// <summary>
    /// <see cref="WithDrift(SandboxDrift)"/> with one switch per kind:
    /// <c>Respond(SandboxOperations.GetAccount).WithDrift(extraField: true, unknownEnumValue: true)</c>.
    /// </summary>
    /// <param name="extraField">Add a field no schema declares.</param>
    /// <param name="unknownEnumValue">Put a value no enum lists in an enum field.</param>
    /// <param name="unknownVariant">Put a discriminator value no union lists on a union.</param>
    /// <returns>This builder.</returns>
    public SandboxResponseBuilder WithDrift(bool extraField = false, bool unknownEnumValue = false, bool unknownVariant = false) =>
        WithDrift((extraField ? SandboxDrift.ExtraField : SandboxDrift.None)
            | (unknownEnumValue ? SandboxDrift.UnknownEnumValue : SandboxDrift.None)
            | (unknownVariant ? SandboxDrift.UnknownVariant : SandboxDrift.None));

    /// <summary>Goes back to the default answer (the first documented example, else one generated from the schema).</summary>
    public SandboxResponseBuilder Reset()
    {
        _sandbox.UpdateOverride(_operationId, o =>
        {
            o.ExampleName = null;
            o.Selectors.Clear();
            o.Body = null;
            o.Drift = SandboxDrift.None;
        });
        return this;
    }
}

/// <summary>The kinds of schema drift <see cref="SandboxResponseBuilder.WithDrift(SandboxDrift)"/> applies to an answer.</summary>
[Flags]
public enum SandboxDrift
{
    /// <summary>No drift (the default).</summary>
    None = 0,

    /// <summary>A field no schema declares (<see cref="SandboxResponseBuilder.DriftFieldName"/>) on the outermost object.</summary>
    ExtraField = 1,

    /// <summary>An enum field set to a value the enum does not list (<see cref="SandboxResponseBuilder.DriftEnumValue"/>).</summary>
    UnknownEnumValue = 2,

    /// <summary>A union's discriminator set to a variant it does not list (<see cref="SandboxResponseBuilder.DriftVariantValue"/>).</summary>
    UnknownVariant = 4,

    /// <summary>All three.</summary>
    All = ExtraField | UnknownEnumValue | UnknownVariant,
}

/// <summary>
/// What the next calls answer (from <see cref="PostPressSandbox.Next"/>): a status with a documented code,
/// a 429/503 with <c>Retry-After</c>, a connection reset, a delay, a slow body, or a write that is performed and then
/// not answered (dropped, delayed past the client's timeout, or a 504). Each call of one of these methods
/// queues one rule for the given number of calls; queued rules apply in order.
/// </summary>
public sealed class SandboxScenarioBuilder
{
    private readonly PostPressSandbox _sandbox;
    private readonly int _calls;
    private readonly string? _operationId;

    internal SandboxScenarioBuilder(PostPressSandbox sandbox, int calls, string? operationId)
    {
        _sandbox = sandbox;
        _calls = calls;
        _operationId = operationId;
    }

    /// <summary>
    /// Answers with problem details of this status and code. Without a code, the first code the operation documents for
    /// that status (else the first code of the spec's <c>ErrorType</c> for that status).
    /// </summary>
    /// <param name="status">An HTTP error status (400-599).</param>
    /// <param name="errorType">The <c>errors/...</c> code (<see cref="SandboxErrors"/>); null for the documented default.</param>
    /// <param name="retryAfter">A <c>Retry-After</c> header (whole seconds), if any.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is not between 400 and 599.</exception>
    /// <exception cref="ArgumentException">The spec documents no error code <paramref name="errorType"/> (the message lists the valid ones).</exception>
    public void Fail(int status, string? errorType = null, TimeSpan? retryAfter = null)
    {
        if (status is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "An error status is between 400 and 599.");
        }

        if (errorType is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(errorType);
            _sandbox.CheckErrorCode(_operationId, status, errorType);
        }

        Add(new ScenarioRule(ScenarioKind.Fail) { Status = status, ErrorType = errorType, RetryAfter = retryAfter });
    }

    /// <summary>Answers 429 <c>errors/too_many_requests</c> with <c>Retry-After</c> (1 s by default).</summary>
    public void RateLimit(TimeSpan? retryAfter = null) => Fail(429, null, retryAfter ?? TimeSpan.FromSeconds(1));

    /// <summary>Answers 503 (the first documented code, e.g. <c>errors/no_client_session</c>, unless given) with <c>Retry-After</c> (1 s by default).</summary>
    /// <exception cref="ArgumentException">The spec documents no error code <paramref name="errorType"/>.</exception>
    public void ServiceUnavailable(TimeSpan? retryAfter = null, string? errorType = null) => Fail(503, errorType, retryAfter ?? TimeSpan.FromSeconds(1));

    /// <summary>Sends the status line, headers and half of the body, then aborts the connection (the client sees a reset mid-body).</summary>
    public void ResetConnection() => Add(new ScenarioRule(ScenarioKind.Reset));

    /// <summary>Waits this long before answering (before the response headers).</summary>
    public void Delay(TimeSpan delay) => Add(new ScenarioRule(ScenarioKind.Delay) { Duration = Positive(delay, nameof(delay)) });

    /// <summary>Sends the headers at once and then the body in small chunks spread over <paramref name="duration"/>.</summary>
    public void SlowBody(TimeSpan duration) => Add(new ScenarioRule(ScenarioKind.SlowBody) { Duration = Positive(duration, nameof(duration)) });

    /// <summary>
    /// Performs the call (for an operation with <c>x-postpress-duplicate-error</c>, remembers the action so a repeat is
    /// answered with that error), then aborts the connection without answering: the client cannot know it was performed.
    /// </summary>
    public void ApplyThenDropConnection() => Add(new ScenarioRule(ScenarioKind.ApplyThenDrop));

    /// <summary>Performs the call (remembered as <see cref="ApplyThenDropConnection"/> does), then holds the answer back for <paramref name="delay"/> (longer than the client's attempt timeout: it times out).</summary>
    public void ApplyThenDelay(TimeSpan delay) => Add(new ScenarioRule(ScenarioKind.ApplyThenDelay) { Duration = Positive(delay, nameof(delay)) });

    /// <summary>Performs the call (remembered as <see cref="ApplyThenDropConnection"/> does), then answers 504 with the operation's documented code.</summary>
    public void ApplyThenGatewayTimeout() => Add(new ScenarioRule(ScenarioKind.ApplyThenGatewayTimeout) { Status = 504 });

    private static TimeSpan Positive(TimeSpan value, string name) =>
        value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, "Must be positive.");

    private void Add(ScenarioRule rule)
    {
        rule.Remaining = _calls;
        rule.OperationId = _operationId;
        _sandbox.AddRule(rule);
    }
}

internal enum ScenarioKind
{
    Fail,
    Reset,
    Delay,
    SlowBody,
    ApplyThenDrop,
    ApplyThenDelay,
    ApplyThenGatewayTimeout,
}

internal sealed class ScenarioRule(ScenarioKind kind)
{
    public ScenarioKind Kind { get; } = kind;

    public string? OperationId { get; set; }

    public int Remaining { get; set; }

    public int Status { get; init; }

    public string? ErrorType { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    public TimeSpan Duration { get; init; }
}

internal sealed class ResponseOverride
{
    public string? ExampleName { get; set; }

    public List<VariantSelector> Selectors { get; } = [];

    public JsonNode? Body { get; set; }

    public SandboxDrift Drift { get; set; }

    public int Version { get; set; }
}
