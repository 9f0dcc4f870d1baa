using EntiGraph.Stages.Curate.Selection;

namespace EntiGraph.Stages.Tests.Curate.Selection;

/// <summary>Generated pools: finance news among other subjects, with a token count per document (its words).</summary>
internal static class SelectionPool
{
    private static readonly string[] Finance = ["earnings", "revenue", "shares", "dividend", "investors", "quarter", "profit", "bond", "stock", "analysts"];
    private static readonly string[] Cooking = ["recipe", "oven", "flour", "butter", "onion", "sauce", "simmer", "garlic", "dough", "pan"];
    private static readonly string[] Garden = ["soil", "seeds", "roses", "compost", "watering", "leaves", "tomatoes", "shade", "roots", "spring"];
    private static readonly string[] Sport = ["match", "goal", "coach", "season", "players", "league", "striker", "referee", "fans", "stadium"];

    public static readonly string[] TaskTexts =
    [
        "Shares of the company rose after quarterly earnings beat analysts' forecasts.",
        "The bank cut its dividend as profit fell in the fourth quarter.",
        "Investors sold the stock when revenue guidance disappointed analysts.",
        "Bond yields climbed and shares slipped ahead of the earnings season.",
    ];

    public static List<SelectionCandidate> Mixed(int financeCount, int otherCount, int seed)
    {
        var random = new Random(seed);
        var pool = new List<SelectionCandidate>();
        for (var i = 0; i < financeCount; i++)
        {
            pool.Add(Candidate($"fin-{i:D3}", Finance, random));
        }

        string[][] others = [Cooking, Garden, Sport];
        for (var i = 0; i < otherCount; i++)
        {
            pool.Add(Candidate($"oth-{i:D3}", others[i % others.Length], random));
        }

        return pool;
    }

    public static SelectionCandidate Candidate(string id, string[] subject, Random random)
    {
        var sentences = new List<string>();
        var count = random.Next(2, 12);
        for (var s = 0; s < count; s++)
        {
            var a = subject[random.Next(subject.Length)];
            var b = subject[random.Next(subject.Length)];
            sentences.Add(random.Next(3) switch
            {
                0 => $"The {a} and the {b} were discussed at length on Monday.",
                1 => $"Reports said that {a} could change, because {b} moved quickly.",
                _ => $"Many expected the {a} to matter more than the {b} this year.",
            });
        }

        var text = string.Join(" ", sentences);
        return new(id, text, text.Split(' ').Length);
    }

    public static long Selected(IReadOnlyList<SelectionCandidate> pool, IReadOnlyList<SelectionScore> scores) =>
        pool.Zip(scores).Where(p => p.Second.Selected).Sum(p => p.First.Tokens);
}
