using EntiGraph.Modeling;
using EntiGraph.Modeling.Llama;
using TorchSharp;

namespace EntiGraph.Stages.Train;

/// <summary>A new model's weights, drawn the way Hugging Face initialises Llama, from the experiment's seed.</summary>
public static class ModelInitializer
{
    public static LlamaModel FromScratch(LlamaConfig config, double initializerRange, long seed)
    {
        TorchRuntime.EnsureLoaded();
        var model = new LlamaModel(config);
        // One generator over the parameters in name order: the same seed gives the same model on every CPU.
        using var generator = new torch.Generator(unchecked((ulong)seed));
        using var noGrad = torch.no_grad();
        foreach (var (name, parameter) in model.named_parameters().OrderBy(p => p.name, StringComparer.Ordinal))
        {
            using var scope = torch.NewDisposeScope();
            if (name.EndsWith("norm.weight", StringComparison.Ordinal))
                parameter.fill_(1.0);
            else
                parameter.copy_(torch.randn(parameter.shape, generator: generator) * initializerRange);
        }
        return model;
    }

    public static long ParameterCount(LlamaModel model) => model.parameters().Sum(p => p.numel());
}
