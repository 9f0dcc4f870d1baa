using System.Globalization;
using EntiGraph.Engine.Charts;
using EntiGraph.Stages.Compare;

namespace EntiGraph.Stages.Card;

/// <summary>
/// The number formats card templates call (<c>{{ count x }}</c>, <c>{{ percent x }}</c>): invariant culture
/// and fixed digits, so a card renders to the same bytes on every machine.
/// </summary>
public static class CardFormat
{
    /// <summary>An integer with thousands separators: 1,967,808.</summary>
    public static string Count(object? value) => value is null ? "n/a" : ComparisonFormat.Count(Convert.ToInt64(value, CultureInfo.InvariantCulture));

    /// <summary>A count in short form: 1.97M, 359K.</summary>
    public static string Compact(object? value) => value is null ? "n/a" : CompactNumber.Format(Convert.ToDouble(value, CultureInfo.InvariantCulture));

    /// <summary>A fraction as a percentage with one decimal, written as the comparison table writes it: 25.2.</summary>
    public static string Percent(object? value) => value is null ? "n/a" : ComparisonFormat.Percent(Convert.ToDouble(value, CultureInfo.InvariantCulture));

    /// <summary>A number with a fixed number of decimals.</summary>
    public static string Fixed(object? value, int digits) => value is null ? "n/a" : Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("F" + digits, CultureInfo.InvariantCulture);

    /// <summary>Any value as its shortest round-trip text (hyperparameters: 0.0005, 1E-08, true).</summary>
    public static string Value(object? value) => value switch
    {
        null => "n/a",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Text safe inside a markdown table cell: no pipes, no line breaks.</summary>
    public static string Cell(object? value) => Value(value).Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    /// <summary>The first <paramref name="characters"/> characters of a text on one line, with an ellipsis when cut.</summary>
    public static string Excerpt(object? value, int characters)
    {
        var text = Cell(value);
        return text.Length <= characters ? text : text[..characters].TrimEnd() + "…";
    }

    /// <summary>The first 12 hex digits of a key or hash, as the CLI prints them.</summary>
    public static string Short(object? value)
    {
        var text = Value(value);
        var colon = text.IndexOf(':');
        var hex = colon >= 0 ? text[(colon + 1)..] : text;
        return hex.Length > 12 ? hex[..12] : hex;
    }
}
