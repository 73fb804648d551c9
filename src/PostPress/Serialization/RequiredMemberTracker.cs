using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace PostPress.Serialization;

/// <summary>
/// Enforces <see cref="Required"/> members without Json.NET's per-object bookkeeping (it allocates a dictionary of every
/// property of every object it reads that has a required member: about a third of the allocations of a large profile).
/// The contract's required properties are marked optional for Json.NET; instead each one sets a bit in a small frame
/// (one per object being read, on a thread-local stack, pushed and popped by the contract's deserialization callbacks),
/// and the frame is checked when the object ends. Same outcomes as Json.NET: a missing <see cref="Required.Always"/> or
/// <see cref="Required.AllowNull"/> member, or a <see langword="null"/> for <see cref="Required.Always"/> or
/// <see cref="Required.DisallowNull"/>, is a <see cref="JsonSerializationException"/>.
/// </summary>
internal static class RequiredMemberTracker
{
    /// <summary>Legitimate frames never exceed the nesting depth (Json.NET's MaxDepth, 64 in the SDK's settings); frames
    /// below the top <see cref="KeptFrames"/> can only be left over from an aborted read and are dropped.</summary>
    private const int KeptFrames = 64;

    [ThreadStatic]
    private static Frame[]? _frames;

    [ThreadStatic]
    private static int _count;

    /// <summary>Moves the required-member checks of <paramref name="contract"/> from Json.NET to the tracker.</summary>
    /// <param name="contract">A contract just created by the SDK's resolver.</param>
    public static void Apply(JsonObjectContract contract)
    {
        var required = contract.Properties.Where(p => p.Required != Required.Default && !p.Ignored && p.Writable && p.ValueProvider is not null).ToList();
        if (required.Count == 0 || required.Count > 64 || contract.ItemRequired is not null)
        {
            return;
        }

        var info = new ContractInfo(contract.UnderlyingType.Name, required);
        for (int i = 0; i < required.Count; i++)
        {
            var property = required[i];
            property.ValueProvider = new TrackingValueProvider(property.ValueProvider!, info, i, property.Required, property.NullValueHandling == NullValueHandling.Ignore);
            property.Required = Required.Default;
        }

        contract.OnDeserializingCallbacks.Add((target, _) => Begin(target));
        contract.OnDeserializedCallbacks.Add((target, _) => End(target, info));
        contract.OnErrorCallbacks.Add((target, _, _) => Abort(target));
    }

    private static void Begin(object target)
    {
        var frames = _frames ??= new Frame[16];
        if (_count == frames.Length)
        {
            if (_count >= 2 * KeptFrames)
            {
                Array.Copy(frames, _count - KeptFrames, frames, 0, KeptFrames);
                Array.Clear(frames, KeptFrames, _count - KeptFrames);
                _count = KeptFrames;
            }
            else
            {
                Array.Resize(ref _frames, frames.Length * 2);
                frames = _frames;
            }
        }

        frames[_count++] = new Frame(target);
    }

    private static void End(object target, ContractInfo info)
    {
        int index = Find(target);
        if (index < 0)
        {
            return;
        }

        ulong seen = _frames![index].Seen;
        Pop(index);
        ulong missing = info.MustBePresent & ~seen;
        if (missing != 0)
        {
            int bit = 0;
            while ((missing & (1UL << bit)) == 0)
            {
                bit++;
            }

            throw new JsonSerializationException($"Required property '{info.Names[bit]}' of {info.TypeName} not found in JSON.");
        }
    }

    private static void Abort(object target)
    {
        int index = Find(target);
        if (index >= 0)
        {
            Pop(index);
        }
    }

    private static void Seen(object target, int bit)
    {
        int index = Find(target);
        if (index >= 0)
        {
            _frames![index].Seen |= 1UL << bit;
        }
    }

    private static int Find(object target)
    {
        var frames = _frames;
        if (frames is null)
        {
            return -1;
        }

        for (int i = _count - 1; i >= 0; i--)
        {
            if (ReferenceEquals(frames[i].Target, target))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Removes the frame at <paramref name="index"/> and any left above it by an aborted nested read.</summary>
    private static void Pop(int index)
    {
        Array.Clear(_frames!, index, _count - index);
        _count = index;
    }

    private struct Frame
    {
        public Frame(object target)
        {
            Target = target;
            Seen = 0;
        }

        public object Target;
        public ulong Seen;
    }

    private sealed class ContractInfo
    {
        public ContractInfo(string typeName, IReadOnlyList<JsonProperty> required)
        {
            TypeName = typeName;
            Names = required.Select(p => p.PropertyName ?? p.UnderlyingName ?? "?").ToArray();
            for (int i = 0; i < required.Count; i++)
            {
                if (required[i].Required == Required.Always || required[i].Required == Required.AllowNull)
                {
                    MustBePresent |= 1UL << i;
                }
            }
        }

        public string TypeName { get; }

        public string[] Names { get; }

        public ulong MustBePresent { get; }
    }

    private sealed class TrackingValueProvider : IValueProvider
    {
        private readonly IValueProvider _inner;
        private readonly ContractInfo _info;
        private readonly int _bit;
        private readonly bool _disallowNull;
        private readonly bool _nullIgnored;

        public TrackingValueProvider(IValueProvider inner, ContractInfo info, int bit, Required required, bool nullIgnored)
        {
            _inner = inner;
            _info = info;
            _bit = bit;
            _disallowNull = required == Required.Always || required == Required.DisallowNull;
            _nullIgnored = nullIgnored;
        }

        /// <summary>
        /// Gets the value. While the object is being read, Json.NET calls this only for a member present in the JSON (to
        /// fill an initialized list or object in place, without calling <see cref="SetValue"/>): that counts as present.
        /// Otherwise (writing: there is no frame for the object) a null required member is refused as Json.NET does.
        /// </summary>
        public object? GetValue(object target)
        {
            int index = Find(target);
            if (index >= 0)
            {
                _frames![index].Seen |= 1UL << _bit;
                return _inner.GetValue(target);
            }

            var value = _inner.GetValue(target);
            if (value is null && _disallowNull && !_nullIgnored)
            {
                throw new JsonSerializationException($"Cannot write a null value for property '{_info.Names[_bit]}' of {_info.TypeName}. Property requires a value.");
            }

            return value;
        }

        public void SetValue(object target, object? value)
        {
            if (value is null && _disallowNull)
            {
                throw new JsonSerializationException($"Required property '{_info.Names[_bit]}' of {_info.TypeName} expects a non-null value.");
            }

            _inner.SetValue(target, value);
            Seen(target, _bit);
        }
    }
}
