using System;
using System.Globalization;
using Xunit;
using Xunit.Abstractions;

namespace PostPress.Tests;

/// <summary>
/// .ci/run runs this project a second time under <c>TZ=Asia/Kolkata</c> and <c>LANG=LC_ALL=tr_TR.UTF-8</c>
/// (<c>DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=false</c>), so that every test also runs outside UTC and the invariant
/// culture. That run also sets <c>POSTPRESS_EXPECT_CULTURE=tr-TR</c> and <c>POSTPRESS_EXPECT_TIMEZONE=Asia/Kolkata</c>,
/// and this test fails unless .NET really picked them up: a run silently falling back to the invariant culture (no
/// ICU, invariant globalization) or to UTC would prove nothing. Without those variables (any other run) it only
/// writes what it sees to the test output.
/// </summary>
public sealed class RunEnvironmentTests
{
    private readonly ITestOutputHelper _output;

    public RunEnvironmentTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void The_process_culture_and_time_zone_are_the_ones_the_run_asked_for()
    {
        var culture = CultureInfo.CurrentCulture;
        var zone = TimeZoneInfo.Local;
        _output.WriteLine("culture: '" + culture.Name + "', UI culture: '" + CultureInfo.CurrentUICulture.Name + "', time zone: " + zone.Id
            + " (UTC offset " + zone.BaseUtcOffset + ")");

        if (Environment.GetEnvironmentVariable("POSTPRESS_EXPECT_CULTURE") is { Length: > 0 } expectedCulture)
        {
            Assert.Equal(expectedCulture, culture.Name);

            // The culture's data is ICU's, not the invariant culture's under another name.
            Assert.NotEqual(CultureInfo.InvariantCulture.NumberFormat.NumberDecimalSeparator + CultureInfo.InvariantCulture.DateTimeFormat.ShortDatePattern,
                culture.NumberFormat.NumberDecimalSeparator + culture.DateTimeFormat.ShortDatePattern);
        }

        if (Environment.GetEnvironmentVariable("POSTPRESS_EXPECT_TIMEZONE") is { Length: > 0 } expectedZone)
        {
            Assert.Equal(expectedZone, zone.Id);
            Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById(expectedZone).BaseUtcOffset, zone.BaseUtcOffset);
        }
    }
}
