using System.Text;

namespace EntiGraph.Stages.Curate.Heuristics;

/// <summary>The cleanup's second half: runs of more than <c>max</c> newlines become exactly <c>max</c>.</summary>
internal static class NewlineCollapser
{
    public static string Collapse(string text, int max)
    {
        if (max <= 0 || text.Length <= max)
        {
            return text;
        }

        var run = new string('\n', max + 1);
        var first = text.IndexOf(run, StringComparison.Ordinal);
        if (first < 0)
        {
            return text;
        }

        var output = new StringBuilder(text.Length);
        output.Append(text, 0, first);
        var i = first;
        while (i < text.Length)
        {
            if (text[i] != '\n')
            {
                var next = text.IndexOf('\n', i);
                next = next < 0 ? text.Length : next;
                output.Append(text, i, next - i);
                i = next;
                continue;
            }

            var end = i;
            while (end < text.Length && text[end] == '\n')
            {
                end++;
            }

            output.Append('\n', Math.Min(end - i, max));
            i = end;
        }

        return output.ToString();
    }
}
