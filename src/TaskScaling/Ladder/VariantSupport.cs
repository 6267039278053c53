namespace TaskScaling.Ladder;

/// <summary>Whether a ladder's data can support a requested variant and feature, and if not, why.</summary>
/// <param name="Supported">True when nothing is missing.</param>
/// <param name="Reasons">One sentence per missing piece (empty when supported).</param>
internal sealed record VariantSupportResult(bool Supported, IReadOnlyList<string> Reasons)
{
    public string Message => Supported ? "supported" : string.Join("; ", Reasons);
}

/// <summary>
/// Checks, before anything is fitted, that the description and its files hold what a variant needs, so that a
/// variant the data cannot support is refused with the reason instead of failing later:
/// <list type="bullet">
/// <item>every variant: N of every ladder run, and accuracy columns for every task;</item>
/// <item>two-step and FLOPs (and MC's step 1): the intermediate feature — the task's loss columns (bpb), the
/// description's C4 column in every ladder run's file (c4), the task's log-probability columns (ce);</item>
/// <item>FLOPs: FLOPs per token of every ladder run (and of the targets, or --flops-per-token);</item>
/// <item>MC: MC accuracy columns, and a target run with a file of intermediate checkpoints;</item>
/// <item>single-step and direct accuracy: accuracy only.</item>
/// </list>
/// </summary>
internal static class VariantSupport
{
    /// <summary>What is missing for <paramref name="request"/> on <paramref name="data"/> for <paramref name="tasks"/>
    /// (default: the request's tasks).</summary>
    public static VariantSupportResult Check(LadderData data, LadderPredictionRequest request, IReadOnlyList<LadderTask>? tasks = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(request);
        var d = data.Description;
        tasks ??= LadderPredictor.ResolveTasks(d, request.Tasks);
        var variant = request.Variant;
        var feature = variant == LadderVariant.Mc ? LadderFeature.Bpb : request.Feature;
        string name = LadderNames.Of(variant);
        var reasons = new List<string>();
        var ladder = d.LadderRuns.ToList();

        var noN = ladder.Where(r => !(r.Parameters > 0) || !double.IsFinite(r.Parameters)).Select(r => r.Name).ToList();
        if (noN.Count > 0) reasons.Add($"N (parameters) is not given for ladder run(s) {string.Join(", ", noN)}");
        foreach (var t in tasks.Where(t => t.Accuracy.Count == 0))
            reasons.Add($"task '{t.Name}' names no accuracy");

        bool needsFeature = variant is LadderVariant.TwoStep or LadderVariant.Flops or LadderVariant.Mc;
        if (needsFeature)
        {
            switch (feature)
            {
                case LadderFeature.C4:
                    var lacking = ladder.Where(r => !data.History(r.File).HasColumn(d.C4LossColumn)).Select(r => r.Name).ToList();
                    if (lacking.Count > 0)
                        reasons.Add($"the c4 feature needs the C4 loss column '{d.C4LossColumn}' (c4LossColumn), which is not in the data of ladder run(s) {string.Join(", ", lacking)}");
                    break;
                case LadderFeature.Ce:
                    foreach (var t in tasks.Where(t => t.LogProbability.Count == 0))
                        reasons.Add($"the ce feature needs log-probability columns, and task '{t.Name}' names none (logProbability)");
                    break;
                default:
                    foreach (var t in tasks.Where(t => t.Loss.Count == 0))
                        reasons.Add($"the {name} variant needs an intermediate feature, and task '{t.Name}' names no loss (name a metric as its loss, or use single-step)");
                    break;
            }
        }

        if (variant == LadderVariant.Flops)
        {
            var noF = ladder.Where(r => !r.HasFlopsPerToken).Select(r => r.Name).ToList();
            if (noF.Count > 0) reasons.Add($"the flops variant needs FLOPs per token (flopsPerToken) of every ladder run; not given for {string.Join(", ", noF)}");
            if (request.Hypothetical is { Count: > 0 } many)
            {
                var noTargetF = many.Where(h => h.FlopsPerToken is null).Select(h => h.Name).ToList();
                if (noTargetF.Count > 0) reasons.Add($"the flops variant needs FLOPs per token of target(s) {string.Join(", ", noTargetF)}");
            }
            else if (request.Parameters is null && request.Tokens is null)
            {
                var targets = request.Targets is { Count: > 0 } ? request.Targets.Select(d.Target) : d.Targets;
                var noTargetF = targets.Where(r => !r.HasFlopsPerToken).Select(r => r.Name).ToList();
                if (noTargetF.Count > 0) reasons.Add($"the flops variant needs FLOPs per token of target(s) {string.Join(", ", noTargetF)}");
            }
            else if (request.FlopsPerToken is null)
                reasons.Add("the flops variant needs FLOPs per token of the hypothetical target (--flops-per-token)");
        }

        if (variant == LadderVariant.Mc)
        {
            foreach (var t in tasks.Where(t => t.McAccuracy.Count == 0))
                reasons.Add($"the mc variant needs multiple-choice accuracy columns, and task '{t.Name}' names none (mcAccuracy)");
            if (request.Hypothetical is { Count: > 0 } || request.Parameters is not null || request.Tokens is not null)
                reasons.Add("the mc variant fits step 2 on a target's own intermediate checkpoints; a hypothetical target has none");
            else
            {
                var targets = request.Targets is { Count: > 0 } ? request.Targets.Select(d.Target) : d.Targets;
                var noMc = targets.Where(r => r.IntermediateFile is null).Select(r => r.Name).ToList();
                if (noMc.Count > 0) reasons.Add($"the mc variant needs intermediate checkpoints (intermediateFile) of target(s) {string.Join(", ", noMc)}");
            }
        }
        return new VariantSupportResult(reasons.Count == 0, reasons);
    }

    /// <summary>As <see cref="Check"/>; throws <see cref="InvalidRequestException"/> with every reason when the variant is not supported.</summary>
    public static void Require(LadderData data, LadderPredictionRequest request, IReadOnlyList<LadderTask>? tasks = null)
    {
        var r = Check(data, request, tasks);
        if (!r.Supported)
            throw new InvalidRequestException($"{data.Description.Source}: the {LadderNames.Of(request.Variant)} variant" +
                (request.Variant is LadderVariant.TwoStep or LadderVariant.Flops ? $" with the {LadderNames.Of(request.Feature)} feature" : "") +
                $" is not possible with this data: {r.Message}");
    }
}
