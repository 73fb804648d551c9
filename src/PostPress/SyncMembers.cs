#if NET8_0_OR_GREATER
using System;

namespace PostPress;

/// <summary>
/// The default bodies of the synchronous members of the resource interfaces (net8.0+). They were added after the
/// interfaces shipped: as default members, a class outside the SDK that implements an interface (a hand-written fake)
/// still compiles, and calling a synchronous member it does not implement throws this exception. The SDK's own classes
/// (and mocks) implement every member.
/// </summary>
internal static class SyncMembers
{
    public static NotSupportedException NotImplemented(object implementation, string member) => new(
        implementation.GetType().FullName + " does not implement the synchronous member " + member
        + " (added with the synchronous methods): implement it, or call " + member + "Async.");
}
#endif
