using EntiGraph.Stages.Curate.Quality;

namespace EntiGraph.Stages.Tests.Curate.Quality;

public sealed class QualitySettingsTests
{
    [Fact]
    public void Resolved_defaults_are_the_record_defaults()
    {
        var (section, errors) = ResolvedSection.Of(QualitySettings.Schema(), "{}\n");

        Assert.Empty(errors);
        Assert.Equal(new QualitySettings(), QualitySettings.From(section));
        Assert.Equal(new QualitySettings { Buckets = 1 << 20, Epochs = 5, LearningRate = 0.1, KeepFraction = 0.1, Bigrams = true, Enabled = true },
            QualitySettings.From(section));
    }

    [Fact]
    public void Every_setting_is_read_from_the_section()
    {
        var (section, errors) = ResolvedSection.Of(QualitySettings.Schema(),
            "buckets: 4096\nepochs: 3\nlearning_rate: 0.5\nkeep_fraction: 0.2\nbigrams: false\nenabled: false\n");

        Assert.Empty(errors);
        Assert.Equal(new QualitySettings { Buckets = 4096, Epochs = 3, LearningRate = 0.5, KeepFraction = 0.2, Bigrams = false, Enabled = false },
            QualitySettings.From(section));
    }

    [Fact]
    public void Values_that_cannot_work_are_reported()
    {
        var (_, errors) = ResolvedSection.Of(QualitySettings.Schema(), "learning_rate: 0\nkeep_fraction: 0\nepochs: 0\n");

        Assert.Contains(errors, e => e.Key == "section.epochs" && e.Message == "0 is below the minimum 1");
        Assert.Contains(errors, e => e.Message == "learning_rate must be above 0");
        Assert.Contains(errors, e => e.Message.StartsWith("keep_fraction must be above 0", StringComparison.Ordinal));
    }
}
