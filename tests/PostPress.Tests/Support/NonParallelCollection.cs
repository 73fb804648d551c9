using Xunit;

namespace PostPress.Tests.Support;

/// <summary>
/// Tests that change process-wide state (the thread-pool limits) or listen to process-wide sources (ActivitySource
/// and Meter listeners see every client in the process): xunit runs this collection alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NonParallelCollection
{
    public const string Name = "Non-parallel (process-wide state)";
}
