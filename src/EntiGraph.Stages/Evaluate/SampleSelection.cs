namespace EntiGraph.Stages.Evaluate;

/// <summary>
/// Which of a question's samples gives its answer. The paper's text takes a random sample among those
/// that state an answer; its released code takes the first such sample. Neither votes: a question with
/// several valid samples is answered by one of them.
/// </summary>
public static class SampleSelection
{
    public const string FirstValid = "first_valid";
    public const string RandomValid = "random_valid";

    public static IReadOnlyList<string> Choices { get; } = [FirstValid, RandomValid];

    /// <summary>The index of the chosen sample, or null when no sample states an answer.</summary>
    public static int? Choose(IReadOnlyList<ParsedAnswer> samples, string selection, long seed, string questionId)
    {
        var valid = Enumerable.Range(0, samples.Count).Where(i => samples[i].Valid).ToList();
        if (valid.Count == 0)
            return null;
        return selection switch
        {
            FirstValid => valid[0],
            // The modulo's bias is below 2^-60 for any realistic number of samples.
            RandomValid => valid[(int)(QuestionSeed.Of(seed, QuestionSeed.Selection, questionId) % (ulong)valid.Count)],
            _ => throw new ArgumentOutOfRangeException(nameof(selection), selection, $"the selection is one of: {string.Join(", ", Choices)}"),
        };
    }
}
