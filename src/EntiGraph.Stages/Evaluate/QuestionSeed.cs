using System.IO.Hashing;
using System.Text;

namespace EntiGraph.Stages.Evaluate;

/// <summary>
/// The random stream of one question for one purpose, from the configured seed and the question's id:
/// a question draws the same numbers whichever questions come before it, how they are batched, or
/// whether another purpose (sampling, choosing a sample) drew first.
/// </summary>
public static class QuestionSeed
{
    public const string Sampling = "sampling";
    public const string Selection = "selection";

    public static ulong Of(long seed, string purpose, string questionId) =>
        XxHash64.HashToUInt64(Encoding.UTF8.GetBytes($"{purpose}\n{questionId}"), seed);
}
