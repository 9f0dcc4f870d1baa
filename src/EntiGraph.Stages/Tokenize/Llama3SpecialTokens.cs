namespace EntiGraph.Stages.Tokenize;

/// <summary>
/// The 256 special tokens Llama 3 places after its ranks, in id order: begin and end of text, four
/// reserved, the two header markers, one reserved, end of turn, then reserved 5 to 250.
/// </summary>
internal static class Llama3SpecialTokens
{
    public const int Count = 256;
    public const string BeginOfText = "<|begin_of_text|>";
    public const string EndOfText = "<|end_of_text|>";
    public const string StartHeader = "<|start_header_id|>";
    public const string EndHeader = "<|end_header_id|>";
    public const string EndOfTurn = "<|eot_id|>";

    public static IReadOnlyList<string> Names { get; } = Build();

    /// <summary>Token to id, the first id being <paramref name="ranks"/>.</summary>
    public static Dictionary<string, int> Create(int ranks) =>
        Names.Select((name, i) => (name, i)).ToDictionary(t => t.name, t => ranks + t.i, StringComparer.Ordinal);

    private static List<string> Build()
    {
        static string Reserved(int i) => $"<|reserved_special_token_{i}|>";
        List<string> names = [BeginOfText, EndOfText, Reserved(0), Reserved(1), Reserved(2), Reserved(3), StartHeader, EndHeader, Reserved(4), EndOfTurn];
        for (var i = 5; names.Count < Count; i++)
        {
            names.Add(Reserved(i));
        }

        return names;
    }
}
