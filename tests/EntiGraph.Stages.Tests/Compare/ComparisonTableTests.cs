using System.Globalization;
using EntiGraph.Stages.Compare;
using EntiGraph.TestKit;

namespace EntiGraph.Stages.Tests.Compare;

public sealed class ComparisonTableTests
{
    [Fact]
    public void The_paper_rows_make_this_table()
    {
        Snapshot.Verify(this, ComparisonTable.Markdown(ComparisonRows.Paper()), extension: "md");
    }

    [Fact]
    public void Generative_columns_appear_once_any_experiment_has_generative_scores()
    {
        var rows = ComparisonRows.Paper();
        var without = ComparisonTable.Markdown(rows);
        rows[3] = rows[3] with { Generative = ComparisonRows.Generative(0.4124) };

        var with = ComparisonTable.Markdown(rows);

        Assert.DoesNotContain("gen.", without);
        var header = with.Split('\n')[0];
        Assert.Contains("| gen. acc (%) | gen. acc_all (%) | gen. parsed |", header);
        var tiny = with.Split('\n').Single(l => l.StartsWith("| entigraph-tiny ", StringComparison.Ordinal));
        Assert.Contains("41.2 ± 4.6", tiny);
        Assert.Contains("38.8 ± 4.4", tiny);
        Assert.Contains("97/103", tiny);
        var baseRow = with.Split('\n').Single(l => l.StartsWith("| entigraph-tiny-base ", StringComparison.Ordinal));
        Assert.Equal(3, baseRow.Split('|').Count(cell => cell.Trim() == ComparisonFormat.Missing));
    }

    [Fact]
    public void Every_line_of_the_table_has_the_same_cells_and_width()
    {
        var lines = ComparisonTable.Markdown(ComparisonRows.Paper()).Split('\n').TakeWhile(l => l.Length > 0).ToList();

        Assert.Equal(2 + 4, lines.Count);
        Assert.All(lines, l => Assert.Equal(lines[0].Length, l.Length));
        Assert.All(lines, l => Assert.Equal(lines[0].Count(c => c == '|'), l.Count(c => c == '|')));
    }

    [Fact]
    public void Figures_are_the_same_text_in_any_culture()
    {
        var invariant = ComparisonTable.Markdown(ComparisonRows.Paper());
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(invariant, ComparisonTable.Markdown(ComparisonRows.Paper()));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        Assert.Contains("25.2 ± 4.3", invariant);
        Assert.Contains("61,440", invariant);
    }

    [Fact]
    public void A_missing_figure_is_a_dash_and_a_tiny_negative_one_loses_its_sign()
    {
        Assert.Equal("–", ComparisonFormat.Percent(null, 0.01));
        Assert.Equal("31.1", ComparisonFormat.Percent(0.3107));
        Assert.Equal("0.0 ± 0.0", ComparisonFormat.Percent(-0.0001, 0.0001));
        Assert.Equal("–", ComparisonFormat.TwoDecimals(null));
    }

    [Fact]
    public void An_empty_comparison_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => ComparisonTable.Markdown([]));

        Assert.StartsWith("a comparison needs at least one experiment", error.Message);
    }
}
