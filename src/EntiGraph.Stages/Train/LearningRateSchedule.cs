namespace EntiGraph.Stages.Train;

/// <summary>
/// Linear warmup from 0 to the peak over the first warmup_ratio of the steps, then a cosine down to
/// min_ratio × peak at the last step. A pure function of the step, so a resumed run needs no scheduler state.
/// </summary>
public sealed record LearningRateSchedule(double Peak, long TotalSteps, double WarmupRatio, double MinRatio)
{
    public long WarmupSteps => (long)Math.Ceiling(WarmupRatio * TotalSteps);

    /// <summary>The rate for the optimizer step with this 0-based index.</summary>
    public double At(long step)
    {
        if (step < WarmupSteps)
            return Peak * (step + 1) / WarmupSteps;
        long decaySteps = TotalSteps - WarmupSteps;
        if (decaySteps <= 1)
            return Peak;
        double progress = (double)(step - WarmupSteps) / (decaySteps - 1);
        double cosine = 0.5 * (1 + Math.Cos(Math.PI * Math.Min(1, progress)));
        return Peak * (MinRatio + (1 - MinRatio) * cosine);
    }
}
