namespace EntiGraph.Stages.Evaluate;

/// <summary>One sampled continuation of a prompt, and whether it ended on its own.</summary>
/// <param name="Text">The text after the prompt.</param>
/// <param name="Ended">
/// True when the sample's end is the generator's choice: the model's end-of-sequence token, or the whole
/// message an endpoint returns. False when a token limit or the context cut it off.
/// </param>
public sealed record AnswerSample(string Text, bool Ended);

/// <summary>The option a sample settles on (null when it states none), and its text up to and with the answer line.</summary>
public sealed record ParsedAnswer(int? Choice, string Text)
{
    public bool Valid => Choice is not null;
}

/// <summary>
/// Reads the answer out of a chain of thought the way the EntiGraph paper does: generation stops at any
/// of the strings <c>Answer: X.\n</c>, one per option letter, and the answer is the letter in the string
/// that stopped it. A sample that never reaches one states no answer; it is not guessed from the text.
/// </summary>
/// <remarks>
/// One extension: a sample that ends on its own right after <c>Answer: X.</c> (trailing spaces and
/// line breaks aside) also counts. Chat endpoints return messages trimmed of their last line break,
/// and a model that stops after the answer line has finished that line. A sample cut off by the token
/// limit right after <c>Answer: X.</c> does not count, as in the paper: its line might have gone on.
/// </remarks>
public static class AnswerParser
{
    private const string Marker = "Answer: ";

    /// <summary>The option letters A, B, ... for <paramref name="optionCount"/> options.</summary>
    public static IReadOnlyList<char> Letters(int optionCount)
    {
        if (optionCount is < 1 or > 26)
            throw new ArgumentOutOfRangeException(nameof(optionCount), optionCount,
                $"a question needs between 1 and 26 options to be lettered A to Z, not {optionCount}");
        return Enumerable.Range(0, optionCount).Select(i => (char)('A' + i)).ToArray();
    }

    public static IReadOnlyList<string> StopStrings(int optionCount) => Letters(optionCount).Select(StopString).ToArray();

    public static string StopString(char letter) => $"{Marker}{letter}.\n";

    /// <summary>Whether <paramref name="text"/> already holds a stop string: generation can end there.</summary>
    public static bool HasStop(string text, int optionCount) => FirstStop(text, Letters(optionCount)) is not null;

    public static ParsedAnswer Parse(AnswerSample sample, int optionCount)
    {
        var letters = Letters(optionCount);
        if (FirstStop(sample.Text, letters) is var (choice, end))
            return new ParsedAnswer(choice, sample.Text[..end]);
        if (sample.Ended)
        {
            var trimmed = sample.Text.TrimEnd();
            for (int i = 0; i < letters.Count; i++)
            {
                if (trimmed.EndsWith($"{Marker}{letters[i]}.", StringComparison.Ordinal))
                    return new ParsedAnswer(i, trimmed);
            }
        }
        return new ParsedAnswer(null, sample.Text);
    }

    /// <summary>The earliest stop string: generation would have ended there, so a later one was never written.</summary>
    private static (int Choice, int End)? FirstStop(string text, IReadOnlyList<char> letters)
    {
        (int Choice, int End)? first = null;
        int earliest = int.MaxValue;
        for (int i = 0; i < letters.Count; i++)
        {
            var stop = StopString(letters[i]);
            int at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && at < earliest)
            {
                earliest = at;
                first = (i, at + stop.Length);
            }
        }
        return first;
    }
}
