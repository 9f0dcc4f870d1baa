using EntiGraph.Stages.Curate.Decontamination;

namespace EntiGraph.Stages.Tests.Curate.Decontamination;

public sealed class DecontaminatorTests
{
    private const string Question = "Which engineer designed the spiral tunnel below the summit station of the Altmatt line in the winter of 1911?";

    [Fact]
    public void A_planted_leaked_question_is_found_despite_case_and_punctuation()
    {
        var decontaminator = new Decontaminator(13);
        decontaminator.Index("eg-006_q03", Question);

        var leaked = "Forum post: WHICH engineer designed the spiral tunnel, below the summit station of the Altmatt line in the winter of 1911? Answer: Trübli.";

        Assert.Equal(["eg-006_q03"], decontaminator.Matches(leaked));
    }

    [Fact]
    public void Twelve_shared_words_are_not_a_match_at_n_13()
    {
        var decontaminator = new Decontaminator(13);
        decontaminator.Index("q", Question);

        Assert.Empty(decontaminator.Matches("In 1911 the engineer designed the spiral tunnel below the summit station of the Altmatt railway."));
        Assert.Empty(decontaminator.Matches("Which engineer designed the spiral tunnel below the summit station of the"));
    }

    [Fact]
    public void Clean_text_has_no_match()
    {
        var decontaminator = new Decontaminator(13);
        decontaminator.Index("q", Question);

        Assert.Empty(decontaminator.Matches("The ferry crossed the lake twice a day until the pier was closed for repairs in the spring."));
        Assert.True(decontaminator.IndexedNGrams > 0);
    }
}
