using System.Text;

namespace PostPress.CodeGen;

/// <summary>A small indenting writer for generated C# (LF line endings), shared by the emitters.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _sb = new();
    private int _indent;

    /// <summary>The namespace followed by a dot, for global:: qualified names (enum and union emitter).</summary>
    public string Namespace { get; init; } = string.Empty;

    public void Raw(string text) => _sb.Append(text);

    public void Line(string text = "")
    {
        if (text.Length > 0)
        {
            _sb.Append(' ', _indent * 4);
            _sb.Append(text);
        }

        _sb.Append('\n');
    }

    public void Open()
    {
        Line("{");
        _indent++;
    }

    public void Close()
    {
        _indent--;
        Line("}");
    }

    public void Indent() => _indent++;

    public void Dedent() => _indent--;

    /// <summary>A summary from plain text (escaped), or from XML doc markup when <paramref name="raw"/>.</summary>
    public void Summary(string text, bool raw = false)
    {
        Line("/// <summary>");
        foreach (string line in raw ? text.Split('\n') : Naming.DocLines(text))
        {
            Line("/// " + line);
        }

        Line("/// </summary>");
    }

    public void Param(string name, string text) => Line($"/// <param name=\"{name}\">{string.Join(" ", Naming.DocLines(text))}</param>");

    public override string ToString() => _sb.ToString();
}
