using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using PostPress.Tests.Support;
using Xunit;

namespace PostPress.Tests.Requests;

/// <summary>
/// Every string that goes on the wire (plain strings, extensible enum values, array items, body fields) gets the same
/// checks: well-formed UTF-16 and, in the URL, the length cap. A failure is an <see cref="ArgumentException"/> naming
/// the parameter (and the JSON path in its message) and nothing reaches the server.
/// </summary>
public sealed class WireStringValidationTests : IDisposable
{
    private const string LoneHigh = "\uD800";
    private const string LoneLow = "\uDC00";

    private readonly MockApi _api = new();

    public void Dispose() => _api.Dispose();

    // Built in the test, keyed by name: xunit serializes theory data as UTF-8, which would turn a lone surrogate into
    // U+FFFD before the test sees it.
    private static readonly Dictionary<string, (string Parameter, string Path, Func<IPostPressClient, Task> Call)> Cases = new()
    {
        ["section selector with a lone surrogate"] = ("options.LinkedInSections", "options.LinkedInSections[1]",
            c => c.Users.GetProfileAsync("u", "acc", Sections(LinkedInSectionSelector.Experience, new LinkedInSectionSelector("skills" + LoneHigh)))),
        ["section selector that is only a lone surrogate"] = ("options.LinkedInSections", "options.LinkedInSections[0]",
            c => c.Users.GetProfileAsync("u", "acc", Sections(new LinkedInSectionSelector(LoneHigh)))),
        ["section selector longer than a URL parameter may be"] = ("options.LinkedInSections", "options.LinkedInSections[0]",
            c => c.Users.GetProfileAsync("u", "acc", Sections(new LinkedInSectionSelector(new string('s', Validate.MaxUrlParameterLength + 1))))),
        ["blank section selector"] = ("options.LinkedInSections", "options.LinkedInSections[0]",
            c => c.Users.GetProfileAsync("u", "acc", Sections(new LinkedInSectionSelector("  ")))),
        ["linkedin_api with a lone surrogate"] = ("options.LinkedInApi", "options.LinkedInApi",
            c => c.Users.GetProfileAsync("u", "acc", new UserProfileOptions { LinkedInApi = "sales" + LoneLow })),
        ["filter with a lone surrogate"] = ("filter", "filter", c => c.Users.ListRelationsAsync("acc", filter: "a" + LoneLow)),
        ["filter longer than a URL parameter may be"] = ("filter", "filter", c => c.Users.ListRelationsAsync("acc", filter: new string('f', Validate.MaxUrlParameterLength + 1))),
        ["cursor with a lone surrogate"] = ("cursor", "cursor", c => c.Users.ListRelationsAsync("acc", cursor: LoneHigh + "c")),
        ["ListAll filter with a lone surrogate"] = ("filter", "filter", c => FirstItem(c.Users.ListAllRelationsAsync("acc", filter: LoneHigh))),
        ["AsPages cursor with a lone surrogate"] = ("cursor", "cursor", c => FirstItem(c.Users.ListAllRelationsAsync("acc").AsPages(LoneLow))),
        ["body account_id with a lone surrogate"] = ("request", "request.account_id",
            c => c.LinkedIn.PerformUserActionAsync("u", new SalesNavigatorSaveLeadRequest { AccountId = "acc" + LoneHigh })),
        ["body list_id with a lone surrogate"] = ("request", "request.list_id",
            c => c.LinkedIn.PerformUserActionAsync("u", new SalesNavigatorSaveLeadRequest { AccountId = "acc", ListId = LoneLow })),
        ["body hiring_project_id with a lone surrogate"] = ("request", "request.hiring_project_id",
            c => c.LinkedIn.PerformUserActionAsync("u", new RecruiterPipelineActionRequest { AccountId = "acc", HiringProjectId = "p" + LoneHigh })),
        ["body stage (enum) with a lone surrogate"] = ("request", "request.stage",
            c => c.LinkedIn.PerformUserActionAsync("u", new RecruiterPipelineActionRequest { AccountId = "acc", HiringProjectId = "p", Stage = new RecruiterPipelineStage(LoneHigh) })),
        ["body reason (enum) with a lone surrogate"] = ("request", "request.reason",
            c => c.LinkedIn.PerformUserActionAsync("u", new RecruiterRejectApplicantRequest { AccountId = "acc", HiringProjectId = "p", Reason = new RecruiterRejectionReason("NOT_A_FIT" + LoneLow) })),
        ["body rejection_notification.message with a lone surrogate"] = ("request", "request.rejection_notification.message",
            c => c.LinkedIn.PerformUserActionAsync("u", new RecruiterRejectApplicantRequest
            {
                AccountId = "acc",
                HiringProjectId = "p",
                Reason = RecruiterRejectionReason.WithdrewApplication,
                RejectionNotification = new RejectionNotification { Message = "Thanks " + LoneHigh },
            })),
        ["body action (discriminator) with a lone surrogate"] = ("request", "request.action",
            c => c.LinkedIn.PerformUserActionAsync("u", new SalesNavigatorSaveLeadRequest { AccountId = "acc", Action = new LinkedInUserActionRequestAction("saveLead" + LoneHigh) })),
        ["body extension field with a lone surrogate"] = ("request", "request.note",
            c => c.LinkedIn.PerformUserActionAsync("u", Extra(LinkedInUserAction.SaveLead("acc"), "note", "n" + LoneHigh))),
        ["body extension field name with a lone surrogate"] = ("request", "request['n\\uD800']",
            c => c.LinkedIn.PerformUserActionAsync("u", Extra(LinkedInUserAction.SaveLead("acc"), "n" + LoneHigh, "v"))),
        ["body extension object with a lone surrogate deep inside"] = ("request", "request.meta.tags[1]",
            c => c.LinkedIn.PerformUserActionAsync("u", Extra(LinkedInUserAction.SaveLead("acc"), "meta", Newtonsoft.Json.Linq.JObject.FromObject(new { tags = new[] { "ok", "t" + LoneLow } })))),
        ["body extension list with a lone surrogate"] = ("request", "request.labels[0]",
            c => c.LinkedIn.PerformUserActionAsync("u", Extra(LinkedInUserAction.SaveLead("acc"), "labels", new List<string> { LoneHigh }))),
        ["body extension field repeating the discriminator"] = ("request", "request.action",
            c => c.LinkedIn.PerformUserActionAsync("u", Extra(LinkedInUserAction.SaveLead("acc"), "action", "rejectApplicant"))),
        ["body extension field repeating a declared field"] = ("request", "request.rejection_notification.message",
            c =>
            {
                var r = LinkedInUserAction.RejectApplicant("acc", "p", RecruiterRejectionReason.WithdrewApplication, "Thanks");
                r.RejectionNotification!.AdditionalProperties["message"] = "another";
                return c.LinkedIn.PerformUserActionAsync("u", r);
            }),
        ["body api (const) with a lone surrogate"] = ("request", "request.api",
            c => c.LinkedIn.PerformUserActionAsync("u", new SalesNavigatorSaveLeadRequest { AccountId = "acc", Api = LoneLow })),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Refused_naming_the_parameter_before_any_request(string name)
    {
        var (parameter, path, call) = Cases[name];
        using var client = _api.Client(o => o.MaxRetries = 0);

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => call(client));

        Assert.True(parameter == ex.ParamName, name + ": expected parameter " + parameter + " but was " + ex.ParamName + " (" + ex.Message + ")");
        Assert.True(ex.Message.Contains(path, StringComparison.Ordinal), name + ": the message does not name " + path + ": " + ex.Message);
        Assert.True(Validate.IndexOfLoneSurrogate(ex.Message) < 0, name + ": the message itself carries a lone surrogate");
        Assert.True(ex.Message.Length < 600, name + ": the message echoes the value: " + ex.Message.Length);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task A_well_formed_section_selector_and_filter_are_sent_as_they_are()
    {
        using var server = new RawHttpServer((request, connection) => connection.Respond(404, "{}"));
        using var client = new PostPressClient(RawOptions.For(server, configure: o => o.MaxRetries = 0));

        await Assert.ThrowsAnyAsync<PostPressApiException>(() => client.Users.GetProfileAsync("u", "acc", Sections(new LinkedInSectionSelector("new_section_\uD83D\uDE00"))));
        await Assert.ThrowsAnyAsync<PostPressApiException>(() => client.Users.ListRelationsAsync("acc", filter: "Zo\uD83D\uDE00"));

        var targets = server.Requests.Select(r => r.Target).ToList();
        Assert.Equal(2, targets.Count);
        Assert.Contains("linkedin_sections=new_section_%F0%9F%98%80", targets[0], StringComparison.Ordinal);
        Assert.Contains("filter=Zo%F0%9F%98%80", targets[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Well_formed_extension_fields_are_sent()
    {
        using var client = _api.Client(o => o.MaxRetries = 0);
        var request = Extra(LinkedInUserAction.SaveLead("acc"), "note", "caf\u00E9 \uD83D\uDE00");
        request.AdditionalProperties["meta"] = Newtonsoft.Json.Linq.JObject.FromObject(new { tags = new[] { "a", "b" } });

        await Assert.ThrowsAnyAsync<PostPressApiException>(() => client.LinkedIn.PerformUserActionAsync("u", request));

        var body = Newtonsoft.Json.Linq.JObject.Parse(Assert.Single(_api.Requests).RequestMessage.Body!);
        Assert.Equal("caf\u00E9 \uD83D\uDE00", (string?)body["note"]);
        Assert.Equal("b", (string?)body["meta"]!["tags"]![1]);
    }

    [Theory]
    [InlineData("accountId")]
    [InlineData("hiringProjectId")]
    [InlineData("notificationMessage")]
    [InlineData("listId")]
    [InlineData("stage")]
    [InlineData("reason")]
    public void Builders_refuse_a_lone_surrogate_naming_their_argument(string argument)
    {
        Action build = argument switch
        {
            "accountId" => () => LinkedInUserAction.SaveLead("acc" + LoneHigh),
            "hiringProjectId" => () => LinkedInUserAction.AddCandidateToPipeline("acc", LoneLow + "p"),
            "notificationMessage" => () => LinkedInUserAction.RejectApplicant("acc", "p", RecruiterRejectionReason.WithdrewApplication, "Thanks" + LoneHigh),
            "listId" => () => LinkedInUserAction.SaveLead("acc", LoneLow),
            "stage" => () => LinkedInUserAction.ChangeCandidatePipeline("acc", "p", new RecruiterPipelineStage(LoneHigh)),
            _ => () => LinkedInUserAction.RejectApplicant("acc", "p", new RecruiterRejectionReason(LoneLow)),
        };

        var ex = Assert.ThrowsAny<ArgumentException>(build);

        Assert.Equal(argument, ex.ParamName);
        Assert.Contains("surrogate", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The sweep that keeps future operations honest: every method of every resource, every string-ish input (string
    /// and enum parameters, items of array parameters, options properties, and every string or enum field of every
    /// documented request body, nested ones included) gets a lone surrogate in turn; each must be refused with an
    /// ArgumentException naming its parameter and path, without a request.
    /// </summary>
    [Fact]
    public async Task Every_string_ish_input_of_every_operation_refuses_a_lone_surrogate()
    {
        using var client = _api.Client(o => o.MaxRetries = 0);
        var failures = new List<string>();
        var swept = new List<string>();
        var resources = typeof(IPostPressClient).GetProperties().Where(p => p.PropertyType.Name.EndsWith("Resource", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(resources);
        foreach (var resourceProperty in resources)
        {
            var resource = resourceProperty.GetValue(client)!;
            foreach (var method in resourceProperty.PropertyType.GetMethods())
            {
                var parameters = method.GetParameters();
                var baseline = new Func<object?>[parameters.Length];
                var missing = false;
                for (int i = 0; i < parameters.Length; i++)
                {
                    var factory = Baseline(parameters[i]);
                    if (factory is null)
                    {
                        failures.Add($"{method.Name}({parameters[i].Name}): no valid sample for {parameters[i].ParameterType}; add one to {nameof(Baseline)}.");
                        missing = true;
                    }

                    baseline[i] = factory!;
                }

                if (missing)
                {
                    continue;
                }

                if (await Invoke(method, resource, baseline.Select(f => f()).ToArray()) is ArgumentException refused)
                {
                    failures.Add($"{method.Name}: the valid sample arguments are refused: {refused.Message}");
                    continue;
                }

                for (int i = 0; i < parameters.Length; i++)
                {
                    foreach (var slot in Slots(parameters[i]))
                    {
                        var label = method.Name + " " + slot.Path;
                        swept.Add(label);
                        var args = baseline.Select(f => f()).ToArray();
                        args[i] = slot.Value();
                        var requestsBefore = _api.Requests.Count;
                        var error = await Invoke(method, resource, args);
                        if (error is not ArgumentException ex)
                        {
                            failures.Add($"{label}: not refused ({error?.GetType().Name ?? "the call succeeded"}).");
                        }
                        else if (ex.ParamName != slot.Parameter)
                        {
                            failures.Add($"{label}: refused naming '{ex.ParamName}' instead of '{slot.Parameter}': {ex.Message}");
                        }
                        else if (!ex.Message.Contains(slot.Path, StringComparison.Ordinal))
                        {
                            failures.Add($"{label}: the message does not name the path: {ex.Message}");
                        }

                        if (_api.Requests.Count != requestsBefore)
                        {
                            failures.Add($"{label}: a request reached the server.");
                        }
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // The sweep really covers the kinds of inputs (a broken reflection walk would pass vacuously).
        Assert.Contains("GetProfileAsync options.LinkedInSections[1]", swept);
        Assert.Contains("GetProfileWithResponseAsync options.LinkedInApi", swept);
        Assert.Contains("ListAllRelationsAsync filter", swept);
        Assert.Contains("GetAsync id", swept);
        Assert.Contains("GetAsync requestOptions.ApiKey", swept); // the per-call overloads too
        Assert.Contains("PerformUserActionAsync request.stage", swept);
        Assert.Contains("PerformUserActionAsync request.reason", swept);
        Assert.Contains("PerformUserActionAsync request.rejection_notification.message", swept);
        Assert.Contains("PerformUserActionAsync request.list_id", swept);
        Assert.Contains("PerformUserActionAsync request.action", swept);
        Assert.Contains("PerformUserActionAsync request.extra_field", swept);
        Assert.Contains("PerformUserActionAsync request.rejection_notification.extra_field", swept);
    }

    private sealed record Slot(string Parameter, string Path, Func<object?> Value);

    /// <summary>A valid value for a parameter (a new one per call: bodies are mutated by the slots).</summary>
    private static Func<object?>? Baseline(ParameterInfo p)
    {
        var type = p.ParameterType;
        if (type == typeof(CancellationToken))
        {
            return () => CancellationToken.None;
        }

        if (p.HasDefaultValue)
        {
            return () => p.DefaultValue;
        }

        // The overloads with per-call options have no defaults before requestOptions: an optional (nullable) argument
        // is left out with null there, as in the overload with defaults; requestOptions itself too.
        if (Nullable.GetUnderlyingType(type) is not null ||
            (!type.IsValueType && new NullabilityInfoContext().Create(p).WriteState == NullabilityState.Nullable && type != typeof(string)))
        {
            return () => null;
        }

        if (type == typeof(string))
        {
            return () => "ok_1";
        }

        if (IsEnum(type))
        {
            return () => KnownValue(type);
        }

        if (ItemType(type) is { } item && Baseline(item) is { } itemValue)
        {
            return () => CreateList(item, itemValue());
        }

        if (typeof(LinkedInUserActionRequest).IsAssignableFrom(type))
        {
            return () => LinkedInUserAction.SaveLead("acc_1", "list_1");
        }

        return null;
    }

    private static Func<object?>? Baseline(Type type) =>
        type == typeof(string) ? () => "ok_1" : IsEnum(type) ? () => KnownValue(type) : null;

    /// <summary>The valid bodies whose fields the sweep breaks one at a time (every variant, optional fields set).</summary>
    private static readonly Dictionary<Type, Func<object>[]> Bodies = new()
    {
        [typeof(LinkedInUserActionRequest)] = new Func<object>[]
        {
            () => LinkedInUserAction.AddCandidateToPipeline("acc_1", "proj_1", RecruiterPipelineStage.Replied),
            () => LinkedInUserAction.RejectApplicant("acc_1", "proj_1", RecruiterRejectionReason.WithdrewApplication, "Thanks", DateTimeOffset.FromUnixTimeMilliseconds(1747400000000)),
            () => LinkedInUserAction.SaveLead("acc_1", "list_1"),
        },
    };

    private static IEnumerable<Slot> Slots(ParameterInfo p)
    {
        var name = p.Name!;
        var type = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
        if (type == typeof(string))
        {
            yield return new Slot(name, name, () => "ok" + LoneHigh);
        }
        else if (IsEnum(type))
        {
            yield return new Slot(name, name, () => Activator.CreateInstance(type, LoneHigh));
        }
        else if (ItemType(type) is { } item && Baseline(item) is { } valid)
        {
            yield return new Slot(name, name + "[1]", () => CreateList(item, valid(), BadValue(item)));
        }
        else if (type.Name.EndsWith("Options", StringComparison.Ordinal) && type.Namespace == "PostPress")
        {
            foreach (var property in type.GetProperties())
            {
                var target = property.PropertyType;
                var path = name + "." + property.Name; // options.X for an operation's options, requestOptions.X for the per-call ones
                var underlying = Nullable.GetUnderlyingType(target) ?? target;
                if (underlying == typeof(string) || IsEnum(underlying))
                {
                    yield return new Slot(path, path, () =>
                    {
                        var options = Activator.CreateInstance(type)!;
                        property.SetValue(options, BadValue(underlying));
                        return options;
                    });
                }
                else if (ItemType(target) is { } optionItem && Baseline(optionItem) is { } optionValid)
                {
                    yield return new Slot(path, path + "[1]", () =>
                    {
                        var options = Activator.CreateInstance(type)!;
                        var list = (IList)property.GetValue(options)!;
                        list.Add(optionValid());
                        list.Add(BadValue(optionItem));
                        return options;
                    });
                }
            }
        }
        else if (Bodies.TryGetValue(type, out var samples))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var sample in samples)
            {
                foreach (var (path, set) in BodyFields(sample(), name, new List<PropertyInfo>()))
                {
                    if (seen.Add(sample().GetType().Name + " " + path))
                    {
                        yield return new Slot(name, path, () =>
                        {
                            var body = sample();
                            set(body);
                            return body;
                        });
                    }
                }
            }
        }
    }

    /// <summary>Every string or enum field of a body (recursing into nested objects that are set), with a setter of a bad value.</summary>
    private static IEnumerable<(string Path, Action<object> Set)> BodyFields(object value, string path, List<PropertyInfo> chain)
    {
        if (value is IExtensionData)
        {
            // A field the caller adds to AdditionalProperties is written too.
            var additional = value.GetType().GetProperty("AdditionalProperties")!;
            var route = chain.ToList();
            yield return (path + ".extra_field", body =>
            {
                var target = route.Aggregate(body, (o, step) => step.GetValue(o)!);
                ((IDictionary<string, object>)additional.GetValue(target)!)["extra_field"] = "bad" + LoneHigh;
            });
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var json = property.GetCustomAttribute<Newtonsoft.Json.JsonPropertyAttribute>()?.PropertyName;
            if (json is null || !property.CanWrite)
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var fieldPath = path + "." + json;
            var route = chain.Append(property).ToList();
            if (type == typeof(string) || IsEnum(type))
            {
                yield return (fieldPath, body => SetAlong(body, route, BadValue(type)));
            }
            else if (type.IsClass && type.Namespace == typeof(LinkedInUserActionRequest).Namespace && property.GetValue(value) is { } nested)
            {
                foreach (var field in BodyFields(nested, fieldPath, route))
                {
                    yield return field;
                }
            }
        }
    }

    private static void SetAlong(object body, List<PropertyInfo> route, object? value)
    {
        var target = body;
        foreach (var step in route.Take(route.Count - 1))
        {
            target = step.GetValue(target)!;
        }

        route[route.Count - 1].SetValue(target, value);
    }

    private static object BadValue(Type type) => type == typeof(string) ? "bad" + LoneHigh : Activator.CreateInstance(type, "bad" + LoneHigh)!;

    private static bool IsEnum(Type type) => type.IsValueType && typeof(IExtensibleEnum).IsAssignableFrom(type);

    private static object KnownValue(Type type) =>
        ((IEnumerable)type.GetProperty("KnownValues", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!).Cast<object>().First();

    private static Type? ItemType(Type type) =>
        type.IsGenericType && type.GetGenericArguments().Length == 1 && typeof(IEnumerable).IsAssignableFrom(type) && type != typeof(string)
            ? type.GetGenericArguments()[0]
            : null;

    private static object CreateList(Type item, params object?[] values)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!;
        foreach (var v in values)
        {
            list.Add(v);
        }

        return list;
    }

    /// <summary>Calls the method and returns what it threw (synchronously, from its task, or from the first page of an async or sync pageable), or null.</summary>
    private static async Task<Exception?> Invoke(MethodInfo method, object target, object?[] args)
    {
        try
        {
            var result = method.Invoke(target, args);
            if (result is Task task)
            {
                await task;
            }
            else if (result is not null && result.GetType().GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)) is { } asyncEnumerable)
            {
                var enumerator = asyncEnumerable.GetMethod("GetAsyncEnumerator")!.Invoke(result, new object[] { CancellationToken.None })!;
                try
                {
                    var moveNext = typeof(IAsyncEnumerator<>).MakeGenericType(asyncEnumerable.GetGenericArguments()[0]).GetMethod("MoveNextAsync")!.Invoke(enumerator, null)!;
                    await (Task<bool>)moveNext.GetType().GetMethod("AsTask")!.Invoke(moveNext, null)!;
                }
                finally
                {
                    await ((IAsyncDisposable)enumerator).DisposeAsync();
                }
            }
            else if (result is IEnumerable pageable and not string && result.GetType().Name.Contains("Pageable", StringComparison.Ordinal))
            {
                // A synchronous pageable (net8.0): its first page is fetched by the first MoveNext, as the async one's.
                var enumerator = pageable.GetEnumerator();
                try
                {
                    enumerator.MoveNext();
                }
                finally
                {
                    (enumerator as IDisposable)?.Dispose();
                }
            }

            return null;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            return ex.InnerException;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static LinkedInUserActionRequest Extra(LinkedInUserActionRequest request, string name, object value)
    {
        request.AdditionalProperties[name] = value;
        return request;
    }

    private static UserProfileOptions Sections(params LinkedInSectionSelector[] sections)
    {
        var options = new UserProfileOptions();
        foreach (var s in sections)
        {
            options.LinkedInSections.Add(s);
        }

        return options;
    }

    private static async Task FirstItem<T>(IAsyncEnumerable<T> items)
    {
        await foreach (var _ in items)
        {
            break;
        }
    }
}
