using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Snapshooter;
using Snapshooter.Xunit;
using Xunit.Sdk;

namespace PostPress.Tests.Snapshots;

/// <summary>
/// <see cref="Snapshot.Match(object, SnapshotFullName, Func{MatchOptions, MatchOptions})"/> with two additions:
/// a mismatch fails with a line diff (committed snapshot vs. the <c>__mismatch__</c> file Snapshooter writes) instead
/// of xunit's one-line string comparison, and a missing snapshot fails when the environment variable <c>CI</c> is set
/// (Snapshooter itself would create it and pass; it only refuses with <c>SNAPSHOOTER_STRICT_MODE=on</c>).
/// Callers resolve the name with <see cref="Snapshot.FullName()"/> inside the test method itself (Snapshooter finds
/// the test by walking the stack, so it must run in the test's frame).
/// </summary>
internal static class SnapshotCheck
{
    public const string UpdateCommand =
        "rm -rf tests/PostPress.Tests/Snapshots/__snapshots__ && dotnet test tests/PostPress.Tests -c Release --filter FullyQualifiedName~PostPress.Tests.Snapshots";

    private const int ContextLines = 3;
    private const int MaxDiffLines = 200;

    public static void Match(object value, SnapshotFullName fullName)
    {
        var snapshotFolder = Path.Combine(fullName.FolderPath, FileNames.SnapshotFolderName);
        var snapshotPath = Path.Combine(snapshotFolder, fullName.Filename);
        var mismatchPath = Path.Combine(snapshotFolder, FileNames.MismatchFolderName, fullName.Filename);

        if (!File.Exists(snapshotPath) && IsCi())
        {
            throw new XunitException(
                "Snapshot " + fullName.Filename + " is missing (" + snapshotPath + "). CI does not create snapshots: run\n  "
                + UpdateCommand + "\nlocally (without CI set), review the new files and commit them.");
        }

        try
        {
            Snapshot.Match(value, fullName);
        }
        catch (Exception e) when (File.Exists(snapshotPath) && File.Exists(mismatchPath))
        {
            var expected = Lines(File.ReadAllText(snapshotPath));
            var actual = Lines(File.ReadAllText(mismatchPath));
            throw new XunitException(
                "Snapshot " + fullName.Filename + " does not match.\n"
                + "--- committed " + snapshotPath + "\n"
                + "+++ actual    " + mismatchPath + "\n"
                + UnifiedDiff(expected, actual)
                + "If the change is intended, move the actual file over the committed one, or regenerate all snapshots with\n  "
                + UpdateCommand + "\nand commit the updated snapshot.",
                e);
        }
    }

    /// <summary>
    /// Compares <paramref name="value"/> with the committed snapshot minus its lines equal (trimmed) to
    /// <paramref name="ignoredLine"/>, without writing any file: the netstandard2.0 test build checks its API against
    /// the snapshot the net8.0 build owns.
    /// </summary>
    public static void MatchIgnoringLines(string value, SnapshotFullName fullName, string ignoredLine) =>
        MatchFiltered(value, fullName, lines => lines.Where(l => l.Trim() != ignoredLine).ToArray(), "lines '" + ignoredLine + "' left out");

    /// <summary>
    /// Compares <paramref name="value"/> with the committed snapshot as <paramref name="filter"/> leaves it, without
    /// writing any file (<paramref name="what"/> names the filter in the failure message).
    /// </summary>
    public static void MatchFiltered(string value, SnapshotFullName fullName, Func<string[], string[]> filter, string what)
    {
        var snapshotPath = Path.Combine(fullName.FolderPath, FileNames.SnapshotFolderName, fullName.Filename);
        if (!File.Exists(snapshotPath))
        {
            throw new XunitException("Snapshot " + fullName.Filename + " is missing (" + snapshotPath + "): the net8.0 test run "
                + "(tests/PostPress.Tests) writes it; run\n  " + UpdateCommand + "\nfirst.");
        }

        var expected = filter(Lines(File.ReadAllText(snapshotPath).TrimStart('\uFEFF')));
        var actual = Lines(value.TrimStart('\uFEFF'));
        if (!expected.SequenceEqual(actual))
        {
            throw new XunitException(
                "Snapshot " + fullName.Filename + " (" + what + ") does not match.\n"
                + "--- committed " + snapshotPath + "\n"
                + "+++ actual\n"
                + UnifiedDiff(expected, actual));
        }
    }

    private static bool IsCi()
    {
        var ci = Environment.GetEnvironmentVariable("CI");
        return !string.IsNullOrEmpty(ci) && !string.Equals(ci, "false", StringComparison.OrdinalIgnoreCase) && ci != "0";
    }

    private static string[] Lines(string text) =>
        text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');

    /// <summary>A unified diff (3 lines of context) of two line lists; at most <see cref="MaxDiffLines"/> lines.</summary>
    internal static string UnifiedDiff(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var edits = Edits(expected, actual);
        var output = new StringBuilder();
        var written = 0;
        var i = 0;
        while (i < edits.Count)
        {
            if (edits[i].Op == ' ')
            {
                i++;
                continue;
            }

            // A hunk: from ContextLines before this change to ContextLines after the last change that is at most
            // 2 * ContextLines unchanged lines away from the previous one.
            var start = Math.Max(0, i - ContextLines);
            var end = i;
            while (true)
            {
                while (end < edits.Count && edits[end].Op != ' ')
                {
                    end++;
                }

                var next = end;
                while (next < edits.Count && edits[next].Op == ' ')
                {
                    next++;
                }

                if (next < edits.Count && next - end <= 2 * ContextLines)
                {
                    end = next;
                    continue;
                }

                end = Math.Min(edits.Count, end + ContextLines);
                break;
            }

            var hunk = edits.Skip(start).Take(end - start).ToList();
            var oldStart = hunk[0].OldLine;
            var newStart = hunk[0].NewLine;
            output.Append("@@ -").Append(oldStart + 1).Append(',').Append(hunk.Count(e => e.Op != '+'))
                .Append(" +").Append(newStart + 1).Append(',').Append(hunk.Count(e => e.Op != '-')).Append(" @@\n");
            foreach (var edit in hunk)
            {
                if (++written > MaxDiffLines)
                {
                    output.Append("... (diff truncated; compare the two files above)\n");
                    return output.ToString();
                }

                output.Append(edit.Op).Append(edit.Text).Append('\n');
            }

            i = end;
        }

        return output.ToString();
    }

    private readonly record struct Edit(char Op, string Text, int OldLine, int NewLine);

    /// <summary>Line edit script: common prefix and suffix, and an LCS of the (usually small) middle.</summary>
    private static List<Edit> Edits(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var prefix = 0;
        while (prefix < a.Count && prefix < b.Count && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && a[a.Count - 1 - suffix] == b[b.Count - 1 - suffix])
        {
            suffix++;
        }

        var edits = new List<Edit>();
        for (var k = 0; k < prefix; k++)
        {
            edits.Add(new Edit(' ', a[k], k, k));
        }

        var n = a.Count - prefix - suffix;
        var m = b.Count - prefix - suffix;
        if ((long)n * m <= 4_000_000)
        {
            // lcs[x, y] = length of the LCS of a[prefix + x ..] and b[prefix + y ..] (middle part only).
            var lcs = new int[n + 1, m + 1];
            for (var x = n - 1; x >= 0; x--)
            {
                for (var y = m - 1; y >= 0; y--)
                {
                    lcs[x, y] = a[prefix + x] == b[prefix + y] ? lcs[x + 1, y + 1] + 1 : Math.Max(lcs[x + 1, y], lcs[x, y + 1]);
                }
            }

            int p = 0, q = 0;
            while (p < n || q < m)
            {
                if (p < n && q < m && a[prefix + p] == b[prefix + q])
                {
                    edits.Add(new Edit(' ', a[prefix + p], prefix + p, prefix + q));
                    p++;
                    q++;
                }
                else if (p < n && (q == m || lcs[p + 1, q] >= lcs[p, q + 1]))
                {
                    edits.Add(new Edit('-', a[prefix + p], prefix + p, prefix + q));
                    p++;
                }
                else
                {
                    edits.Add(new Edit('+', b[prefix + q], prefix + p, prefix + q));
                    q++;
                }
            }
        }
        else
        {
            for (var p = 0; p < n; p++)
            {
                edits.Add(new Edit('-', a[prefix + p], prefix + p, prefix));
            }

            for (var q = 0; q < m; q++)
            {
                edits.Add(new Edit('+', b[prefix + q], prefix + n, prefix + q));
            }
        }

        for (var k = 0; k < suffix; k++)
        {
            edits.Add(new Edit(' ', a[a.Count - suffix + k], a.Count - suffix + k, b.Count - suffix + k));
        }

        return edits;
    }
}
