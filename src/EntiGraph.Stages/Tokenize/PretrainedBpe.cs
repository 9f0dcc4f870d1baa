using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace EntiGraph.Stages.Tokenize;

/// <summary>A merge read from a file, with where it was read (file:line, or file and JSON path) for errors.</summary>
internal readonly record struct MergeEntry(string Left, string Right, string Location);

/// <summary>
/// Builds a Microsoft.ML.Tokenizers byte-level BPE from a vocabulary and merges read out of a folder.
/// Everything the library would reject with a bare message, or worse accept and then encode wrongly, is
/// checked first so that the error says which file and which entry.
/// </summary>
internal static class PretrainedBpe
{
    public static PretrainedTokenizer Create(
        string format,
        string folder,
        IReadOnlyList<string> files,
        string vocabularyFile,
        Dictionary<string, int> vocabulary,
        IReadOnlyList<MergeEntry> merges,
        Dictionary<string, int> specialTokens,
        Regex split,
        string? unknownToken)
    {
        CheckVocabulary(vocabularyFile, vocabulary);
        CheckMerges(vocabulary, merges);
        var ids = SpecialTokenIds.Resolve(folder, token =>
            specialTokens.TryGetValue(token, out var id) || vocabulary.TryGetValue(token, out id) ? id : null);

        var mergeLines = merges.Select(m => $"{m.Left} {m.Right}").ToArray();
        var specials = specialTokens.Count == 0 ? null : specialTokens;
        Tokenizer Build(IReadOnlyDictionary<string, int>? splitOut) => BpeTokenizer.Create(new BpeOptions(vocabulary)
        {
            Merges = mergeLines,
            SpecialTokens = specials,
            UnknownToken = unknownToken,
            ByteLevel = true,
            // Special tokens are split out of the text only when the pre-tokenizer knows them.
            PreTokenizer = new RegexPreTokenizer(split, splitOut),
        });

        var size = Math.Max(vocabulary.Values.Max(), specialTokens.Count == 0 ? 0 : specialTokens.Values.Max()) + 1;
        return new PretrainedTokenizer(format, files, Build(null), () => Build(specials), specialTokens, ids, size);
    }

    private static void CheckVocabulary(string file, Dictionary<string, int> vocabulary)
    {
        if (vocabulary.Count == 0)
        {
            throw new InvalidDataException($"{file}: the vocabulary is empty");
        }

        var byId = new Dictionary<int, string>();
        foreach (var (token, id) in vocabulary)
        {
            if (id < 0)
            {
                throw new InvalidDataException($"{file}: token '{token}' has a negative id {id}");
            }

            if (!byId.TryAdd(id, token))
            {
                throw new InvalidDataException($"{file}: tokens '{byId[id]}' and '{token}' share the id {id}");
            }
        }

        // Without all 256 byte tokens the library silently drops the bytes it cannot spell.
        for (var b = 0; b < 256; b++)
        {
            var token = ByteLevelAlphabet.CharOf((byte)b).ToString();
            if (!vocabulary.ContainsKey(token))
            {
                throw new InvalidDataException($"{file}: the vocabulary has no token for byte 0x{b:X2} ('{token}'): not a byte-level BPE vocabulary");
            }
        }
    }

    private static void CheckMerges(Dictionary<string, int> vocabulary, IReadOnlyList<MergeEntry> merges)
    {
        foreach (var (left, right, location) in merges)
        {
            foreach (var part in new[] { left, right })
            {
                if (part.Length == 0 || part.Contains(' '))
                {
                    // The library takes merges as "left right" strings, so it cannot hold a token with a space.
                    throw new InvalidDataException($"{location}: merge part '{part}' is empty or holds a space, which a byte-level BPE never has");
                }

                if (!vocabulary.ContainsKey(part))
                {
                    throw new InvalidDataException($"{location}: merge part '{part}' is not in the vocabulary");
                }
            }

            if (!vocabulary.ContainsKey(left + right))
            {
                throw new InvalidDataException($"{location}: the merge of '{left}' and '{right}' gives '{left + right}', which is not in the vocabulary");
            }
        }
    }
}
