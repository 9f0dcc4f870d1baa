namespace EntiGraph.Stages.Curate.Heuristics;

/// <summary>
/// Buffers reused from one document to the next on the same thread, so that the steady state
/// allocates little more than the output text. One per thread: a pipeline is shared freely.
/// </summary>
internal sealed class HeuristicScratch
{
    [ThreadStatic]
    private static HeuristicScratch? t_current;

    private int[] _ids = new int[1024];
    private int[] _counts = new int[1024];
    private int[] _levelA = new int[1024];
    private int[] _levelB = new int[1024];
    private long[] _prefix = new long[1024];

    public static HeuristicScratch Current => t_current ??= new HeuristicScratch();

    public List<TextSpan> Lines { get; } = [];

    public List<TextSpan> Paragraphs { get; } = [];

    public WordBuffer Words { get; } = new();

    public SpanInterner Spans { get; } = new();

    public PairInterner Pairs { get; } = new();

    public int[] Ids(int size) => Ensure(ref _ids, size);

    public int[] Counts(int size) => Ensure(ref _counts, size);

    public long[] Prefix(int size) => Ensure(ref _prefix, size);

    public (int[] A, int[] B) Levels(int size) => (Ensure(ref _levelA, size), Ensure(ref _levelB, size));

    private static T[] Ensure<T>(ref T[] array, int size)
    {
        if (array.Length < size)
        {
            array = new T[Math.Max(size, array.Length * 2)];
        }

        return array;
    }
}
