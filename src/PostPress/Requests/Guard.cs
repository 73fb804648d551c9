using System;

namespace PostPress;

/// <summary>Argument checks run before any request is sent. Each failure names the parameter.</summary>
internal static class Guard
{
    /// <summary>A required id or identifier: not null, not empty, not only white space, well-formed UTF-16.</summary>
    public static void Id(string? value, string name)
    {
        if (value is null)
        {
            throw new ArgumentNullException(name, name + " is required.");
        }

        if (value.Length == 0 || string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException(name + " must not be empty or white space.", name);
        }

        Validate.WellFormed(value, name, name);
    }

    /// <summary>
    /// A required path parameter: an <see cref="Id"/> that is not <c>.</c> or <c>..</c>, which URI normalization would
    /// turn into a different path even when escaped.
    /// </summary>
    public static void PathSegment(string? value, string name)
    {
        Id(value, name);
        if (value is "." or "..")
        {
            throw new ArgumentException(name + " cannot be '.' or '..'.", name);
        }
    }

    /// <summary>A cursor: at least one character and well-formed UTF-16 when given.</summary>
    public static void Cursor(string? value, string name)
    {
        if (value is not null && value.Length == 0)
        {
            throw new ArgumentException(name + " must not be empty; pass null for the first page.", name);
        }

        if (value is not null)
        {
            Validate.WellFormed(value, name, name);
        }
    }
}
