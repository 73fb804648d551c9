using System;
using System.Text.RegularExpressions;

namespace PostPress.Spec;

/// <summary>
/// A document that is not valid YAML/JSON (<see cref="YamlJson"/>), or a pattern in the spec (or in NSwag's code model)
/// that the generator does not understand. The generator reports it as a build error, <c>error {Code}: {Message}</c>
/// (<see cref="Code"/> is one of the generator's <c>ErrorCodes</c>; build/README.md lists them); the sandbox wraps it in
/// an <see cref="System.IO.InvalidDataException"/>. The message starts with the JSON pointer where one is known.
/// </summary>
internal sealed class SpecException : Exception
{
    /// <summary>The code of anything not understood that has no code of its own (the generator's <c>ErrorCodes.Unsupported</c>).</summary>
    internal const string UnsupportedCode = "PPCG001";

    private static readonly Regex LeadingCode = new(@"^(?<code>PPCG\d{3})\b[:]?\s*", RegexOptions.CultureInvariant);

    /// <summary>A construct not understood (<see cref="UnsupportedCode"/>), or, when the message starts with a code (<c>"PPCG002 …"</c>), that code.</summary>
    public SpecException(string message)
        : this(LeadingCode.Match(message) is { Success: true } m ? m.Groups["code"].Value : UnsupportedCode, message)
    {
    }

    /// <summary>A construct with its own code (an out-of-scope construct, see the generator's <c>ErrorCodes</c>).</summary>
    public SpecException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>A document that could not be read, with the reader's error.</summary>
    public SpecException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = UnsupportedCode;
    }

    /// <summary>The <c>PPCGnnn</c> code printed in the build error.</summary>
    public string Code { get; }

    /// <summary>The message without a leading code (what follows <c>error PPCGnnn:</c> in the build output).</summary>
    public string Text => LeadingCode.Match(Message) is { Success: true } m ? Message.Substring(m.Length) : Message;

    /// <summary>The MSBuild canonical error line for <paramref name="origin"/> (the spec file).</summary>
    public string ToBuildError(string origin) => $"{origin}: error {Code}: {Text}";
}
