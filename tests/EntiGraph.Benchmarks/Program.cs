using System.Globalization;
using EntiGraph.Benchmarks;

// dotnet run -c Release --project tests/EntiGraph.Benchmarks -- noop [<MiB> <repeats>]                          (512 5)
// dotnet run -c Release --project tests/EntiGraph.Benchmarks -- generator [<requests> <concurrency> <latency ms>]  (400 16 100)
// dotnet run -c Release --project tests/EntiGraph.Benchmarks -- curate [<MB>]                                      (200)
// dotnet run -c Release --project tests/EntiGraph.Benchmarks -- tokenize [<MB>]                                    (4)
// dotnet run -c Release --project tests/EntiGraph.Benchmarks -- train [<steps> <rounds>]                          (40 3)
// A first argument that is a number selects noop, so `-- 1024 5` keeps working.
var named = args.Length > 0 && !int.TryParse(args[0], CultureInfo.InvariantCulture, out _);
var benchmark = named ? args[0] : "noop";
var numbers = named ? args[1..] : args;
int Argument(int index, int fallback) => numbers.Length > index ? int.Parse(numbers[index], CultureInfo.InvariantCulture) : fallback;

switch (benchmark)
{
    case "noop":
        NoOpCheckBenchmark.Run(Argument(0, 512), Argument(1, 5));
        return 0;
    case "curate":
        CurateThroughputBenchmark.Run(Argument(0, 200));
        return 0;
    case "tokenize":
        TokenizeThroughputBenchmark.Run(Argument(0, 4));
        return 0;
    case "train":
        return TrainThroughputBenchmark.Run(numbers);
    case "generator":
        await GeneratorThroughputBenchmark.RunAsync(Argument(0, 400), Argument(1, 16), Argument(2, 100));
        return 0;
    default:
        Console.Error.WriteLine($"unknown benchmark '{benchmark}'; choose noop, generator, curate, tokenize or train");
        return 2;
}
