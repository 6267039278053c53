namespace TaskScaling.Ladder;

/// <summary>Which step-2 form links the feature to accuracy.</summary>
public enum Step2Shape { Sigmoid, LogSigmoid }

/// <summary>
/// Data-preparation settings of the method. The defaults per feature are the paper's: bits per byte and
/// C4 loss use a moving average of 5 checkpoints, skip the first 10% of each ladder run in step 2, add the
/// point (0, 1) and fit a sigmoid; task cross-entropy uses no moving average (window 1), skips 50%, adds
/// no extra point and fits the log-sigmoid.
/// </summary>
public sealed record LadderSettings
{
    public LadderFeature Feature { get; init; } = LadderFeature.Bpb;
    /// <summary>Step 1: each run's point is the mean of its last this-many rows; also the target's actual loss.</summary>
    public int Step1Window { get; init; } = 5;
    /// <summary>Step 2: trailing moving-average window over each run's loss and accuracy series.</summary>
    public int Step2Window { get; init; } = 5;
    /// <summary>Step 2: the first ceil(skip × rows) rows of each ladder run are dropped.</summary>
    public double Step2Skip { get; init; } = 0.1;
    /// <summary>Step 2: add the point (loss 0, accuracy 1) — a perfect model scores the maximum.</summary>
    public bool Step2ExtraPoint { get; init; } = true;
    public Step2Shape Step2Shape { get; init; } = Step2Shape.Sigmoid;
    /// <summary>Step 1: points per ladder run — its final one and, when more than 1, intermediate checkpoints at half,
    /// a quarter, … of its final tokens (see <see cref="Step1Data.Checkpoints"/>). They were not annealed: docs/ladders.md.</summary>
    public int Step1Checkpoints { get; init; } = 1;

    public static LadderSettings For(LadderFeature feature) => feature == LadderFeature.Ce
        ? new LadderSettings
        {
            Feature = feature, Step1Window = 1, Step2Window = 1, Step2Skip = 0.5, Step2ExtraPoint = false,
            Step2Shape = Step2Shape.LogSigmoid,
        }
        : new LadderSettings { Feature = feature };

    internal void Validate()
    {
        if (Step1Window < 1) throw new InvalidRequestException($"moving-average window must be at least 1, got {Step1Window}");
        if (Step1Checkpoints < 1) throw new InvalidRequestException($"step-1 checkpoints per run must be at least 1, got {Step1Checkpoints}");
        if (Step2Window < 1) throw new InvalidRequestException($"moving-average window must be at least 1, got {Step2Window}");
        if (!(Step2Skip >= 0 && Step2Skip < 1)) throw new InvalidRequestException($"skip fraction must be in [0, 1), got {Step2Skip}");
    }
}
