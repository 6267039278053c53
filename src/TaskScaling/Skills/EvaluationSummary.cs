namespace TaskScaling.Skills;

/// <summary>
/// The method × setting errors of a leave-family-out evaluation: of a run (<see cref="From"/>) or of a saved
/// `skills evaluate --format json` (<see cref="SkillsEvaluationFile"/>).
/// </summary>
public sealed record EvaluationSummary(IReadOnlyList<EvaluationSummarySetting> Settings)
{
    public static EvaluationSummary From(EvaluationReport report) =>
        new(report.Settings.Select(s => new EvaluationSummarySetting(s.Set, s.MinModels,
            s.Methods.Select(m => new EvaluationSummaryMethod(m.Name, m.Mae)).ToArray())).ToArray());
}

/// <summary>One setting: benchmark set, min_models, and each method's family-averaged MAE (×100).</summary>
public sealed record EvaluationSummarySetting(string Set, int MinModels, IReadOnlyList<EvaluationSummaryMethod> Methods);

/// <summary>A method's family-averaged MAE (×100; NaN when it failed).</summary>
public sealed record EvaluationSummaryMethod(string Name, double Mae);
