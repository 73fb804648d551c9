using System;
using System.Collections.Generic;
using System.Globalization;
using PostPress.Serialization;
using Xunit;

namespace PostPress.Tests.Serialization;

/// <summary>
/// The hand-written ISO 8601 fast path of <see cref="UtcDateTimeOffsetJsonConverter"/> gives exactly what
/// <see cref="DateTimeOffset.TryParse(string, IFormatProvider, DateTimeStyles, out DateTimeOffset)"/> gives (invariant
/// culture, assume universal), and declines what it does not handle.
/// </summary>
public sealed class DateTimeFastPathTests
{
    public static IEnumerable<object[]> Texts()
    {
        var random = new Random(20261130);
        string[] zones = { "Z", "z", "+00:00", "-00:00", "+02:00", "-07:30", "+14:00", "-14:00", "+05:45" };
        for (int n = 0; n < 120; n++)
        {
            var year = random.Next(1, 10000);
            var month = random.Next(1, 13);
            var day = random.Next(1, DateTime.DaysInMonth(year, month) + 1);
            var digits = random.Next(0, 8);
            var fraction = digits == 0 ? string.Empty : "." + random.Next(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture).Substring(0, digits);
            var t = n % 5 == 0 ? 't' : 'T';
            yield return new object[] { $"{year:D4}-{month:D2}-{day:D2}{t}{random.Next(0, 24):D2}:{random.Next(0, 60):D2}:{random.Next(0, 60):D2}{fraction}{zones[n % zones.Length]}" };
        }

        foreach (var text in new[]
        {
            "2026-04-12T09:14:21.000Z", "2026-04-12T09:14:21Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999Z",
            "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "2024-02-29T12:00:00Z", "2023-02-29T12:00:00Z",
            "2026-04-12T24:00:00Z", "2026-04-12T09:60:00Z", "2026-04-12T09:14:60Z", "2026-13-12T09:14:21Z", "2026-00-12T09:14:21Z",
            "2026-04-12T09:14:21.12345678Z", "2026-04-12T09:14:21.Z", "2026-04-12T09:14:21+15:00", "2026-04-12T09:14:21+02:60",
            "2026-04-12T09:14:21+0200", "2026-04-12T09:14:21", "2026-04-12 09:14:21Z", "2026-04-12T09:14:21Zjunk", "２０２６-04-12T09:14:21Z",
            "2026-04-12T09:14:21.5+02:00", "2026-4-12T09:14:21Z", "0000-01-01T00:00:00Z",
        })
        {
            yield return new object[] { text };
        }
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void The_fast_path_agrees_with_the_general_parser_or_declines(string text)
    {
        var general = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expected);

        if (UtcDateTimeOffsetJsonConverter.TryParseIso(text, out var actual))
        {
            Assert.True(general, text + " is accepted only by the fast path");
            Assert.Equal(expected.Ticks, actual.Ticks);
            Assert.Equal(expected.Offset, actual.Offset);
        }
    }

    [Fact]
    public void The_api_form_takes_the_fast_path()
    {
        Assert.True(UtcDateTimeOffsetJsonConverter.TryParseIso("2026-04-12T09:14:21.000Z", out var value));
        Assert.Equal(new DateTimeOffset(2026, 4, 12, 9, 14, 21, TimeSpan.Zero), value);
        Assert.Equal("2026-04-12T09:14:21.000Z", UtcDateTimeOffsetJsonConverter.Format(value));
    }
}
