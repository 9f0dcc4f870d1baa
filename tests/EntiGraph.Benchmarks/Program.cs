using EntiGraph.Benchmarks;

// dotnet run -c Release --project tests/EntiGraph.Benchmarks [-- <MiB> <repeats>]
var megabytes = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 512;
var repeats = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
NoOpCheckBenchmark.Run(megabytes, repeats);
