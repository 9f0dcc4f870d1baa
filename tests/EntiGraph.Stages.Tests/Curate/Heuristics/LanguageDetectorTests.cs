using EntiGraph.Stages.Curate.Heuristics;
using static EntiGraph.Stages.Tests.Curate.Heuristics.Run;

namespace EntiGraph.Stages.Tests.Curate.Heuristics;

public sealed class LanguageDetectorTests
{
    internal const string English =
        "Anyone who has stopped on the way home to watch the sun go down has seen the same slow performance. " +
        "The bright blue of the afternoon softens, the horizon turns yellow and then orange, and finally a deep violet " +
        "settles overhead before the stars appear. None of this requires anything unusual in the air: it is the ordinary " +
        "behaviour of sunlight passing through the atmosphere, seen from a changing angle.";

    internal const string German =
        "Die Stadt liegt am Ufer des Flusses und ist seit dem Mittelalter ein wichtiger Handelsplatz. Im Sommer kommen " +
        "viele Besucher, die durch die engen Gassen der Altstadt spazieren und die alten Häuser bewundern. Unter dem " +
        "Marktplatz befindet sich ein System von Kellern, in denen früher Wein und Getreide gelagert wurden. Heute kann " +
        "man einige dieser Räume bei einer Führung besichtigen, die jeden Samstag am Rathaus beginnt.";

    private const string French =
        "La ville se trouve au bord du fleuve et elle est depuis le Moyen Âge un lieu de commerce important. En été, de " +
        "nombreux visiteurs se promènent dans les ruelles étroites de la vieille ville et admirent les anciennes maisons. " +
        "On peut aujourd'hui visiter certaines de ces salles lors d'une visite guidée qui part chaque samedi de la mairie.";

    private const string Spanish =
        "La ciudad está a orillas del río y desde la Edad Media es un importante lugar de comercio. En verano llegan " +
        "muchos visitantes que pasean por las calles estrechas del casco antiguo y admiran las casas viejas. Hoy se pueden " +
        "visitar algunas de estas salas en una visita guiada que sale cada sábado del ayuntamiento.";

    private const string Dutch =
        "De stad ligt aan de oever van de rivier en is sinds de middeleeuwen een belangrijke handelsplaats. In de zomer " +
        "komen er veel bezoekers die door de smalle straatjes van de oude binnenstad wandelen en de oude huizen bewonderen. " +
        "Wat veel mensen niet weten, is dat er onder het marktplein een stelsel van kelders ligt waar vroeger wijn werd bewaard.";

    private const string Chinese =
        "这座城市位于河岸边，自中世纪以来一直是重要的贸易中心。夏天有许多游客来到这里，漫步在老城狭窄的小巷中，欣赏古老的房屋。" +
        "很多人不知道的是，在集市广场下面有一个地窖系统。the city of the river";

    private const string EnglishShop =
        "Home | Products | About Us | Contact\nStainless Steel Water Bottle 750ml\nPrice: $24.99\n" +
        "Keep your drinks cold for 24 hours and hot for 12 hours with our double-walled bottle. It is free of BPA and easy to clean.\n" +
        "Features:\n- Leak-proof lid\n- Fits most cup holders\nGreat bottle, keeps water cold all day at the gym. Would buy again.";

    [Theory]
    [InlineData(English)]
    [InlineData(EnglishShop)]
    public void English_is_english_above_the_threshold(string text)
    {
        var (language, probability) = StopwordLanguageDetector.Instance.Detect(text);
        Assert.Equal("en", language);
        Assert.True(probability > 0.65, $"P(en) = {probability}");
    }

    [Theory]
    [InlineData(German)]
    [InlineData(French)]
    [InlineData(Spanish)]
    [InlineData(Dutch)]
    [InlineData(Chinese)]
    public void Other_languages_are_not_english(string text)
    {
        var (language, probability) = StopwordLanguageDetector.Instance.Detect(text);
        Assert.Equal("und", language);
        Assert.True(probability > 0.5);
        Assert.True(StopwordLanguageDetector.FunctionWordShare(text, out _) < 0.05);
    }

    [Fact]
    public void The_probability_rises_with_the_share_of_function_words()
    {
        var low = StopwordLanguageDetector.Instance.Detect("alpha beta gamma delta the epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau");
        var mid = StopwordLanguageDetector.Instance.Detect("alpha the beta of gamma delta and epsilon zeta eta");
        Assert.Equal("und", low.Language);
        Assert.Equal("en", mid.Language);
        Assert.Equal(1 / (1 + Math.Exp(-StopwordLanguageDetector.Steepness * (0.3 - StopwordLanguageDetector.Midpoint))), mid.Probability, 12);
        Assert.Equal(("und", 1.0), StopwordLanguageDetector.Instance.Detect("1234 !!! 5678"));
    }

    [Fact]
    public void Scripts_without_spaces_count_each_character()
    {
        Assert.Equal(1.0 / 3, StopwordLanguageDetector.FunctionWordShare("the 東京", out var words), 12);
        Assert.Equal(3, words);
    }

    [Fact]
    public void The_pipeline_keeps_english_above_the_threshold()
    {
        var english = new TestText().Prose(90);
        var probability = StopwordLanguageDetector.Instance.Detect(english).Probability;
        Kept(With(new HeuristicSettings { LanguageThreshold = probability - 1e-9 }, english));
        Rejected(HeuristicRule.Language, With(new HeuristicSettings { LanguageThreshold = probability }, english));
        Rejected(HeuristicRule.Language, Default(German));
    }

    [Fact]
    public void A_detector_can_be_supplied()
    {
        var german = new HeuristicPipeline(new HeuristicSettings { Language = "de" }, new FixedDetector("de", 0.9));
        var result = german.Apply(German, null);
        Assert.NotEqual(HeuristicRule.Language, result.Rule);

        var unsure = new HeuristicPipeline(new HeuristicSettings(), new FixedDetector("en", 0.65));
        Rejected(HeuristicRule.Language, unsure.Apply(new TestText().Prose(90), null));
    }

    [Fact]
    public void Fasttext_is_not_in_this_build()
    {
        var error = Assert.Throws<NotSupportedException>(() => new HeuristicPipeline(new HeuristicSettings { LanguageDetector = "fasttext" }));
        Assert.Contains("not available in this build", error.Message);
        Assert.Contains("lid.176", error.Message);

        // Skipping the language rule needs no detector at all.
        var pipeline = new HeuristicPipeline(new HeuristicSettings { LanguageDetector = "fasttext", SkipRules = [HeuristicRule.Language] });
        Kept(pipeline.Apply(new TestText().Prose(90), null));
    }

    private sealed class FixedDetector(string language, double probability) : ILanguageDetector
    {
        public (string Language, double Probability) Detect(string text) => (language, probability);
    }
}
