namespace EntiGraph.Stages.Tests.Tokenize;

/// <summary>Small invented documents with repeated words (so merges are learned), punctuation, digits and non-ASCII text.</summary>
internal static class TokenizeCorpus
{
    public const string RoundTrip = "  The ferry Ostrel crossed Lake Orrin,\tthen  waited.\nCafé crème — naïve Zoë paid 12,50 € for 日本語 and 😀!  ";

    public static readonly IReadOnlyList<string> Documents = Build();

    private static List<string> Build()
    {
        string[] subjects = ["The ferry", "The council", "Ida Crane", "The engineer", "Ansel Morrow", "The old bridge"];
        string[] verbs = ["crossed the lake", "met on Tuesday", "kept the books", "repaired the railings", "founded the works", "burned in 1890"];
        string[] tails = ["before winter.", "at Fennick.", "near Mount Vell.", "with the café owner Zoë.", "under a grey sky — again.", "and nobody asked why?"];
        var documents = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var sentences = Enumerable.Range(0, 3 + (i % 4)).Select(j => $"{subjects[(i + j) % 6]} {verbs[(i * 3 + j) % 6]} {tails[(i + 2 * j) % 6]}");
            documents.Add($"Document {i}. " + string.Join(" ", sentences));
        }

        return documents;
    }
}
