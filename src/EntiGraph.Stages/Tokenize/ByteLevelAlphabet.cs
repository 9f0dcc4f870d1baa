namespace EntiGraph.Stages.Tokenize;

/// <summary>
/// GPT-2's byte-to-character table: every byte gets a printable character, so byte-level tokens can be
/// written as plain strings in vocab.json and merges.txt (a space becomes 'Ġ'). Hugging Face and
/// Microsoft.ML.Tokenizers' ByteLevel mode both expect exactly this table.
/// </summary>
internal static class ByteLevelAlphabet
{
    private static readonly char[] ByteToChar = Build();

    public static char CharOf(byte value) => ByteToChar[value];

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[i] = ByteToChar[bytes[i]];
        }

        return new string(chars);
    }

    // Printable Latin-1 bytes keep their own character; the others (controls, space, soft hyphen...)
    // are moved, in byte order, to 256, 257, ... so that no token string holds whitespace.
    private static char[] Build()
    {
        var table = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            table[b] = printable ? (char)b : (char)next++;
        }

        return table;
    }
}
