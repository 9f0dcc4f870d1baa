namespace EntiGraph.Engine.Running;

/// <summary>The stages in a valid build order, each needing only stages before it.</summary>
public sealed class Pipeline
{
    private readonly Dictionary<string, Stage> _byName;

    public Pipeline(IEnumerable<Stage> stages)
    {
        Stages = stages.ToList();
        _byName = new Dictionary<string, Stage>(StringComparer.Ordinal);
        foreach (var stage in Stages)
        {
            if (!_byName.TryAdd(stage.Name, stage))
            {
                throw new ArgumentException($"two stages are named '{stage.Name}'");
            }

            foreach (var need in stage.Needs)
            {
                if (!_byName.ContainsKey(need))
                {
                    throw new ArgumentException($"stage '{stage.Name}' needs '{need}', which is not an earlier stage");
                }
            }
        }
    }

    public IReadOnlyList<Stage> Stages { get; }

    public Stage this[string name] =>
        _byName.TryGetValue(name.ToLowerInvariant(), out var stage)
            ? stage
            : throw new ArgumentException($"no stage named '{name}'; stages: {string.Join(", ", Stages.Select(s => s.Name))}");

    public bool Contains(string name) => _byName.ContainsKey(name.ToLowerInvariant());

    /// <summary>The stage and everything it needs, directly or not, in build order.</summary>
    public IReadOnlyList<Stage> Upstream(string name)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([this[name].Name]);
        while (pending.TryPop(out var next))
        {
            if (wanted.Add(next))
            {
                foreach (var need in _byName[next].Needs)
                {
                    pending.Push(need);
                }
            }
        }

        return Stages.Where(s => wanted.Contains(s.Name)).ToList();
    }
}
