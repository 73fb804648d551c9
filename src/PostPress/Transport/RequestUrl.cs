using System;
using System.Globalization;
using System.Text;

namespace PostPress;

/// <summary>
/// Builds the path and query of a request from the generated operations: literal template parts, path segments
/// escaped as one segment (<c>/</c>, <c>?</c>, <c>#</c>, <c>%</c> and non-ASCII included), and query parameters in
/// <c>form</c> style (arrays repeated: <c>a=1&amp;a=2</c>).
/// </summary>
internal struct RequestUrl
{
    [ThreadStatic]
    private static StringBuilder? _cached;

    private StringBuilder? _sb;
    private bool _hasQuery;

    private StringBuilder Builder
    {
        get
        {
            if (_sb is null)
            {
                _sb = _cached ?? new StringBuilder(128);
                _cached = null;
                _sb.Clear();
            }

            return _sb;
        }
    }

    public void AppendLiteral(string text) => Builder.Append(text);

    public void AppendSegment(string value) => Builder.Append(Uri.EscapeDataString(value));

    public void AppendQuery(string name, string value)
    {
        var sb = Builder;
        sb.Append(_hasQuery ? '&' : '?');
        _hasQuery = true;
        sb.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
    }

    public static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Format(bool value) => value ? "true" : "false";

    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    // The formats' wire forms (src/PostPress/Serialization/FormatConverters.cs): uuid, date, duration, uri.
    public static string Format(Guid value) => Serialization.UuidJsonConverter.Instance.Format(value);

    public static string Format(DateTime value) => Serialization.DateOnlyJsonConverter.Instance.Format(value);

    public static string Format(TimeSpan value) => Serialization.IsoDurationJsonConverter.Instance.Format(value);

    public static string Format(Uri value) => Serialization.UriJsonConverter.Instance.Format(value);

    public override string ToString()
    {
        var sb = Builder;
        var result = sb.ToString();
        if (sb.Capacity <= 1024)
        {
            _cached = sb;
        }

        _sb = null;
        return result;
    }
}
