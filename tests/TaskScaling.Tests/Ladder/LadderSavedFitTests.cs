using System.Text.RegularExpressions;
using TaskScaling.Ladder;
using TaskScaling.Data.SavedFits;

namespace TaskScaling.Tests.Ladder;

/// <summary>
/// Saved ladder fits: a fit written and read back predicts bit-identical numbers (delta and bootstrap intervals,
/// step-1 losses; two-step, flops and single-step), predicts new targets as a fresh fit does, and bad files are
/// clear errors.
/// </summary>
public sealed class LadderSavedFitTests
{
    private static readonly LadderDescription Paper = ReferenceRun.Paper;

    /// <summary>The fit of a prediction written as a fit file and read back.</summary>
    private static LadderFit RoundTrip(LadderPrediction p)
    {
        Assert.NotNull(p.Fit);
        var text = LadderFitFile.ToJson(p.Fit!, LadderFitFile.Inputs(p.Fit!, Paper));
        return LadderFitFile.Parse(text, "fit.json").Payload;
    }

    private static readonly Lazy<(LadderPrediction Prediction, LadderFit Fit)> TwoStepDelta = new(() =>
    {
        var p = LadderPredictor.Predict(Paper, new LadderPredictionRequest());
        return (p, RoundTrip(p));
    });

    [Fact]
    public void Two_step_delta_fit_reproduces_every_target_and_task_bit_for_bit()
    {
        var (original, fit) = TwoStepDelta.Value;
        var again = fit.Predict(fit.Request);
        LadderFitAssert.Identical(original, again);
        Assert.Equal(["7B-4T", "13B-5T"], again.Targets.Select(t => t.Target));
        Assert.Equal(8, again.Targets[1].Tasks.Count);
        // The numbers compared include the step-1 losses, the delta intervals and the step-2-alone predictions.
        var mmlu = again.Targets[1].Tasks[0];
        Assert.True(mmlu.PredictedLoss > 0 && mmlu.LossLower < mmlu.PredictedLoss && mmlu.Lower < mmlu.Predicted && mmlu.Step2Lower < mmlu.Step2Predicted);
        Assert.NotNull(mmlu.Actual);
    }

    [Fact]
    public void Saved_fit_predicts_a_subset_and_a_new_target_as_a_fresh_fit_does()
    {
        var (_, fit) = TwoStepDelta.Value;
        var request = new LadderPredictionRequest { Parameters = 70e9, Tokens = 15e12, Tasks = ["piqa", "MMLU"], Level = 0.8 };
        LadderFitAssert.Identical(LadderPredictor.Predict(Paper, request), fit.Predict(request));
        var byName = new LadderPredictionRequest { Targets = ["13b-5t"], Interval = IntervalMethod.None };
        LadderFitAssert.Identical(LadderPredictor.Predict(Paper, byName), fit.Predict(byName));
    }

    [Fact]
    public void Fit_file_holds_forms_parameters_covariance_settings_and_input_checksums()
    {
        var (original, _) = TwoStepDelta.Value;
        var text = LadderFitFile.ToJson(original.Fit!, LadderFitFile.Inputs(original.Fit!, Paper));
        var saved = LadderFitFile.Parse(text, "fit.json");
        Assert.Equal(SavedFitFile.CurrentVersion, saved.Version);
        Assert.Equal(LadderFitFile.Kind, saved.Kind);
        // One checksum per ladder run and target file, each the file's SHA-256.
        Assert.Equal(Paper.LadderRuns.Count() + 2, saved.Inputs.Count);
        var first = Paper.LadderRuns.First();
        Assert.Equal(InputChecksum.Of(Paper.ResolvePath(first.File)).Sha256, saved.Inputs.Single(i => i.Path == first.File).Sha256);
        var mmlu = saved.Payload.Task("mmlu");
        Assert.Equal(0.25, mmlu.Chance);
        Assert.Same(TaskScaling.Numerics.Forms.PowerLawNd.Instance, mmlu.Fit.Step1.Model);
        Assert.Same(TaskScaling.Numerics.Forms.Sigmoid.Instance, mmlu.Fit.Step2!.Model);
        var fresh = original.Fit!.Task("mmlu").Fit;
        Assert.Equal(fresh.Step1.Fit.Parameters, mmlu.Fit.Step1.Fit.Parameters);
        Assert.Equal(fresh.Step1.Fit.Covariance, mmlu.Fit.Step1.Fit.Covariance);
        Assert.Equal(fresh.Step2!.Fit.ResidualStandardDeviation, mmlu.Fit.Step2.Fit.ResidualStandardDeviation);
        Assert.Equal(fresh.Step1.Fit.Status, mmlu.Fit.Step1.Fit.Status);
        Assert.Equal(fresh.Step1.Fit.Message, mmlu.Fit.Step1.Fit.Message);
        Assert.Equal(LadderForms.Step1.Upper, mmlu.Step1Setup.Upper);
        Assert.Equal(LadderForms.Step1.Options.HuberDelta, mmlu.Step1Setup.Options.HuberDelta);
        Assert.Equal(Paper.Name, saved.Payload.Description);
        Assert.Equal(original.Settings, saved.Payload.Settings);
        Assert.Contains("\"form\": \"power-law-nd\"", text);
        // Written twice, the same bytes (no timestamp).
        Assert.Equal(text, LadderFitFile.ToJson(original.Fit!, LadderFitFile.Inputs(original.Fit!, Paper)));
    }

    [Fact]
    public void Bootstrap_fit_reproduces_its_intervals_and_gives_a_new_targets_as_a_fresh_bootstrap()
    {
        var request = new LadderPredictionRequest { Tasks = ["mmlu", "hellaswag"], Interval = IntervalMethod.Bootstrap, Resamples = 40, Seed = 7 };
        var original = LadderPredictor.Predict(Paper, request);
        var fit = RoundTrip(original);
        Assert.True(fit.HasBootstrap);
        Assert.Equal(40, fit.Task("mmlu").Bootstrap!.Resamples);
        var again = fit.Predict(fit.Request);
        LadderFitAssert.Identical(original, again);
        Assert.All(again.Targets.SelectMany(t => t.Tasks), k => Assert.True(k.Lower < k.Upper && k.LossLower < k.LossUpper));

        var hypothetical = request with { Parameters = 30e9, Tokens = 8e12, Level = 0.8 };
        LadderFitAssert.Identical(LadderPredictor.Predict(Paper, hypothetical), fit.Predict(hypothetical));
        // The saved resamples give delta intervals as well (the fit keeps its covariance).
        var delta = request with { Interval = IntervalMethod.Delta };
        LadderFitAssert.Identical(LadderPredictor.Predict(Paper, delta), fit.Predict(delta));
    }

    [Fact]
    public void Flops_fit_reproduces_delta_and_bootstrap_and_needs_flops_per_token()
    {
        var request = new LadderPredictionRequest { Variant = LadderVariant.Flops, Tasks = ["arc_easy", "piqa"], Interval = IntervalMethod.Bootstrap, Resamples = 30 };
        var original = LadderPredictor.Predict(Paper, request);
        var fit = RoundTrip(original);
        Assert.Same(TaskScaling.Numerics.Forms.PowerLawCompute.Instance, fit.Tasks[0].Fit.Step1.Model);
        LadderFitAssert.Identical(original, fit.Predict(fit.Request));
        var hypothetical = request with { Parameters = 30e9, Tokens = 8e12, FlopsPerToken = 2e11 };
        LadderFitAssert.Identical(LadderPredictor.Predict(Paper, hypothetical), fit.Predict(hypothetical));
        var delta = hypothetical with { Interval = IntervalMethod.Delta };
        LadderFitAssert.Identical(LadderPredictor.Predict(Paper, delta), fit.Predict(delta));
        var e = Assert.Throws<InvalidRequestException>(() => fit.Predict(hypothetical with { FlopsPerToken = null }));
        Assert.Contains("FLOPs per token", e.Message);
    }

    [Fact]
    public void Single_step_fit_reproduces_delta_and_bootstrap()
    {
        var request = new LadderPredictionRequest { Variant = LadderVariant.SingleStep, Tasks = ["arc_easy"], Interval = IntervalMethod.Bootstrap, Resamples = 12 };
        var original = LadderPredictor.Predict(Paper, request);
        var fit = RoundTrip(original);
        Assert.Null(fit.Tasks[0].Fit.Step2);
        Assert.Null(fit.Tasks[0].Step2Setup);
        LadderFitAssert.Identical(original, fit.Predict(fit.Request));
        var delta = request with { Interval = IntervalMethod.Delta, Targets = ["7B-4T"] };
        LadderFitAssert.Identical(LadderPredictor.Predict(Paper, delta), fit.Predict(delta));
        Assert.NotNull(fit.Predict(delta).Targets[0].Tasks[0].Lower);
    }

    [Fact]
    public void Mc_variant_has_no_fit_to_save()
    {
        var p = LadderPredictor.Predict(Paper, new LadderPredictionRequest { Variant = LadderVariant.Mc, Tasks = ["arc_easy"], Targets = ["13B-5T"], Interval = IntervalMethod.None });
        Assert.Null(p.Fit);
        var e = Assert.Throws<InvalidRequestException>(() => LadderFitFile.Write(Path.Combine(Path.GetTempPath(), "never.json"), p, Paper));
        Assert.Contains("mc", e.Message);
    }

    [Fact]
    public void Requests_the_fit_cannot_answer_are_errors_that_say_why()
    {
        var (_, fit) = TwoStepDelta.Value;
        Assert.Contains("two-step variant", Assert.Throws<InvalidRequestException>(() => fit.Predict(new LadderPredictionRequest { Variant = LadderVariant.Flops })).Message);
        Assert.Contains("feature is bpb", Assert.Throws<InvalidRequestException>(() => fit.Predict(new LadderPredictionRequest { Feature = LadderFeature.C4 })).Message);
        Assert.Contains("windows", Assert.Throws<InvalidRequestException>(() => fit.Predict(new LadderPredictionRequest { Step2Window = 3 })).Message);
        Assert.Contains("no bootstrap refits", Assert.Throws<InvalidRequestException>(() => fit.Predict(new LadderPredictionRequest { Interval = IntervalMethod.Bootstrap })).Message);
        var task = Assert.Throws<InvalidRequestException>(() => fit.Predict(new LadderPredictionRequest { Tasks = ["winogrande"] })).Message;
        Assert.Contains("no task 'winogrande'", task);
        Assert.Contains("mmlu", task);
        Assert.Contains("no target '70B'", Assert.Throws<InvalidRequestException>(() => fit.Predict(new LadderPredictionRequest { Targets = ["70B"] })).Message);
        Assert.Contains("--level", Assert.Throws<InvalidRequestException>(() => fit.Predict(new LadderPredictionRequest { Level = 1.5 })).Message);
    }

    private static string Text() => LadderFitFile.ToJson(TwoStepDelta.Value.Fit, []);

    [Fact]
    public void Unknown_version_is_a_clear_error()
    {
        var text = Text().Replace("\"version\": 1,", "\"version\": 3,");
        var e = Assert.Throws<DataFormatException>(() => LadderFitFile.Parse(text, "old.json"));
        Assert.Equal("old.json", e.File);
        Assert.Contains("unsupported fit file version 3", e.Message);
        Assert.Contains($"reads versions {SavedFitFile.CurrentVersion} to {LadderFitFile.PredictorVersion}", e.Message);
    }

    [Fact]
    public void A_changed_digit_fails_the_checksum()
    {
        var text = Text();
        // Change one digit of the first parameter of the first step 1 (the number after "parameters": [).
        var m = Regex.Match(text, "\"parameters\": \\[(\\d)");
        Assert.True(m.Success);
        int at = m.Groups[1].Index;
        var tampered = text[..at] + (text[at] == '9' ? '8' : (char)(text[at] + 1)) + text[(at + 1)..];
        var e = Assert.Throws<DataFormatException>(() => LadderFitFile.Parse(tampered, "fit.json"));
        Assert.Contains("checksum mismatch", e.Message);
        // Whitespace is not content: re-indenting the file keeps it valid.
        Assert.Equal(TwoStepDelta.Value.Fit.Tasks.Count, LadderFitFile.Parse(text.Replace("\n  ", "\n    "), "fit.json").Payload.Tasks.Count);
    }

    [Fact]
    public void Wrong_kind_and_not_a_fit_file_are_clear_errors()
    {
        var skills = SavedFitFile.ToJson("skills", new { d = 3 }, []);
        var e = Assert.Throws<DataFormatException>(() => LadderFitFile.Parse(skills, "model.json"));
        Assert.Contains("this is a 'skills' fit, expected a 'ladder' fit", e.Message);
        var other = Assert.Throws<DataFormatException>(() => LadderFitFile.Parse("{\"runs\": []}", "ladder.json"));
        Assert.Contains("not a TaskScaling fit file", other.Message);
    }

    [Fact]
    public void Malformed_json_names_the_file_and_position()
    {
        var text = Text();
        var lines = text.Split('\n');
        int cut = lines.Length / 2;
        var broken = string.Join('\n', lines.Take(cut)) + "\n  ]]\n";
        var e = Assert.Throws<DataFormatException>(() => LadderFitFile.Parse(broken, "broken.json"));
        Assert.Equal("broken.json", e.File);
        Assert.Equal(cut + 1, e.Line);
        Assert.Contains("not valid JSON", e.Message);
        // The second ']' (0-based index 3 of the line) has no matching '['.
        Assert.Contains("byte 4 of the line", e.Message);
        Assert.DoesNotContain("LineNumber", e.Message);
    }

    [Fact]
    public void A_member_given_twice_is_an_error_naming_it()
    {
        var text = Text().Replace("\"kind\": \"ladder\",", "\"kind\": \"ladder\",\n  \"kind\": \"skills\",");
        var e = Assert.Throws<DataFormatException>(() => LadderFitFile.Parse(text, "twice.json"));
        Assert.Equal("twice.json: not valid JSON: Duplicate property 'kind' encountered during deserialization.", e.Message);
    }

    [Fact]
    public void A_payload_naming_an_unknown_form_is_an_error_listing_the_known_ones()
    {
        var payload = LadderFitFile.ToPayload(TwoStepDelta.Value.Fit);
        var task = payload.Tasks[0] with { Step1 = payload.Tasks[0].Step1 with { Form = "power-law-xyz" } };
        var text = SavedFitFile.ToJson(LadderFitFile.Kind, payload with { Tasks = [task] }, []);
        var e = Assert.Throws<DataFormatException>(() => LadderFitFile.Parse(text, "fit.json"));
        Assert.Contains("payload.tasks[0].step1.form", e.Message);
        Assert.Contains("unknown form 'power-law-xyz'", e.Message);
        Assert.Contains("power-law-nd", e.Message);
    }

    [Fact]
    public void Missing_file_is_an_error_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-fit-" + Guid.NewGuid() + ".json");
        var e = Assert.Throws<DataFormatException>(() => LadderFitFile.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void Written_whole_and_read_back_from_disk()
    {
        var dir = Directory.CreateTempSubdirectory("ladder-fit").FullName;
        try
        {
            var path = Path.Combine(dir, "fit.json");
            LadderFitFile.Write(path, TwoStepDelta.Value.Prediction, Paper);
            Assert.Equal(["fit.json"], Directory.GetFiles(dir).Select(Path.GetFileName));
            var saved = LadderFitFile.Read(path);
            LadderFitAssert.Identical(TwoStepDelta.Value.Prediction, saved.Payload.Predict(saved.Payload.Request));
        }
        finally { Directory.Delete(dir, true); }
    }
}
