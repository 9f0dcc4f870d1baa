using TorchSharp;

namespace EntiGraph.Stages.Train;

/// <summary>The device and precision a run uses, resolved from the configuration and what the machine has.</summary>
public sealed record TrainDevice(torch.Device Device, string Name, string Precision)
{
    public static bool CudaAvailable()
    {
        Modeling.TorchRuntime.EnsureLoaded();
        return torch.cuda.is_available();
    }

    public static TrainDevice Resolve(string device, string precision)
    {
        bool cuda = device switch
        {
            "cuda" => CudaAvailable() ? true : throw new InvalidOperationException(
                "device: cuda, but no CUDA device is usable: this build of TorchSharp is the CPU one, or the machine has no GPU (see the README's \"Training on a GPU\")"),
            "cpu" => false,
            _ => CudaAvailable(),
        };
        // bfloat16 pays off on GPUs; on the CPU it is slower and only worth it to check a GPU recipe.
        var resolved = precision == "auto" ? (cuda ? "bf16" : "fp32") : precision;
        return new TrainDevice(cuda ? torch.CUDA : torch.CPU, cuda ? "cuda" : "cpu", resolved);
    }
}
