using System.Text.Json;
using System.Text.Json.Nodes;
using EntiGraph.Modeling.Llama;
using TorchSharp.Modules;

namespace EntiGraph.Stages.Train;

/// <summary>
/// Resumable state between runs, kept under the stage's cache folder by store key: the weights
/// (a model folder's config.json and model.safetensors), AdamW's moments (TorchSharp's binary state format), the step log and the next step.
/// A checkpoint folder appears by rename only when complete, so a run killed while saving leaves the
/// previous one intact. Nothing else is needed to resume: the data order and the learning rate are
/// functions of the step.
/// </summary>
public sealed class TrainingCheckpoint(string directory)
{
    private const string Prefix = "step-";
    private const string OptimizerFile = "optimizer.bin";
    private const string StateFile = "state.json";

    public string Directory { get; } = directory;

    /// <summary>The newest complete checkpoint's folder and the step to continue from, if any.</summary>
    public (string Folder, long NextStep)? Latest()
    {
        if (!System.IO.Directory.Exists(Directory))
            return null;
        return System.IO.Directory.GetDirectories(Directory, Prefix + "*")
            .Select(folder => (Folder: folder, Step: long.TryParse(Path.GetFileName(folder)[Prefix.Length..], out var step) ? step : -1))
            .Where(c => c.Step >= 0 && File.Exists(Path.Combine(c.Folder, StateFile)))
            .OrderByDescending(c => c.Step)
            .Select(c => ((string, long)?)(c.Folder, c.Step))
            .FirstOrDefault();
    }

    public void Save(long nextStep, LlamaModel model, OptimizerHelper optimizer, TrainLog log)
    {
        var final = Path.Combine(Directory, $"{Prefix}{nextStep:D8}");
        var temporary = Path.Combine(Directory, $".partial-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(temporary);
        LlamaCheckpoint.Save(model, temporary);
        using (var stream = File.Create(Path.Combine(temporary, OptimizerFile)))
        using (var writer = new BinaryWriter(stream))
        {
            optimizer.save_state_dict(writer);
        }
        log.Write(temporary);
        File.WriteAllText(Path.Combine(temporary, StateFile), new JsonObject { ["next_step"] = nextStep }.ToJsonString());
        if (System.IO.Directory.Exists(final))
            System.IO.Directory.Delete(final, recursive: true);
        System.IO.Directory.Move(temporary, final);

        // Only the newest is needed to resume; older ones and leftovers of killed saves go.
        foreach (var old in System.IO.Directory.GetDirectories(Directory).Where(d => d != final))
            System.IO.Directory.Delete(old, recursive: true);
    }

    /// <summary>Restores the weights and the optimizer state in place and returns the saved log.</summary>
    public static TrainLog Load(string folder, LlamaModel model, OptimizerHelper optimizer)
    {
        LlamaCheckpoint.LoadWeights(model, folder);
        using (var stream = File.OpenRead(Path.Combine(folder, OptimizerFile)))
        using (var binary = new BinaryReader(stream))
        {
            optimizer.load_state_dict(binary);
        }
        var state = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, StateFile)))
            ?? throw new InvalidDataException($"{folder}: empty {StateFile}");
        _ = state["next_step"]?.GetValue<long>() ?? throw new JsonException($"{folder}/{StateFile}: no next_step");
        return TrainLog.Read(folder);
    }

    public void Delete()
    {
        if (System.IO.Directory.Exists(Directory))
            System.IO.Directory.Delete(Directory, recursive: true);
    }
}
