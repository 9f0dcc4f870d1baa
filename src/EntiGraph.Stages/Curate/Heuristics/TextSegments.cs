namespace EntiGraph.Stages.Curate.Heuristics;

/// <summary>
/// Lines and paragraphs as DCLM's <c>split_paragraphs</c> makes them: split at every "\n" (lines) or at
/// every "\n\n" from left to right (paragraphs), each piece stripped of surrounding whitespace, empty
/// pieces dropped.
/// </summary>
internal static class TextSegments
{
    public static void Lines(string text, List<TextSpan> lines) => Split(text, "\n", lines);

    public static void Paragraphs(string text, List<TextSpan> paragraphs) => Split(text, "\n\n", paragraphs);

    private static void Split(string text, string separator, List<TextSpan> output)
    {
        output.Clear();
        var span = text.AsSpan();
        var start = 0;
        while (start <= span.Length)
        {
            var found = span[start..].IndexOf(separator, StringComparison.Ordinal);
            var end = found < 0 ? span.Length : start + found;
            AddStripped(span, start, end, output);
            if (found < 0)
            {
                break;
            }

            start = end + separator.Length;
        }
    }

    private static void AddStripped(ReadOnlySpan<char> text, int start, int end, List<TextSpan> output)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            output.Add(new TextSpan(start, end - start));
        }
    }
}
