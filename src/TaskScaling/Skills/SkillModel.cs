using TaskScaling.Data.LmEval;

namespace TaskScaling.Skills;

/// <summary>
/// A fitted skill model, complete enough to predict without the table it was fitted on (and to be saved with
/// <c>TaskScaling.Data.Skills.SkillModelFile</c>): the design's columns (covariates, intercept kind, families in
/// column order), the fitted links with all their parameters, the chance levels, the options and seed, and the
/// rotated interpretation. <see cref="Predict(string, double, double, LinkKind?, double?)"/> builds the new model's design row with <see cref="SkillDesign"/>
/// and evaluates it with <see cref="SkillObjective.Predict"/>, the fitter's own forward pass, so a model gives
/// the same numbers as the fit it came from.
/// </summary>
public sealed record SkillModel
{
    /// <summary>Benchmarks, in the column order of every per-benchmark parameter.</summary>
    public required IReadOnlyList<string> Benchmarks { get; init; }
    /// <summary>Chance levels c_j held fixed by the sigmoid fit (stage 1).</summary>
    public required double[] LowerBounds { get; init; }
    public required Covariates Covariates { get; init; }
    public required InterceptKind Intercept { get; init; }
    /// <summary>Families in design order (the one-hot intercept columns, or per-family slopes).</summary>
    public required IReadOnlyList<string> Families { get; init; }
    /// <summary>Number of skills d.</summary>
    public required int Skills { get; init; }
    /// <summary>Seed of the kept fit.</summary>
    public required int Seed { get; init; }
    public required SkillFitOptions FitOptions { get; init; }
    public required IReadOnlyList<SkillModelTrainingRow> TrainingModels { get; init; }
    /// <summary>Stage 1 ("Sloth basic"): sigmoid link.</summary>
    public required SkillLinkFit Sigmoid { get; init; }
    /// <summary>Stage 2 ("Sloth"): monotone network link, when fitted.</summary>
    public SkillLinkFit? Monotone { get; init; }
    /// <summary>Standardised, rotated, oriented reading of the sigmoid fit (spec §4).</summary>
    public required SkillInterpretation Interpretation { get; init; }
    /// <summary>The members and calibration of a `skills predict` ensemble (null for a `skills fit` model: one fit, no interval).</summary>
    public SkillEnsemble? Ensemble { get; init; }

    /// <summary>Number of slope columns of the design (3 for the size/tokens covariates).</summary>
    public int SlopeColumns => SkillDesign.SlopeCount(Covariates, Families.Count);
    /// <summary>Columns q of the design: slopes, then intercepts.</summary>
    public int Columns => SlopeColumns + (Intercept == InterceptKind.Family ? Families.Count : 1);
    /// <summary>Whether a prediction needs the family (family intercepts or per-family slopes).</summary>
    public bool DependsOnFamily => Intercept == InterceptKind.Family || Covariates == Covariates.LogFlopsByFamily;

    /// <summary>The parameter layout of a link of this model.</summary>
    public SkillParameters Layout(LinkKind link) => new(Columns, Skills, Benchmarks.Count, link);

    /// <summary>The fitted link: the monotone one when asked, or by default when fitted; else the sigmoid one.</summary>
    public SkillLinkFit LinkFit(LinkKind? link = null) => link switch
    {
        LinkKind.Sigmoid => Sigmoid,
        LinkKind.Monotone => Monotone ?? throw new InvalidRequestException("this model has no monotone link (it was fitted without stage 2); use the sigmoid link"),
        _ => Monotone ?? Sigmoid,
    };

    /// <summary>Creates the model of a <see cref="SkillsFit.Run"/> report.</summary>
    public static SkillModel From(SkillsFitReport report)
    {
        var design = report.Sigmoid.Design;
        return new SkillModel
        {
            Benchmarks = report.Benchmarks.ToArray(),
            LowerBounds = (double[])report.LowerBounds.Clone(),
            Covariates = design.Covariates, Intercept = design.Intercept, Families = design.FamilyNames.ToArray(),
            Skills = report.Sigmoid.Skills, Seed = report.Seed, FitOptions = report.FitOptions,
            TrainingModels = report.Models.Select((m, i) => new SkillModelTrainingRow(m, report.ModelFamilies[i])).ToArray(),
            Sigmoid = SkillLinkFit.From(report.Sigmoid),
            Monotone = report.Monotone is { } mono ? SkillLinkFit.From(mono) : null,
            Interpretation = report.Interpretation,
        };
    }

    /// <summary>
    /// The design row of a new model of <paramref name="family"/> with S = <paramref name="parameters"/> billions and
    /// T = <paramref name="tokens"/> trillions (F = 6·S·T in 1e21 unless given).
    /// </summary>
    public SkillDesign DesignOf(string family, double parameters, double tokens, double? flops = null)
    {
        if (!(parameters > 0 && double.IsFinite(parameters))) throw new InvalidRequestException("--params must be a positive number of billions");
        if (!(tokens > 0 && double.IsFinite(tokens))) throw new InvalidRequestException("--tokens must be a positive number of trillions");
        double f = flops ?? 6 * parameters * tokens;
        if (!(f > 0 && double.IsFinite(f))) throw new InvalidRequestException("FLOPs must be a positive number (1e21)");
        if (Families.Count == 0) throw new InvalidRequestException("the model has no families");
        int index = DependsOnFamily ? FamilyIndex(family) : 0;
        return SkillDesign.Build(Covariates, Intercept, Families, [parameters], [tokens], [f], [index]);
    }

    /// <summary>
    /// Predicted scores (0–1) of every benchmark for a new model of a family the model knows. Link: monotone when
    /// fitted, else sigmoid, unless given.
    /// </summary>
    public IReadOnlyList<BenchmarkPrediction> Predict(string family, double parameters, double tokens, LinkKind? link = null, double? flops = null)
    {
        var fit = LinkFit(link);
        var y = Predict(DesignOf(family, parameters, tokens, flops), fit.Link);
        return Benchmarks.Select((b, j) => new BenchmarkPrediction(b, y[0, j])).ToArray();
    }

    /// <summary>Predicted scores (rows×J) of any design with the model's columns (the fitter's forward pass).</summary>
    public double[,] Predict(SkillDesign design, LinkKind? link = null)
    {
        var fit = LinkFit(link);
        var layout = Layout(fit.Link);
        if (design.Columns != layout.Columns) throw new InvalidRequestException($"the design has {design.Columns} columns, the model {layout.Columns}");
        return SkillObjective.Predict(fit.Parameters, layout, design);
    }

    /// <summary>Index of a family in <see cref="Families"/>; an unknown one is an error listing the known families.</summary>
    public int FamilyIndex(string family)
    {
        for (int i = 0; i < Families.Count; i++) if (string.Equals(Families[i], family, StringComparison.Ordinal)) return i;
        throw new InvalidRequestException($"unknown family '{family}'{NameSuggestion.DidYouMean(family, Families)}; " +
            $"the model knows {Families.Count}: {NameSuggestion.List(Families)}");
    }
}
