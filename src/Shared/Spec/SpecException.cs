using System;

namespace PostPress.Spec;

/// <summary>
/// A document that is not valid YAML/JSON (<see cref="YamlJson"/>), or a pattern in the spec (or in NSwag's code model) that
/// the generator does not understand. The generator reports it as a build error (<c>PPCG001</c>); the sandbox wraps it in
/// an <see cref="System.IO.InvalidDataException"/>. The message starts with the JSON pointer where one is known.
/// </summary>
internal sealed class SpecException : Exception
{
    public SpecException(string message)
        : base(message)
    {
    }

    public SpecException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
