using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Xunit.Sdk;

namespace EntiGraph.TestKit;

/// <summary>
/// Snapshot assertions with Verify's file naming: <c>Type.Method.verified.ext</c> beside the test's
/// source file, <c>Type.Method.received.ext</c> written on a mismatch. A new or changed snapshot is
/// accepted only when <see cref="AcceptVariable"/> is 1, and never under <c>CI=true</c>.
/// </summary>
public static partial class Snapshot
{
    public const string AcceptVariable = "ENTIGRAPH_ACCEPT_SNAPSHOTS";

    /// <summary>Replaces values that differ from run to run (times, durations, versions) with a fixed token.</summary>
    public static string ScrubVolatile(string text)
    {
        text = IsoTimestamp().Replace(text, "{timestamp}");
        text = Seconds().Replace(text, "${prefix}{seconds}");
        return text;
    }

    public static void Verify(
        object test,
        string actual,
        string extension = "txt",
        Func<string, string>? scrub = null,
        [CallerFilePath] string sourceFile = "",
        [CallerMemberName] string method = "")
    {
        var directory = Path.GetDirectoryName(sourceFile)!;
        var stem = Path.Combine(directory, $"{test.GetType().Name}.{method}");
        var verified = $"{stem}.verified.{extension}";
        var received = $"{stem}.received.{extension}";
        actual = Normalize(scrub is null ? actual : scrub(actual));

        var expected = File.Exists(verified) ? Normalize(File.ReadAllText(verified)) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        if (CanAccept())
        {
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        var what = expected is null
            ? $"no snapshot yet: {verified}"
            : $"snapshot differs from {verified}: {FirstDifference(expected, actual)}";
        throw new XunitException(
            $"{what}{Environment.NewLine}received: {received}{Environment.NewLine}"
            + $"review it, then accept with {AcceptVariable}=1 (ignored when CI=true)");
    }

    private static bool CanAccept() =>
        Environment.GetEnvironmentVariable(AcceptVariable) == "1"
        && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimEnd('\n') + "\n";

    private static string FirstDifference(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "<end>";
            var right = i < b.Length ? b[i] : "<end>";
            if (left != right)
            {
                return $"line {i + 1}: expected \"{left}\", received \"{right}\"";
            }
        }

        return "line endings or trailing whitespace";
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")]
    private static partial Regex IsoTimestamp();

    [GeneratedRegex(@"(?<prefix>\bin )\d+(\.\d+)? s\b")]
    private static partial Regex Seconds();
}
