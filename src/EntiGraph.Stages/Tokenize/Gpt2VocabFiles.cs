using System.Text.Json;

namespace EntiGraph.Stages.Tokenize;

/// <summary>
/// Reads GPT-2's layout: vocab.json (token to id) and merges.txt (an optional "#version" line, then one
/// "left right" merge a line, in rank order), split with GPT-2's pattern. The files name no special
/// tokens, so those that tokenizer_config.json names, and the well-known ones the vocabulary holds
/// (&lt;|endoftext|&gt;, &lt;s&gt;, ...), are taken as special.
/// </summary>
internal static class Gpt2VocabFiles
{
    public const string Format = PretrainedTokenizer.VocabFile + "+" + PretrainedTokenizer.MergesFile;

    public static PretrainedTokenizer Load(string folder)
    {
        var vocabPath = Path.Combine(folder, PretrainedTokenizer.VocabFile);
        var mergesPath = Path.Combine(folder, PretrainedTokenizer.MergesFile);
        var vocabulary = Vocabulary(vocabPath);
        var merges = Merges(mergesPath);

        var files = new List<string> { vocabPath, mergesPath };
        var config = Path.Combine(folder, SpecialTokenIds.ConfigFile);
        if (File.Exists(config))
        {
            files.Add(config);
        }

        var special = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in SpecialTokenIds.KnownTokens)
        {
            if (vocabulary.TryGetValue(token, out var id))
            {
                special[token] = id;
            }
        }

        // Resolved once here only to learn the declared tokens' ids, which then count as special too.
        var ids = SpecialTokenIds.Resolve(folder, token => vocabulary.TryGetValue(token, out var id) ? id : null);
        foreach (var (token, id) in new[] { (ids.BosToken, ids.Bos), (ids.EosToken, ids.Eos), (ids.PadToken, ids.Pad) })
        {
            special[token] = id;
        }

        return PretrainedBpe.Create(Format, folder, files, vocabPath, vocabulary, merges, special, Gpt2PreTokenizer.Pattern(), unknownToken: null);
    }

    private static Dictionary<string, int> Vocabulary(string path)
    {
        using var document = TokenizerJson.Parse(path);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}: expected a JSON object of token to id");
        }

        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Number || !entry.Value.TryGetInt32(out var id))
            {
                throw new InvalidDataException($"{path}: token '{entry.Name}': id {entry.Value.GetRawText()} is not an integer");
            }

            vocabulary[entry.Name] = id;
        }

        return vocabulary;
    }

    private static List<MergeEntry> Merges(string path)
    {
        var merges = new List<MergeEntry>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0 || (number == 1 && line.StartsWith("#version", StringComparison.Ordinal)))
            {
                continue;
            }

            var space = line.IndexOf(' ');
            if (space <= 0 || space == line.Length - 1 || line.IndexOf(' ', space + 1) >= 0)
            {
                throw new InvalidDataException($"{path}:{number}: expected two tokens separated by one space, found '{line}'");
            }

            merges.Add(new MergeEntry(line[..space], line[(space + 1)..], $"{path}:{number}"));
        }

        return merges;
    }
}
