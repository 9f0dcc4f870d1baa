using System.IO.Hashing;
using System.Runtime.InteropServices;
using EntiGraph.Stages.Curate.Dedup;

namespace EntiGraph.Stages.Tests.Curate.Dedup;

public sealed class ExactDedupTests
{
    [Fact]
    public void The_first_occurrence_is_kept_and_later_ones_are_duplicates()
    {
        var dedup = new ExactDedup();

        Assert.False(dedup.IsDuplicate("The river rose in March."));
        Assert.False(dedup.IsDuplicate("The river fell in April."));
        Assert.True(dedup.IsDuplicate("The river rose in March."));
        Assert.True(dedup.IsDuplicate("The river rose in March."));
    }

    [Theory]
    [InlineData("the river rose in march.")]
    [InlineData("THE RIVER ROSE IN MARCH.")]
    [InlineData("  The river\trose in\r\n\r\nMarch.  ")]
    [InlineData("The\u00A0river rose\u2003in March.")]
    public void Case_spacing_and_its_kind_do_not_matter(string variant)
    {
        var dedup = new ExactDedup();
        dedup.IsDuplicate("The river rose in March.");

        Assert.True(dedup.IsDuplicate(variant));
    }

    [Fact]
    public void Composed_and_decomposed_accents_are_the_same_text()
    {
        var dedup = new ExactDedup();
        dedup.IsDuplicate("Caf\u00E9 na\u00EFve");

        Assert.True(dedup.IsDuplicate("Cafe\u0301 nai\u0308ve"));
        Assert.True(dedup.IsDuplicate("CAFE\u0301 NAI\u0308VE"));
    }

    [Theory]
    [InlineData("The river rose in March")]
    [InlineData("The river rose in March!")]
    [InlineData("Theriver rose in March.")]
    [InlineData("The river rose in Marcha.")]
    [InlineData("The river rose in Mar\u00E7h.")]
    public void Anything_beyond_case_and_spacing_is_a_different_text(string variant)
    {
        var dedup = new ExactDedup();
        dedup.IsDuplicate("The river rose in March.");

        Assert.False(dedup.IsDuplicate(variant));
    }

    [Fact]
    public void The_key_is_XxHash128_of_the_normalised_UTF16_text()
    {
        var expected = XxHash128.HashToUInt128(MemoryMarshal.AsBytes("caf\u00E9 au lait".AsSpan()));

        Assert.Equal(expected, ExactDedup.Key("\n  CAFE\u0301\t au   LAIT \n"));
    }

    [Fact]
    public void Empty_and_blank_texts_are_one_text()
    {
        var dedup = new ExactDedup();

        Assert.False(dedup.IsDuplicate(""));
        Assert.True(dedup.IsDuplicate(" \n\t "));
    }
}
