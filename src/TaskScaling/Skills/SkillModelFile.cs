using TaskScaling.Data.SavedFits;
using TaskScaling.Numerics.Rotation;

namespace TaskScaling.Skills;

/// <summary>
/// Saves and loads a <see cref="SkillModel"/> in the versioned, checksummed envelope of <see cref="SavedFitFile"/>
/// (kind "skills"). Doubles are written in their shortest round-trip form and copied back into the same
/// parameter layout, so a loaded model predicts bit-identically to the one that was saved.
/// </summary>
public static class SkillModelFile
{
    public const string Kind = "skills";
    public const string Method = "sloth";

    /// <summary>Writes the model whole or not at all, with the SHA-256 of each input table.</summary>
    public static void Write(string path, SkillModel model, IReadOnlyList<InputChecksum> inputs) =>
        SavedFitFile.Write(path, Kind, ToPayload(model), inputs);

    /// <summary>Writes the model, hashing the given input files (shown by their path as given).</summary>
    public static void Write(string path, SkillModel model, IReadOnlyList<string> inputPaths) =>
        Write(path, model, inputPaths.Select(p => InputChecksum.Of(p)).ToArray());

    /// <summary>The envelope as text.</summary>
    public static string ToJson(SkillModel model, IReadOnlyList<InputChecksum> inputs) =>
        SavedFitFile.ToJson(Kind, ToPayload(model), inputs);

    /// <summary>Reads a saved model; a missing file, another kind, an unknown version, a changed byte or a malformed payload is a <see cref="DataFormatException"/>.</summary>
    public static SavedFit<SkillModel> Read(string path) => FromEnvelope(SavedFitFile.Read<SkillModelPayload>(path, Kind), path);

    public static SavedFit<SkillModel> Parse(string text, string source) =>
        FromEnvelope(SavedFitFile.Parse<SkillModelPayload>(text, source, Kind), source);

    private static SavedFit<SkillModel> FromEnvelope(SavedFit<SkillModelPayload> fit, string source) =>
        new(FromPayload(fit.Payload, source), fit.Kind, fit.Version, fit.CreatedBy, fit.Inputs);

    internal static SkillModelPayload ToPayload(SkillModel model)
    {
        var links = new List<SkillLinkPayload> { LinkPayload(model, model.Sigmoid) };
        if (model.Monotone is { } mono) links.Add(LinkPayload(model, mono));
        var design = SkillDesign.Build(model.Covariates, model.Intercept, model.Families, [1.0], [1.0], [1.0], [0]);
        return new SkillModelPayload
        {
            Method = Method, Benchmarks = model.Benchmarks, LowerBounds = model.LowerBounds,
            Covariates = model.Covariates, CovariateColumns = design.ColumnNames.Take(model.SlopeColumns).ToArray(),
            Intercept = model.Intercept, Families = model.Families, Skills = model.Skills, Seed = model.Seed,
            FitOptions = model.FitOptions, TrainingModels = model.TrainingModels, Links = links,
            Interpretation = InterpretationPayload(model.Interpretation),
            Ensemble = model.Ensemble is { } e ? new SkillEnsemblePayload
            {
                Link = e.Link, GivenModels = e.Calibration.GivenModels, Residuals = e.Calibration.Residuals,
                Members = e.Members.Select(m => new SkillEnsembleMemberPayload { Seed = m.Seed, HeldOutFamilies = m.HeldOutFamilies, Fit = LinkPayload(model, m.Fit) }).ToArray(),
            } : null,
        };
    }

    internal static SkillModel FromPayload(SkillModelPayload p, string source)
    {
        void Check(bool ok, string member, string problem)
        {
            if (!ok) throw new DataFormatException(source, null, member, problem);
        }
        Check(p.Method == Method, "method", $"unknown method '{p.Method}' (expected '{Method}')");
        // Members the JSON gave as null (present, so the deserialiser let them through).
        foreach (var (value, member) in new (object?, string)[] { (p.Benchmarks, "benchmarks"), (p.LowerBounds, "lowerBounds"),
            (p.Families, "families"), (p.FitOptions, "fitOptions"), (p.TrainingModels, "trainingModels"), (p.Links, "links"),
            (p.Interpretation, "interpretation") })
            Check(value is not null, member, "missing");
        int J = p.Benchmarks.Count, d = p.Skills, F = p.Families.Count;
        Check(J > 0, "benchmarks", "no benchmarks");
        Check(d >= 1, "skills", "the number of skills must be at least 1");
        Check(F > 0, "families", "no families");
        Check(p.LowerBounds.Length == J, "lowerBounds", $"{p.LowerBounds.Length} lower bounds for {J} benchmarks");
        Check(Enum.IsDefined(p.Covariates) && p.Covariates != Covariates.GivenColumns, "covariates", "unknown covariates");
        Check(Enum.IsDefined(p.Intercept), "intercept", "unknown intercept kind");
        int slopes = SkillDesign.SlopeCount(p.Covariates, F), intercepts = p.Intercept == InterceptKind.Family ? F : 1;
        Check(p.Links.Count >= 1 && p.Links[0].Link == LinkKind.Sigmoid, "links", "the first link must be the sigmoid link");
        Check(p.Links.Count <= 2 && (p.Links.Count == 1 || p.Links[1].Link == LinkKind.Monotone), "links", "the second link, if any, must be the monotone link");
        Check(p.Interpretation.Loadings is { } il && il.Length == J && il.All(r => r?.Length == d), "interpretation.loadings", $"expected {J}×{d} loadings");
        Check(p.Interpretation.Coefficients is { } ic && ic.Length == slopes + intercepts && ic.All(r => r?.Length == d),
            "interpretation.coefficients", $"expected {slopes + intercepts}×{d} coefficients");
        var linkFits = p.Links.Select((l, i) => FromLinkPayload(l, slopes, intercepts, J, d, (m, problem) => Check(false, $"links[{i}].{m}", problem))).ToArray();
        return new SkillModel
        {
            Benchmarks = p.Benchmarks.ToArray(), LowerBounds = p.LowerBounds, Covariates = p.Covariates, Intercept = p.Intercept,
            Families = p.Families.ToArray(), Skills = d, Seed = p.Seed, FitOptions = p.FitOptions,
            TrainingModels = p.TrainingModels.ToArray(),
            Sigmoid = linkFits[0], Monotone = linkFits.Length > 1 ? linkFits[1] : null,
            Interpretation = FromInterpretationPayload(p.Interpretation, source),
            Ensemble = p.Ensemble is { } e ? FromEnsemblePayload(e, p.Benchmarks, slopes, intercepts, d, Check, source) : null,
        };
    }

    private static SkillEnsemble FromEnsemblePayload(SkillEnsemblePayload e, IReadOnlyList<string> benchmarks, int slopes, int intercepts, int d,
        Action<bool, string, string> check, string source)
    {
        int J = benchmarks.Count;
        if (e.Members is not { Count: > 0 } || e.Residuals is null) throw new DataFormatException(source, null, "ensemble", "members and residuals are required");
        check(e.GivenModels >= 1, "ensemble.givenModels", "must be at least 1");
        var members = e.Members.Select((m, i) =>
        {
            if (m?.Fit is null || m.HeldOutFamilies is null) throw new DataFormatException(source, null, $"ensemble.members[{i}]", "seed, heldOutFamilies and fit are required");
            check(m.Fit.Link == e.Link, $"ensemble.members[{i}].fit.link", $"expected {e.Link}");
            return new SkillEnsembleMember(m.Seed, m.HeldOutFamilies.ToArray(),
                FromLinkPayload(m.Fit, slopes, intercepts, J, d, (member, problem) => check(false, $"ensemble.members[{i}].fit.{member}", problem)));
        }).ToArray();
        foreach (var r in e.Residuals)
            check(r?.Family is not null && r.Model is not null && r.Benchmark >= 0 && r.Benchmark < J && r.Error >= 0 && double.IsFinite(r.Error),
                "ensemble.residuals", $"each residual needs a family, a model, a benchmark index below {J} and a finite error ≥ 0");
        return new SkillEnsemble(e.Link, members, new IntervalCalibration { GivenModels = e.GivenModels, Benchmarks = benchmarks.ToArray(), Residuals = e.Residuals.ToArray() });
    }

    private static SkillLinkPayload LinkPayload(SkillModel model, SkillLinkFit fit)
    {
        var L = model.Layout(fit.Link);
        var p = fit.Parameters;
        int d = L.Skills, J = L.Benchmarks, slopes = model.SlopeColumns;
        double[] Row(int start, int count) => p.AsSpan(start, count).ToArray();
        return new SkillLinkPayload
        {
            Link = fit.Link, TrainingMae = fit.TrainingMae, Loss = fit.Loss, LowerBoundTrained = fit.LowerBoundTrained,
            Iterations = fit.Iterations, Evaluations = fit.Evaluations, Converged = fit.Converged, Message = fit.Message,
            LearningRate = fit.LearningRate,
            Slopes = Enumerable.Range(0, slopes).Select(c => Row(L.W + c * d, d)).ToArray(),
            Intercepts = Enumerable.Range(slopes, L.Columns - slopes).Select(c => Row(L.W + c * d, d)).ToArray(),
            Loadings = Enumerable.Range(0, J).Select(j => Row(L.Lambda + j * d, d)).ToArray(),
            B = Row(L.B, J), Gamma = Row(L.Gamma, J),
            LowerAsymptotes = Enumerable.Range(0, J).Select(j => 1.0 / (1.0 + Math.Exp(-p[L.Gamma + j]))).ToArray(),
            Networks = fit.Link == LinkKind.Monotone
                ? Enumerable.Range(0, J).Select(j => NetworkPayload(p, L.Network + j * SkillParameters.NetworkSize)).ToArray()
                : null,
        };
    }

    private static MonotoneNetworkPayload NetworkPayload(double[] p, int o)
    {
        const int H = SkillParameters.Hidden;
        return new MonotoneNetworkPayload
        {
            W1 = p.AsSpan(o + SkillParameters.OffW1, H).ToArray(), V1 = p.AsSpan(o + SkillParameters.OffV1, H).ToArray(),
            W2 = Enumerable.Range(0, H).Select(m => p.AsSpan(o + SkillParameters.OffW2 + m * H, H).ToArray()).ToArray(),
            V2 = p.AsSpan(o + SkillParameters.OffV2, H).ToArray(), W3 = p.AsSpan(o + SkillParameters.OffW3, H).ToArray(),
            V3 = p[o + SkillParameters.OffV3],
        };
    }

    private static SkillLinkFit FromLinkPayload(SkillLinkPayload l, int slopes, int intercepts, int J, int d, Action<string, string> fail)
    {
        var L = new SkillParameters(slopes + intercepts, d, J, l.Link);
        var p = new double[L.Count];
        void Copy(double[]? src, int length, int at, string member)
        {
            if (src is null || src.Length != length) { fail(member, $"expected {length} numbers, found {src?.Length ?? 0}"); return; }
            Array.Copy(src, 0, p, at, length);
        }
        void Rows(double[][]? rows, int count, int length, int at, string member)
        {
            if (rows is null || rows.Length != count) { fail(member, $"expected {count} rows, found {rows?.Length ?? 0}"); return; }
            for (int r = 0; r < count; r++) Copy(rows[r], length, at + r * length, $"{member}[{r}]");
        }
        Rows(l.Slopes, slopes, d, L.W, "slopes");
        Rows(l.Intercepts, intercepts, d, L.W + slopes * d, "intercepts");
        Rows(l.Loadings, J, d, L.Lambda, "loadings");
        Copy(l.B, J, L.B, "b");
        Copy(l.Gamma, J, L.Gamma, "gamma");
        if (l.Link == LinkKind.Monotone)
        {
            const int H = SkillParameters.Hidden;
            if (l.Networks is null || l.Networks.Count != J) fail("networks", $"expected {J} networks, found {l.Networks?.Count ?? 0}");
            for (int j = 0; j < J; j++)
            {
                var n = l.Networks![j];
                int o = L.Network + j * SkillParameters.NetworkSize;
                string m = $"networks[{j}]";
                Copy(n.W1, H, o + SkillParameters.OffW1, m + ".w1");
                Copy(n.V1, H, o + SkillParameters.OffV1, m + ".v1");
                Rows(n.W2, H, H, o + SkillParameters.OffW2, m + ".w2");
                Copy(n.V2, H, o + SkillParameters.OffV2, m + ".v2");
                Copy(n.W3, H, o + SkillParameters.OffW3, m + ".w3");
                p[o + SkillParameters.OffV3] = n.V3;
            }
        }
        else if (l.Networks is not null) fail("networks", "a sigmoid link has no networks");
        for (int i = 0; i < p.Length; i++) if (!double.IsFinite(p[i])) fail("parameters", "a parameter is not a finite number");
        return new SkillLinkFit
        {
            Link = l.Link, Parameters = p, LowerBoundTrained = l.LowerBoundTrained, TrainingMae = l.TrainingMae, Loss = l.Loss,
            Iterations = l.Iterations, Evaluations = l.Evaluations, Converged = l.Converged, Message = l.Message,
            LearningRate = l.LearningRate,
        };
    }

    private static SkillInterpretationPayload InterpretationPayload(SkillInterpretation it) => new()
    {
        Benchmarks = it.Benchmarks, Loadings = ToRows(it.Loadings), Correlation = ToRows(it.Correlation),
        CoefficientNames = it.CoefficientNames, Coefficients = ToRows(it.Coefficients), SlopeRows = it.SlopeRows,
        Families = it.Families, Translation = it.Translation, TrainingSkills = ToRows(it.TrainingSkills),
        TrainingMae = it.TrainingMae,
        Rotation = it.Rotation is { } r ? new SkillRotationPayload
        {
            Loadings = ToRows(r.Loadings), Rotation = ToRows(r.Rotation), Phi = ToRows(r.Phi), Criterion = r.Criterion,
            Iterations = r.Iterations, GradientNorm = r.GradientNorm, Converged = r.Converged, Message = r.Message,
        } : null,
    };

    private static SkillInterpretation FromInterpretationPayload(SkillInterpretationPayload p, string source)
    {
        double[,] M(double[][] rows, string member) => FromRows(rows, source, "interpretation." + member);
        return new SkillInterpretation
        {
            Benchmarks = p.Benchmarks.ToArray(), Loadings = M(p.Loadings, "loadings"), Correlation = M(p.Correlation, "correlation"),
            CoefficientNames = p.CoefficientNames.ToArray(), Coefficients = M(p.Coefficients, "coefficients"), SlopeRows = p.SlopeRows,
            Families = p.Families.ToArray(), Translation = p.Translation, TrainingSkills = M(p.TrainingSkills, "trainingSkills"),
            TrainingMae = p.TrainingMae,
            Rotation = p.Rotation is { } r ? new RotationResult
            {
                Loadings = M(r.Loadings, "rotation.loadings"), Rotation = M(r.Rotation, "rotation.rotation"), Phi = M(r.Phi, "rotation.phi"),
                Criterion = r.Criterion, Iterations = r.Iterations, GradientNorm = r.GradientNorm, Converged = r.Converged, Message = r.Message,
            } : null,
        };
    }

    private static double[][] ToRows(double[,] m) =>
        Enumerable.Range(0, m.GetLength(0)).Select(i => Enumerable.Range(0, m.GetLength(1)).Select(k => m[i, k]).ToArray()).ToArray();

    private static double[,] FromRows(double[][] rows, string source, string member)
    {
        int n = rows.Length, m = n == 0 ? 0 : rows[0].Length;
        var r = new double[n, m];
        for (int i = 0; i < n; i++)
        {
            if (rows[i] is null || rows[i].Length != m) throw new DataFormatException(source, null, member, "rows of different lengths");
            for (int k = 0; k < m; k++) r[i, k] = rows[i][k];
        }
        return r;
    }
}
