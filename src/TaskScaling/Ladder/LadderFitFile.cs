using TaskScaling.Data.SavedFits;
using TaskScaling.Numerics.Forms;
using TaskScaling.Numerics.LeastSquares;
using TaskScaling.Data.Runs;

namespace TaskScaling.Ladder;

/// <summary>
/// Saves a <see cref="LadderFit"/> to a fit file (kind "ladder", see <see cref="SavedFitFile"/>) and reads it back.
/// Doubles are written in their shortest round-trip form, so a fit read back predicts bit-identical numbers.
/// </summary>
public static partial class LadderFitFile
{
    public const string Kind = "ladder";
    /// <summary>The envelope version of a fit made with a predictor (<see cref="LadderFit.Predictor"/>); a variant's fit is version 1.</summary>
    public const int PredictorVersion = 2;

    /// <summary>Writes the fit of a prediction (whole or not at all), with the SHA-256 of the description's files it used.</summary>
    public static void Write(string path, LadderPrediction prediction, LadderDescription description)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var fit = prediction.Fit ?? throw new InvalidRequestException(
            $"a {LadderNames.Of(prediction.Variant)}-variant prediction cannot be saved as a fit: its step 2 is fitted on each target's own checkpoints");
        Write(path, fit, description);
    }

    /// <summary>Writes a fit (whole or not at all); <paramref name="description"/>, when given, names the input files to checksum.</summary>
    public static void Write(string path, LadderFit fit, LadderDescription? description)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var inputs = description is null ? [] : Inputs(fit, description);
        SavedFitFile.Write(path, Kind, ToPayload(fit), inputs, VersionOf(fit));
    }

    /// <summary>The fit file's text (what <see cref="Write(string, LadderFit, LadderDescription?)"/> writes).</summary>
    public static string ToJson(LadderFit fit, IReadOnlyList<InputChecksum> inputs) => SavedFitFile.ToJson(Kind, ToPayload(fit), inputs, VersionOf(fit));

    private static int VersionOf(LadderFit fit) => fit?.Predictor is null ? SavedFitFile.CurrentVersion : PredictorVersion;

    /// <summary>Reads a fit file: a missing file, malformed JSON, an unknown version, another kind, a checksum
    /// mismatch or a payload that is not a ladder fit is a <see cref="DataFormatException"/> naming the file.</summary>
    public static SavedFit<LadderFit> Read(string path)
    {
        var saved = SavedFitFile.Read<LadderFitPayload>(path, Kind, PredictorVersion);
        return new SavedFit<LadderFit>(FromPayload(saved.Payload, path, saved.Version), saved.Kind, saved.Version, saved.CreatedBy, saved.Inputs);
    }

    /// <summary>Parses a fit file's text (<paramref name="source"/> names it in errors).</summary>
    public static SavedFit<LadderFit> Parse(string text, string source)
    {
        var saved = SavedFitFile.Parse<LadderFitPayload>(text, source, Kind, PredictorVersion);
        return new SavedFit<LadderFit>(FromPayload(saved.Payload, source, saved.Version), saved.Kind, saved.Version, saved.CreatedBy, saved.Inputs);
    }

    /// <summary>SHA-256 of the description file (when it is one) and of the run files the fit used: the ladder runs
    /// and the targets that are runs of the description (every results file of an lm-eval run; not a target's
    /// intermediate checkpoints: only the mc variant reads them, and its fits are not saved). Paths relative to
    /// the description's folder.</summary>
    public static IReadOnlyList<InputChecksum> Inputs(LadderFit fit, LadderDescription description)
    {
        var list = new List<InputChecksum>();
        if (File.Exists(description.Source)) list.Add(InputChecksum.Of(description.Source, Path.GetFileName(description.Source)));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var baseDir = Path.GetFullPath(description.BaseDirectory);
        var runs = fit.LadderRuns.Concat(fit.Targets.Select(t => t.Name))
            .Select(name => description.Runs.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)))
            .OfType<LadderRun>();
        foreach (var run in runs)
        {
            // A W&B run is one CSV; an lm-eval run is a file, a folder or a glob of per-checkpoint results files,
            // resolved as the reader resolves them.
            IReadOnlyList<string> files = run.Format == RunFormat.LmEval
                ? LmEvalRunFiles.Resolve(LmEvalRunFiles.IsPattern(run.File) ? description.ResolvePattern(run.File) : description.ResolvePath(run.File)).Files
                : [description.ResolvePath(run.File)];
            foreach (var full in files)
                if (seen.Add(full))
                    list.Add(InputChecksum.Of(full, Path.GetRelativePath(baseDir, full).Replace('\\', '/')));
        }
        return list;
    }

    internal static LadderFitPayload ToPayload(LadderFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        if (fit.Variant == LadderVariant.Mc)
            throw new InvalidRequestException("an mc-variant fit cannot be saved: its step 2 is fitted on each target's own checkpoints");
        return new LadderFitPayload
        {
            Description = fit.Description,
            Variant = LadderNames.Of(fit.Variant),
            Feature = LadderNames.Of(fit.Feature),
            Settings = new LadderFitSettingsPayload
            {
                Step1Window = fit.Settings.Step1Window, Step2Window = fit.Settings.Step2Window, Step2Skip = fit.Settings.Step2Skip,
                Step2ExtraPoint = fit.Settings.Step2ExtraPoint, Step2Shape = LadderNames.Of(fit.Settings.Step2Shape),
                Step1Checkpoints = fit.Settings.Step1Checkpoints == 1 ? null : fit.Settings.Step1Checkpoints,
            },
            Step2StartA = fit.Step2StartA,
            Interval = new LadderFitIntervalPayload { Method = LadderNames.Of(fit.Interval), Level = fit.Level, Resamples = fit.Resamples, Seed = fit.Seed },
            LadderRuns = fit.LadderRuns,
            Targets = fit.Targets.Select(t => new LadderFitTargetPayload
            {
                Name = t.Name, Parameters = t.Parameters, Tokens = t.Tokens, FlopsPerToken = t.FlopsPerToken,
                Actuals = t.Actuals.ToDictionary(kv => kv.Key,
                    kv => new LadderFitActualsPayload { Step1Loss = kv.Value.Step1Loss, Step2Loss = kv.Value.Step2Loss, Accuracy = kv.Value.Accuracy }),
            }).ToArray(),
            Tasks = fit.Tasks.Select(TaskPayload).ToArray(),
            Predictor = fit.Predictor is { } predictor ? LadderNames.Of(predictor) : null,
            Predictors = fit.Predictor is null ? null : fit.Predictors.Select(PredictorPayload).ToArray(),
        };
    }

    private static FittedFormPayload Form(FittedForm f, FormSetup setup)
    {
        var key = FormRegistry.KeyOf(f.Model)
            ?? throw new ArgumentException($"form '{f.Model.Name}' is not in the form registry and cannot be saved");
        var r = f.Fit;
        return new FittedFormPayload
        {
            Form = key, Formula = f.Model.Name, ParameterNames = f.Model.ParameterNames.ToArray(),
            Parameters = r.Parameters, StandardErrors = r.StandardErrors,
            Covariance = r.Covariance is { } c
                ? Enumerable.Range(0, c.GetLength(0)).Select(i => Enumerable.Range(0, c.GetLength(1)).Select(j => c[i, j]).ToArray()).ToArray()
                : null,
            ResidualStandardDeviation = r.ResidualStandardDeviation, ResidualSumOfSquares = r.ResidualSumOfSquares,
            DegreesOfFreedom = r.DegreesOfFreedom, Objective = r.Objective, Iterations = r.Iterations, FunctionEvaluations = r.FunctionEvaluations,
            Status = LadderNames.Of(r.Status), Message = r.Message, ActiveBounds = r.ActiveBounds,
            Setup = new FormSetupPayload
            {
                Start = setup.Start, Lower = setup.Lower, Upper = setup.Upper,
                Loss = LadderNames.Of(setup.Options.Loss),
                HuberDelta = setup.Options.HuberDelta, LogSpace = setup.Options.LogSpace, MaxIterations = setup.Options.MaxIterations,
                FunctionTolerance = setup.Options.FunctionTolerance, StepTolerance = setup.Options.StepTolerance,
                GradientTolerance = setup.Options.GradientTolerance,
            },
        };
    }

    /// <summary>The fit of a payload, checked: known names, consistent sizes.</summary>
    internal static LadderFit FromPayload(LadderFitPayload p, string source, int version = PredictorVersion)
    {
        ArgumentNullException.ThrowIfNull(p);
        void Fail(string where, string problem) => throw new DataFormatException(source, null, "payload." + where, problem);
        T Parse<T>(string where, string? name, IEnumerable<string>? known = null) where T : struct, Enum
        {
            if (!LadderNames.TryParse(name, out T value)) Fail(where, $"unknown value '{name}' (known: {string.Join(", ", known ?? LadderNames.Known<T>())})");
            return value;
        }

        var variant = Parse<LadderVariant>("variant", p.Variant, LadderNames.Known<LadderVariant>().Where(x => x != LadderNames.Of(LadderVariant.Mc)));
        if (variant == LadderVariant.Mc) Fail("variant", "an mc-variant fit cannot be loaded: its step 2 is fitted on each target's own checkpoints");
        var feature = Parse<LadderFeature>("feature", p.Feature);
        var shape = Parse<Step2Shape>("settings.step2Shape", p.Settings.Step2Shape);
        var interval = Parse<IntervalMethod>("interval.method", p.Interval.Method);
        if (!(p.Interval.Level > 0 && p.Interval.Level < 1)) Fail("interval.level", $"must lie strictly between 0 and 1, found {p.Interval.Level}");
        if (interval == IntervalMethod.Bootstrap && (p.Interval.Resamples is null || p.Interval.Seed is null))
            Fail("interval", "bootstrap intervals without resamples and seed");
        var tasks = new List<LadderTaskFit>();
        for (int k = 0; k < p.Tasks.Count; k++)
        {
            var t = p.Tasks[k];
            var at = $"tasks[{k}]";
            if (string.IsNullOrWhiteSpace(t.Task)) Fail($"{at}.task", "empty task name");
            if (tasks.Any(x => string.Equals(x.Task, t.Task, StringComparison.OrdinalIgnoreCase))) Fail($"{at}.task", $"duplicate task '{t.Task}'");
            tasks.Add(TaskFitOf(t, at, variant));
        }
        LadderPredictorKind? predictor = p.Predictor is null ? null : Parse<LadderPredictorKind>("predictor", p.Predictor);
        if (predictor is not null && version < PredictorVersion) Fail("predictor", $"a fit made with a predictor is version {PredictorVersion}, the file says {version}");
        if (predictor is null != p.Predictors is null) Fail(predictor is null ? "predictor" : "predictors", "a predictor fit needs both predictor and predictors");
        if (predictor is not null && tasks.Count > 0) Fail("tasks", "a predictor fit keeps its tasks' fits under predictors");

        return new LadderFit
        {
            Description = p.Description,
            Variant = variant,
            Feature = feature,
            Settings = new LadderSettings
            {
                Feature = feature, Step1Window = p.Settings.Step1Window, Step2Window = p.Settings.Step2Window,
                Step2Skip = p.Settings.Step2Skip, Step2ExtraPoint = p.Settings.Step2ExtraPoint, Step2Shape = shape,
                Step1Checkpoints = p.Settings.Step1Checkpoints ?? 1,
            },
            Step2StartA = p.Step2StartA,
            Interval = interval,
            Level = p.Interval.Level,
            Resamples = p.Interval.Resamples,
            Seed = p.Interval.Seed,
            LadderRuns = p.LadderRuns,
            Tasks = tasks,
            Predictor = predictor,
            Predictors = p.Predictors is { } ps ? PredictorsOf(ps, Fail, TaskFitOf, Form) : [],
            Targets = p.Targets.Select(t => new LadderFitTarget
            {
                Name = t.Name, Parameters = t.Parameters, Tokens = t.Tokens, FlopsPerToken = t.FlopsPerToken,
                Actuals = t.Actuals.ToDictionary(kv => kv.Key, kv => new TargetActuals(kv.Value.Step1Loss, kv.Value.Step2Loss, kv.Value.Accuracy),
                    StringComparer.OrdinalIgnoreCase),
            }).ToArray(),
        };

        LadderTaskFit TaskFitOf(LadderTaskFitPayload t, string at, LadderVariant variant)
        {
            bool ladderStep2 = variant is LadderVariant.TwoStep or LadderVariant.Flops;
            if (ladderStep2 != (t.Step2 is not null))
                Fail($"{at}.step2", ladderStep2 ? $"the {LadderNames.Of(variant)} variant needs a step 2" : $"the {LadderNames.Of(variant)} variant has no step 2");
            var (s1, setup1) = Form(t.Step1, $"{at}.step1");
            (FittedForm Form, FormSetup Setup)? s2 = t.Step2 is { } x ? Form(x, $"{at}.step2") : null;
            BootstrapFits? boot = null;
            if (t.Bootstrap is { } b)
            {
                if (b.Samples.Count > b.Resamples) Fail($"{at}.bootstrap", $"{b.Samples.Count} samples of {b.Resamples} resamples");
                for (int i = 0; i < b.Samples.Count; i++)
                {
                    var r = b.Samples[i];
                    if (r.Step1.Length != s1.Model.ParameterNames.Count)
                        Fail($"{at}.bootstrap.samples[{i}].step1", $"{r.Step1.Length} values for {s1.Model.ParameterNames.Count} parameters");
                    if ((r.Step2?.Length ?? 0) != (s2?.Form.Model.ParameterNames.Count ?? 0))
                        Fail($"{at}.bootstrap.samples[{i}].step2", $"{r.Step2?.Length ?? 0} values for {s2?.Form.Model.ParameterNames.Count ?? 0} parameters");
                }
                boot = new BootstrapFits(b.Resamples, b.Seed, b.Samples.Select(r => new ResampleFit(r.Resample, r.Step1, r.Step2)).ToArray());
            }
            return new LadderTaskFit
            {
                Task = t.Task, DisplayName = t.DisplayName, Chance = t.Chance,
                Step1Setup = setup1, Step2Setup = s2?.Setup,
                Fit = new TaskFit(s1, s2?.Form, t.Step1FitError),
                Bootstrap = boot,
            };
        }

        (FittedForm, FormSetup) Form(FittedFormPayload s, string at)
        {
            if (!FormRegistry.TryGet(s.Form, out var model))
                Fail($"{at}.form", $"unknown form '{s.Form}' (known: {string.Join(", ", FormRegistry.Keys)})");
            int m = model.ParameterNames.Count;
            if (!s.ParameterNames.SequenceEqual(model.ParameterNames, StringComparer.Ordinal))
                Fail($"{at}.parameterNames", $"form {s.Form} has parameters ({string.Join(", ", model.ParameterNames)}), the file lists ({string.Join(", ", s.ParameterNames)})");
            foreach (var (name, arr) in new[] { ("parameters", s.Parameters), ("standardErrors", s.StandardErrors), ("setup.start", s.Setup.Start),
                         ("setup.lower", s.Setup.Lower), ("setup.upper", s.Setup.Upper) })
                if (arr.Length != m) Fail($"{at}.{name}", $"{arr.Length} values for {m} parameters");
            if (s.ActiveBounds.Length is not 0 && s.ActiveBounds.Length != m) Fail($"{at}.activeBounds", $"{s.ActiveBounds.Length} values for {m} parameters");
            double[,]? cov = null;
            if (s.Covariance is { } c)
            {
                if (c.Length != m || c.Any(row => row.Length != m)) Fail($"{at}.covariance", $"not a {m}×{m} matrix");
                cov = new double[m, m];
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < m; j++) cov[i, j] = c[i][j];
            }
            var status = Parse<FitStatus>($"{at}.status", s.Status);
            var loss = Parse<LossKind>($"{at}.setup.loss", s.Setup.Loss);
            var result = new FitResult
            {
                Parameters = s.Parameters, ParameterNames = model.ParameterNames, Status = status, Message = s.Message,
                Iterations = s.Iterations, FunctionEvaluations = s.FunctionEvaluations, Objective = s.Objective,
                ResidualSumOfSquares = s.ResidualSumOfSquares, ResidualStandardDeviation = s.ResidualStandardDeviation,
                DegreesOfFreedom = s.DegreesOfFreedom, Covariance = cov, StandardErrors = s.StandardErrors,
                ActiveBounds = s.ActiveBounds.Length == m ? s.ActiveBounds : new int[m],
            };
            var options = new FitOptions
            {
                Loss = loss, HuberDelta = s.Setup.HuberDelta, LogSpace = s.Setup.LogSpace, MaxIterations = s.Setup.MaxIterations,
                FunctionTolerance = s.Setup.FunctionTolerance, StepTolerance = s.Setup.StepTolerance, GradientTolerance = s.Setup.GradientTolerance,
            };
            return (new FittedForm(model, result), new FormSetup(model, s.Setup.Start, s.Setup.Lower, s.Setup.Upper, options));
        }
    }
}
