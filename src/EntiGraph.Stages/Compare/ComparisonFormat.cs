using System.Globalization;

namespace EntiGraph.Stages.Compare;

/// <summary>
/// How the comparison writes its figures: invariant culture always, so a table is the same text on every machine,
/// and accuracies as percentages with one decimal as the EntiGraph paper prints them.
/// </summary>
public static class ComparisonFormat
{
    /// <summary>Written where an experiment has no such figure.</summary>
    public const string Missing = "–";

    /// <summary>A fraction as a percentage with one decimal, with its standard error when there is one: 25.2 ± 4.3.</summary>
    public static string Percent(double? fraction, double? stderr = null)
    {
        if (fraction is not { } value)
        {
            return Missing;
        }

        var text = OneDecimal(value * 100);
        return stderr is { } error ? $"{text} ± {OneDecimal(error * 100)}" : text;
    }

    /// <summary>A count with thousands separators: 1,234,567.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string TwoDecimals(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : Missing;

    /// <summary>The short form of a store key that the CLI prints everywhere.</summary>
    public static string ShortKey(string key) => key.Length > 12 ? key[..12] : key;

    private static string OneDecimal(double value)
    {
        var text = value.ToString("0.0", CultureInfo.InvariantCulture);
        // Rounding a tiny negative figure gives "-0.0", which reads as a sign that is not there.
        return text == "-0.0" ? "0.0" : text;
    }
}
