namespace TaskScaling.Ladder;

/// <summary>Where a prediction is made: N, D and (when known) FLOPs per token F; <see cref="Run"/> is the target's run, if any.</summary>
internal sealed record TargetPoint(string Name, double N, double D, double? F, LadderRun? Run)
{
    public double? Compute => F is { } f ? D * f : null;

    /// <summary>A target run of the description: D is the tokens of the last row of its file.</summary>
    public static TargetPoint Of(LadderData data, LadderRun run)
    {
        var h = data.History(run.File);
        var tokens = h.Tokens(run.Tokens);
        var d = tokens[^1];
        if (!(d > 0))
            throw new DataFormatException(h.RowSource(h.RowCount - 1), h.HasLines ? h.Line(h.RowCount - 1) : null, run.Tokens.Column, $"tokens D must be positive, found {d}");
        return new TargetPoint(run.Name, run.Parameters, d, run.HasFlopsPerToken ? run.FlopsPerToken : null, run);
    }

    /// <summary>A hypothetical target.</summary>
    public static TargetPoint Hypothetical(double n, double d, double? f)
    {
        if (!(n > 0) || double.IsInfinity(n)) throw new InvalidRequestException($"--params: N must be a positive number, got {n}");
        if (!(d > 0) || double.IsInfinity(d)) throw new InvalidRequestException($"--tokens: D must be a positive number, got {d}");
        if (f is { } v && !(v > 0)) throw new InvalidRequestException($"--flops-per-token: F must be positive, got {v}");
        return new TargetPoint(FormattableString.Invariant($"N={n:G4}, D={d:G4}"), n, d, f, null);
    }
}
