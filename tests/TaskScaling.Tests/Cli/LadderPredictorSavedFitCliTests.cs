using System.Text.Json.Nodes;
using TaskScaling.Ladder;
using TaskScaling.Tests.Ladder;
using static TaskScaling.Tests.Cli.ProgramRunner;

namespace TaskScaling.Tests.Cli;

/// <summary>`ladder predict --save-fit` with a predictor (auto by default, ensemble, direct) and calibrated intervals, then
/// `--fit`: the same bytes as the request made against the ladder data, at its targets and at hypothetical ones.</summary>
[Collection("Console")]
public sealed class LadderPredictorSavedFitCliTests : IDisposable
{
    // On the paper ladder auto chooses two-step for mmlu, single-step for arc_easy, the ensemble for piqa and flops for
    // csqa, whose choice without FLOPs per token is another (the fit keeps both).
    private const string Tasks = "mmlu,arc_easy,piqa,csqa";
    private readonly string _dir = Directory.CreateTempSubdirectory("ladder-predictor-fit").FullName;
    private readonly string _data = ReferenceRun.DataRoot;

    public void Dispose() => Directory.Delete(_dir, true);

    private string Out(string name) => Path.Combine(_dir, name);

    /// <summary>Runs the command against the data and against the fit; asserts both succeed with the same bytes and returns them.</summary>
    private string Same(string[] fresh, string[] fromFit, string name)
    {
        var (code, err) = Run(["ladder", "predict", "--data", _data, "--tasks", Tasks, .. fresh, "--out", Out($"{name}-data")]);
        Assert.True(code == 0, err);
        (code, err) = Run(["ladder", "predict", "--fit", Out("fit.json"), .. fromFit, "--out", Out($"{name}-fit")]);
        Assert.True(code == 0, err);
        var expected = File.ReadAllText(Out($"{name}-data"));
        Assert.Equal(expected, File.ReadAllText(Out($"{name}-fit")));
        return expected;
    }

    private static string[] Predictors(string json) =>
        JsonNode.Parse(json)!["targets"]![0]!["tasks"]!.AsArray().Select(t => t!["predictor"]!.GetValue<string>()).ToArray();

    [Fact]
    public void A_default_fit_reproduces_auto_and_calibrated_intervals_at_its_targets_and_new_ones()
    {
        var (code, err) = Run("ladder", "predict", "--data", _data, "--tasks", Tasks, "--save-fit", Out("fit.json"), "--format", "json", "--out", Out("saved.json"));
        Assert.True(code == 0, err);
        var saved = LadderFitFile.Read(Out("fit.json"));
        Assert.Equal(LadderFitFile.PredictorVersion, saved.Version);
        Assert.Equal(LadderPredictorKind.Auto, saved.Payload.Predictor);
        Assert.All(saved.Payload.Predictors, p => Assert.NotNull(p.Choice.Kappa));

        // The stored targets, in every format; --save-fit changes nothing in what is printed.
        var json = Same(["--format", "json"], ["--format", "json"], "json");
        Assert.Equal(File.ReadAllText(Out("saved.json")), json);
        Assert.Equal(["two-step", "single-step", "ensemble", "flops"], Predictors(json));
        Assert.Contains("calibrated", Same([], [], "table"));
        Same(["--format", "csv"], ["--format", "csv"], "csv");

        // A hypothetical target without FLOPs per token: csqa takes auto's other choice, kept in the fit.
        var hypothetical = Same(["--params", "70B", "--tokens", "15T", "--format", "json"], ["--params", "70B", "--tokens", "15T", "--format", "json"], "h.json");
        Assert.NotEqual("flops", Predictors(hypothetical)[3]);
        Assert.Contains("\"kappa\"", hypothetical);
        Same(["--params", "70B", "--tokens", "15T"], ["--params", "70B", "--tokens", "15T"], "h-table");
        File.WriteAllText(Out("targets.csv"), "name,params,tokens\nbig,70B,15T\nwide,30B,6T\n");
        Same(["--targets", Out("targets.csv"), "--format", "csv"], ["--targets", Out("targets.csv"), "--format", "csv"], "targets.csv");
        // Delta intervals need no κ: the fit gives them too.
        Same(["--interval", "delta", "--format", "json"], ["--interval", "delta", "--format", "json"], "delta.json");
    }

    [Theory]
    [InlineData("ensemble")]
    [InlineData("direct")]
    public void A_predictor_fit_reproduces_its_predictions(string predictor)
    {
        var (code, err) = Run("ladder", "predict", "--data", _data, "--tasks", Tasks, "--predictor", predictor, "--save-fit", Out("fit.json"), "--out", Out("a.txt"));
        Assert.True(code == 0, err);
        var json = Same(["--predictor", predictor, "--format", "json"], ["--format", "json"], "json");
        Assert.All(Predictors(json), p => Assert.Equal(predictor, p));
        var target = new[] { "--params", "70B", "--tokens", "15T", "--flops-per-token", "5e11", "--format", "json" };
        Same(["--predictor", predictor, .. target], target, "h.json");
        var fit = LadderFitFile.Read(Out("fit.json")).Payload;
        var members = fit.Predictors[0].Choice.Members;
        if (predictor == "ensemble") Assert.Equal(1.0, members.Sum(m => m.Weight!.Value), 12);
        else Assert.NotNull(Assert.Single(members).Direct?.Fit.Covariance);
    }

    [Fact]
    public void What_a_saved_calibrated_fit_does_not_hold_is_refused_naming_it()
    {
        Assert.Equal(0, Run("ladder", "predict", "--data", _data, "--tasks", "piqa", "--save-fit", Out("fit.json"), "--out", Out("a.txt")).Code);
        (string[] Args, string Says)[] refusals =
        [
            (["--interval", "bootstrap"], "no bootstrap refits (it was made with calibrated intervals)"),
            (["--level", "0.8"], "the fit's κ was calibrated at the 90% level, the request asks for 80%: a different choice needs a refit"),
        ];
        foreach (var (args, says) in refusals)
        {
            var (code, err) = Run(["ladder", "predict", "--fit", Out("fit.json"), .. args, "--out", Out("never.txt")]);
            Assert.Equal(2, code);
            Assert.Contains(says, err);
            Assert.Single(err.TrimEnd().Split('\n'));
            Assert.False(File.Exists(Out("never.txt")));
        }
        // step1 and step2 show a variant's fits.
        var (c1, e1) = Run("ladder", "step1", "--fit", Out("fit.json"), "--out", Out("never.txt"));
        Assert.Equal(2, c1);
        Assert.Contains("auto predictor", e1);

        // A variant's fit has no backtest to calibrate with.
        Assert.Equal(0, Run("ladder", "predict", "--data", _data, "--variant", "two-step", "--tasks", "piqa", "--save-fit", Out("variant.json"), "--out", Out("b.txt")).Code);
        Assert.Equal(TaskScaling.Data.SavedFits.SavedFitFile.CurrentVersion, LadderFitFile.Read(Out("variant.json")).Version);
        var (code2, err2) = Run("ladder", "predict", "--fit", Out("variant.json"), "--interval", "calibrated", "--out", Out("never.txt"));
        Assert.Equal(2, code2);
        Assert.Contains("needs a refit", err2);
    }

    [Fact]
    public void An_auto_fit_with_bootstrap_intervals_keeps_the_variants_refits()
    {
        var boot = new[] { "--interval", "bootstrap", "--resamples", "20" };
        var (code, err) = Run(["ladder", "predict", "--data", _data, "--tasks", Tasks, .. boot, "--save-fit", Out("fit.json"), "--out", Out("a.txt")]);
        Assert.True(code == 0, err);
        var json = Same([.. boot, "--format", "json"], ["--format", "json"], "json");
        Same([.. boot, "--params", "70B", "--tokens", "15T", "--format", "json"], ["--params", "70B", "--tokens", "15T", "--format", "json"], "h.json");
        // mmlu (two-step) has a bootstrap interval; piqa (ensemble) says why it has none.
        var tasks = JsonNode.Parse(json)!["targets"]![0]!["tasks"]!.AsArray();
        Assert.NotNull(tasks[0]!["lower"]);
        Assert.Contains("not refitted on resamples", tasks[2]!["message"]!.GetValue<string>());
        Assert.True(LadderFitFile.Read(Out("fit.json")).Payload.HasBootstrap);
    }

    [Fact]
    public void A_two_step_calibrated_fit_gives_the_variants_delta_output()
    {
        Assert.Equal(0, Run("ladder", "predict", "--data", _data, "--tasks", "mmlu,piqa", "--predictor", "two-step", "--save-fit", Out("fit.json"), "--out", Out("a.txt")).Code);
        var (code, err) = Run("ladder", "predict", "--data", _data, "--tasks", "mmlu,piqa", "--predictor", "two-step", "--interval", "delta", "--format", "json", "--out", Out("data.json"));
        Assert.True(code == 0, err);
        (code, err) = Run("ladder", "predict", "--fit", Out("fit.json"), "--interval", "delta", "--format", "json", "--out", Out("fit.json.out"));
        Assert.True(code == 0, err);
        var text = File.ReadAllText(Out("data.json"));
        Assert.Equal(text, File.ReadAllText(Out("fit.json.out")));
        Assert.DoesNotContain("\"predictor\"", text);   // the variant itself
    }
}
