using System;
using System.Text.RegularExpressions;

namespace PostPress.CodeGen;

/// <summary>
/// A pattern in the spec (or in NSwag's output) that the generator does not understand. Fails the build with
/// <c>error {Code}: {Message}</c>; <see cref="Code"/> is one of <see cref="ErrorCodes"/> (build/README.md lists them).
/// </summary>
internal sealed class SpecException : Exception
{
    private static readonly Regex LeadingCode = new(@"^(?<code>PPCG\d{3})\b[:]?\s*", RegexOptions.CultureInvariant);

    /// <summary>A construct the generator does not understand (<see cref="ErrorCodes.Unsupported"/>), or, when the message starts with a code (<c>"PPCG002 …"</c>), that code.</summary>
    public SpecException(string message)
        : this(LeadingCode.Match(message) is { Success: true } m ? m.Groups["code"].Value : ErrorCodes.Unsupported, message)
    {
    }

    /// <summary>A construct with its own code (an out-of-scope construct, see <see cref="ErrorCodes"/>).</summary>
    public SpecException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The <c>PPCGnnn</c> code printed in the build error.</summary>
    public string Code { get; }

    /// <summary>The message without a leading code (what follows <c>error PPCGnnn:</c> in the build output).</summary>
    public string Text => LeadingCode.Match(Message) is { Success: true } m ? Message.Substring(m.Length) : Message;

    /// <summary>The MSBuild canonical error line for <paramref name="origin"/> (the spec file).</summary>
    public string ToBuildError(string origin) => $"{origin}: error {Code}: {Text}";
}
