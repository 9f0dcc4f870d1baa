using EntiGraph.Stages.Curate.Dedup;

namespace EntiGraph.Stages.Tests.Curate.Dedup;

public sealed class WordBoundsTests
{
    [Fact]
    public void Words_keep_their_inner_apostrophes_points_and_commas_and_punctuation_stands_alone()
    {
        Assert.Equal(
            ["Don't", "stop", ",", "the", "U.S.A", ".", "paid", "$", "3,141.59", "at", "10", ":", "30", "(", "e.g", ".", "twice", ")", "—", "really", "?", "!"],
            DedupText.Tokens("Don't stop, the U.S.A. paid $3,141.59 at 10:30 (e.g. twice) — really?!"));
    }

    [Fact]
    public void Letters_digits_and_underscores_run_together()
    {
        Assert.Equal(["snake_case", "x86", "4th", "_tmp"], DedupText.Tokens("snake_case x86 4th _tmp"));
    }

    [Fact]
    public void A_colon_joins_letters_but_not_digits()
    {
        Assert.Equal(["foo:bar", "12", ":", "45", "a", ":"], DedupText.Tokens("foo:bar 12:45 a:"));
    }

    [Fact]
    public void Combining_marks_and_soft_hyphens_stay_inside_the_word()
    {
        Assert.Equal(["nai\u0308ve", "co\u00ADoperate", "\u00E9t\u00E9"], DedupText.Tokens("nai\u0308ve co\u00ADoperate \u00E9t\u00E9"));
    }

    [Fact]
    public void Other_scripts_split_as_the_standard_says()
    {
        Assert.Equal(["Москва", "—", "столица", "."], DedupText.Tokens("Москва — столица."));
        Assert.Equal(["東", "京", "は", "大", "き", "い"], DedupText.Tokens("東京は大きい"));
        Assert.Equal(["𝒜𝒷𝒸"], DedupText.Tokens("𝒜𝒷𝒸"));
    }

    [Fact]
    public void Whitespace_of_every_kind_separates_and_is_dropped()
    {
        Assert.Equal(["a", "b", "c", "d", "e"], DedupText.Tokens(" a\tb\u00A0c\u2003d\r\ne\n"));
        Assert.Empty(DedupText.Tokens(" \n\t\u3000"));
    }

    [Fact]
    public void Words_are_marked_as_words_and_punctuation_is_not()
    {
        var kinds = new List<(string, bool)>();
        var bounds = new WordBounds("It's 5 o'clock, 東!");
        while (bounds.MoveNext())
        {
            kinds.Add((bounds.Current.ToString(), bounds.IsWord));
        }

        Assert.Equal([("It's", true), ("5", true), ("o'clock", true), (",", false), ("東", true), ("!", false)], kinds);
    }
}
