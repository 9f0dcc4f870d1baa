namespace EntiGraph.Stages.Tests.Curate.Quality;

/// <summary>
/// Generated test documents: explanatory prose on some topics, and web noise (keyword stuffing,
/// navigation boilerplate, ads, tag lists) about some products. Training and held-out sets use disjoint
/// topics and products, so the classifier has to learn the style rather than the subject.
/// </summary>
internal static class PlantedCorpus
{
    public sealed record Topic(string Name, string[] Nouns, (string Third, string Base)[] Verbs, string[] Adjectives);

    public static readonly Topic[] TrainTopics =
    [
        new("physics", ["particle", "field", "wave", "force", "charge", "electron", "magnet", "current"],
            [("moves", "move"), ("attracts", "attract"), ("carries", "carry"), ("changes", "change"), ("pushes", "push")],
            ["strong", "stable", "small", "invisible", "uniform"]),
        new("biology", ["cell", "protein", "gene", "membrane", "enzyme", "tissue", "organism", "nucleus"],
            [("builds", "build"), ("controls", "control"), ("repairs", "repair"), ("protects", "protect"), ("copies", "copy")],
            ["living", "complex", "delicate", "active", "essential"]),
        new("history", ["empire", "treaty", "merchant", "city", "army", "council", "harbour", "king"],
            [("governs", "govern"), ("defends", "defend"), ("trades with", "trade with"), ("weakens", "weaken"), ("shapes", "shape")],
            ["ancient", "powerful", "divided", "wealthy", "remote"]),
        new("cooking", ["dough", "oven", "sauce", "onion", "butter", "flour", "pan", "broth"],
            [("thickens", "thicken"), ("softens", "soften"), ("flavours", "flavour"), ("browns", "brown"), ("absorbs", "absorb")],
            ["warm", "crisp", "rich", "gentle", "salty"]),
    ];

    public static readonly Topic[] HeldOutTopics =
    [
        new("geology", ["rock", "glacier", "valley", "mineral", "layer", "volcano", "river", "crust"],
            [("erodes", "erode"), ("deposits", "deposit"), ("lifts", "lift"), ("cracks", "crack"), ("buries", "bury")],
            ["deep", "frozen", "layered", "heavy", "slow"]),
        new("economics", ["market", "price", "buyer", "wage", "bank", "loan", "tax", "supply"],
            [("raises", "raise"), ("lowers", "lower"), ("funds", "fund"), ("limits", "limit"), ("balances", "balance")],
            ["scarce", "rising", "public", "local", "careful"]),
    ];

    public static readonly string[] TrainProducts = ["shoes", "watches", "phones", "loans", "sneakers", "laptops"];
    public static readonly string[] HeldOutProducts = ["furniture", "insurance", "tires", "hotels"];
    private static readonly string[] Brands = ["MegaDeals", "ShopNow", "BestBuyz", "TopStore", "QuickMart", "SuperSale"];
    private static readonly string[] Cities = ["Miami", "Dallas", "London", "Toronto", "Sydney", "Chicago"];

    public static List<string> Clean(int count, Topic[] topics, int seed)
    {
        var random = new Random(seed);
        var documents = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var topic = topics[random.Next(topics.Length)];
            var sentences = random.Next(4, 8);
            var text = new List<string>();
            for (var s = 0; s < sentences; s++)
            {
                text.Add(Sentence(topic, random));
            }

            documents.Add(string.Join(" ", text));
        }

        return documents;
    }

    public static List<string> Noisy(int count, string[] products, int seed)
    {
        var random = new Random(seed);
        var documents = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var segments = random.Next(2, 5);
            var text = new List<string>();
            for (var s = 0; s < segments; s++)
            {
                text.Add(Segment(products, random));
            }

            documents.Add(string.Join("\n", text));
        }

        return documents;
    }

    private static string Sentence(Topic t, Random r)
    {
        string N() => Pick(t.Nouns, r);
        string A() => Pick(t.Adjectives, r);
        (string Third, string Base) V() => Pick(t.Verbs, r);
        return r.Next(8) switch
        {
            0 => $"The {N()} {V().Third} the {N()} because it is {A()} and {A()}.",
            1 => $"When the {N()} becomes {A()}, the {N()} {V().Third} it more slowly than before.",
            2 => $"In {t.Name}, researchers explain that a {A()} {N()} often {V().Third} the nearby {N()}.",
            3 => $"This means that the {N()} and the {N()} are closely connected, which is why students study them together.",
            4 => $"For example, a {N()} that {V().Third} a {N()} will usually show how {A()} the whole process can be.",
            5 => $"Because of this, many people believe that the {N()} is the most {A()} part of {t.Name}.",
            6 => $"However, the {N()} does not always {V().Base} the {N()}, so careful observation is needed.",
            _ => $"It is worth remembering that every {N()} can {V().Base} a {N()} only when the conditions are {A()}.",
        };
    }

    private static string Segment(string[] products, Random r)
    {
        string P() => Pick(products, r);
        string B() => Pick(Brands, r);
        string C() => Pick(Cities, r);
        var year = r.Next(2015, 2025);
        return r.Next(5) switch
        {
            0 => $"{P()} {P()} cheap {P()} best {P()} {C()} buy {P()} online discount {P()} free shipping {P()} deals {year}",
            1 => $"Home | About Us | Contact | {P()} | Blog | Login | Sign Up | Cart (0) | Privacy Policy | Terms of Service | © {year} {B()} All Rights Reserved",
            2 => $"CLICK HERE!!! {P()} {r.Next(10, 90)}% OFF!!! Limited offer {P()} {P()} buy now >>> {B()} official store {C()} {P()} sale sale sale",
            3 => $"Tags: {P()}, {P()}, {C()}, {B()}, {P()} reviews, best {P()} {year}, {P()} near me, {P()} {C()}",
            _ => $"Subscribe to our newsletter | Follow us on Facebook Twitter Instagram | {B()} {P()} outlet | Shipping & Returns | FAQ | Sitemap",
        };
    }

    private static T Pick<T>(T[] items, Random random) => items[random.Next(items.Length)];
}
