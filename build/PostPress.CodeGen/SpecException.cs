using System;

namespace PostPress.CodeGen;

/// <summary>A pattern in the spec (or in NSwag's code model) that the generator does not understand. Fails the build.</summary>
internal sealed class SpecException : Exception
{
    public SpecException(string message)
        : base(message)
    {
    }
}
