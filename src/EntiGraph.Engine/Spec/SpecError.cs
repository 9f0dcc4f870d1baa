namespace EntiGraph.Engine.Spec;

/// <summary>One problem in an experiment file, pointing at the file, line and key.</summary>
public sealed record SpecError(SourceLocation Location, string Key, string Message)
{
    public override string ToString() =>
        Key.Length == 0 ? $"{Location}: {Message}" : $"{Location}: {Key}: {Message}";
}

/// <summary>An experiment that cannot be used as written; carries every error found, not just the first.</summary>
public sealed class ExperimentSpecException : Exception
{
    public ExperimentSpecException(IReadOnlyList<SpecError> errors)
        : base(Format(errors)) => Errors = errors;

    public IReadOnlyList<SpecError> Errors { get; }

    private static string Format(IReadOnlyList<SpecError> errors) =>
        errors.Count == 1
            ? $"invalid experiment: {errors[0]}"
            : $"invalid experiment ({errors.Count} errors):{Environment.NewLine}  "
              + string.Join(Environment.NewLine + "  ", errors);
}
