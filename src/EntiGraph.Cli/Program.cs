using EntiGraph.Cli;
using EntiGraph.Stages;

return await EntiGraphApp.RunAsync(args, StandardPipeline.Create());
