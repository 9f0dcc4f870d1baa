using EntiGraph.Stages.Curate.Selection;
using EntiGraph.Stages.Tests.Curate.Quality;

namespace EntiGraph.Stages.Tests.Curate.Selection;

public sealed class SelectionSettingsTests
{
    [Fact]
    public void Resolved_defaults_are_the_record_defaults()
    {
        var (section, errors) = ResolvedSection.Of(SelectionSettings.Schema(), "{}\n");

        Assert.Empty(errors);
        Assert.Equal(new SelectionSettings(), SelectionSettings.From(section));
        Assert.Equal(new SelectionSettings
        {
            Mode = "hard", BudgetFraction = 0.1, BudgetTokens = 0, SimilarityWeight = 1, NoveltyWeight = 0, DiversityWeight = 1,
            EmbeddingDimensions = 4096, Enabled = true,
        }, SelectionSettings.From(section));
    }

    [Fact]
    public void Every_setting_is_read_from_the_section()
    {
        var (section, errors) = ResolvedSection.Of(SelectionSettings.Schema(),
            "mode: soft\nbudget_fraction: 0.25\nbudget_tokens: 5000\nsimilarity_weight: 2\nnovelty_weight: 0.5\n" +
            "diversity_weight: 0\nembedding_dimensions: 512\nenabled: false\n");

        Assert.Empty(errors);
        Assert.Equal(new SelectionSettings
        {
            Mode = "soft", BudgetFraction = 0.25, BudgetTokens = 5000, SimilarityWeight = 2, NoveltyWeight = 0.5, DiversityWeight = 0,
            EmbeddingDimensions = 512, Enabled = false,
        }, SelectionSettings.From(section));
    }

    [Fact]
    public void Settings_that_select_nothing_are_reported()
    {
        var (_, errors) = ResolvedSection.Of(SelectionSettings.Schema(),
            "mode: random\nsimilarity_weight: 0\ndiversity_weight: 0\nbudget_fraction: 0\n");

        Assert.Contains(errors, e => e.Key == "section.mode" && e.Message == "'random' is not allowed; allowed values: hard, soft");
        Assert.Contains(errors, e => e.Message.StartsWith("give at least one of similarity_weight", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.StartsWith("the budget is empty", StringComparison.Ordinal));
    }

    [Fact]
    public void The_selector_refuses_settings_it_cannot_use()
    {
        Assert.Contains("unknown", Assert.Throws<ArgumentException>(() => new DataSelector(new SelectionSettings { Mode = "random" })).Message);
        Assert.Throws<ArgumentException>(() => new DataSelector(new SelectionSettings { SimilarityWeight = 0, DiversityWeight = 0 }));
        Assert.Throws<ArgumentException>(() => new DataSelector(new SelectionSettings { DiversityWeight = -1 }));
    }
}
