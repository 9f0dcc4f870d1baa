using EntiGraph.Cli;
using EntiGraph.TestKit.Stages;

return await EntiGraphApp.RunAsync(args, TestPipeline.Create());
