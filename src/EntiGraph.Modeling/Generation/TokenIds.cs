namespace EntiGraph.Modeling.Generation;

/// <summary>Checks on managed token ids before they reach the model, where an out-of-range id fails deep in native code.</summary>
internal static class TokenIds
{
    public static void CheckInVocabulary(IReadOnlyList<int> ids, int vocabSize, string what)
    {
        ArgumentNullException.ThrowIfNull(ids, what);
        for (int i = 0; i < ids.Count; i++)
        {
            if (ids[i] < 0 || ids[i] >= vocabSize)
                throw new ArgumentOutOfRangeException(what,
                    $"Token id {ids[i]} at index {i} of the {what} is outside the vocabulary 0..{vocabSize - 1}.");
        }
    }

    public static long[] ToLongs(IReadOnlyList<int> ids)
    {
        var result = new long[ids.Count];
        for (int i = 0; i < result.Length; i++)
            result[i] = ids[i];
        return result;
    }
}
