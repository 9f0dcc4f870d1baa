using System.Text;
using Microsoft.ML.Tokenizers;

namespace EntiGraph.Stages.Tokenize;

/// <summary>
/// Reads a Llama 3 tokenizer.model: tiktoken's format, one "&lt;base64 token&gt; &lt;rank&gt;" a line, the
/// rank being the id and the merge priority. Llama 3's 256 special tokens follow the ranks, ids counting
/// on from the number of ranks, and text is split with Llama 3's pattern. The file is checked line by line
/// before the library reads it, so a bad line is named by file and line number.
/// </summary>
internal static class TiktokenModelFile
{
    public const string Format = "tiktoken";

    public static PretrainedTokenizer Load(string folder)
    {
        var path = Path.Combine(folder, PretrainedTokenizer.TiktokenFile);
        var bytes = File.ReadAllBytes(path);
        var ranks = CountRanks(path, bytes);
        var special = Llama3SpecialTokens.Create(ranks);
        var ids = SpecialTokenIds.Resolve(folder, token => special.TryGetValue(token, out var id) ? id : null);

        var files = new List<string> { path };
        var config = Path.Combine(folder, SpecialTokenIds.ConfigFile);
        if (File.Exists(config))
        {
            files.Add(config);
        }

        Tokenizer Build(IReadOnlyDictionary<string, int>? splitOut) =>
            TiktokenTokenizer.Create(new MemoryStream(bytes, writable: false), new RegexPreTokenizer(Llama3PreTokenizer.Pattern(), splitOut), normalizer: null, special);
        return new PretrainedTokenizer(Format, files, Build(null), () => Build(special), special, ids, ranks + special.Count);
    }

    /// <summary>Checks every line and returns the number of ranks, which must be exactly 0 to n-1.</summary>
    private static int CountRanks(string path, byte[] bytes)
    {
        var seenTokens = new HashSet<string>(StringComparer.Ordinal);
        var lineOfRank = new Dictionary<int, int>();
        var singleBytes = new bool[256];
        var number = 0;
        using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false, throwOnInvalidBytes: false));
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            var space = line.IndexOf(' ');
            if (space <= 0 || line.IndexOf(' ', space + 1) >= 0)
            {
                // Llama 2's tokenizer.model is a SentencePiece protobuf, which looks like this from the first line.
                var hint = line.Any(c => (char.IsControl(c) && c != '\t') || c == '\uFFFD') ? " (a binary file: SentencePiece models are not supported, only tiktoken ones)" : "";
                throw new InvalidDataException($"{path}:{number}: expected \"<base64 token> <rank>\"{hint}");
            }

            byte[] token;
            try
            {
                token = Convert.FromBase64String(line[..space]);
            }
            catch (FormatException)
            {
                throw new InvalidDataException($"{path}:{number}: '{line[..space]}' is not base64");
            }

            if (!int.TryParse(line.AsSpan(space + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var rank))
            {
                throw new InvalidDataException($"{path}:{number}: rank '{line[(space + 1)..]}' is not a non-negative integer");
            }

            if (token.Length == 0 || !seenTokens.Add(line[..space]))
            {
                throw new InvalidDataException($"{path}:{number}: token '{line[..space]}' is empty or appears twice");
            }

            if (!lineOfRank.TryAdd(rank, number))
            {
                throw new InvalidDataException($"{path}:{number}: rank {rank} is already taken by line {lineOfRank[rank]}");
            }

            if (token.Length == 1)
            {
                singleBytes[token[0]] = true;
            }
        }

        var count = lineOfRank.Count;
        var outOfRange = lineOfRank.Keys.Where(r => r >= count).DefaultIfEmpty(-1).Min();
        if (outOfRange >= 0)
        {
            throw new InvalidDataException(
                $"{path}:{lineOfRank[outOfRange]}: rank {outOfRange} leaves a gap: {count} ranks must be 0 to {count - 1}, since the special tokens take the ids after them");
        }

        // Any byte sequence must be spellable, or the encoder fails on text it has not seen.
        if (Array.IndexOf(singleBytes, false) is var missing and >= 0)
        {
            throw new InvalidDataException($"{path}: no token for the single byte 0x{missing:X2}: every byte needs a rank");
        }

        return count;
    }
}
