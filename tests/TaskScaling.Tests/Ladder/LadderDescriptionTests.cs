using TaskScaling.Data.Runs;
using TaskScaling.Ladder;

namespace TaskScaling.Tests.Ladder;

public class LadderDescriptionTests
{
    [Fact]
    public void BuiltInDescriptionIsThePapers()
    {
        var d = PaperLadder.Create("/data");
        var ladder = d.LadderRuns.ToList();
        Assert.Equal(16, ladder.Count);
        var sizes = new (string Size, double N, double F)[]
        {
            ("190M", 190_354_176, 1_903_391_232), ("370M", 371_262_464, 3_443_922_944),
            ("760M", 758_220_288, 6_373_843_968), ("1.3B", 1_279_395_840, 10_109_071_360),
        };
        int i = 0;
        foreach (var (size, n, f) in sizes)
            foreach (var k in new[] { 1, 2, 5, 10 })
            {
                var r = ladder[i++];
                Assert.Equal((size, n, f, (double?)k, $"{size}-{k}xC"), (r.Size, r.Parameters, r.FlopsPerToken, r.ChinchillaMultiple, r.Name));
                Assert.Equal($"{(size == "1.3B" ? "1B" : size)}-{k}xC.csv", r.File);
            }
        var t7 = d.Target("7B-4T");
        Assert.Equal((6_887_575_552.0, 49_412_071_424.0, "peteish7_eval_anneal.csv"), (t7.Parameters, t7.FlopsPerToken, t7.File));
        var t13 = d.Target("13B-5T");
        Assert.Equal((13_202_396_160.0, 91_335_915_520.0, "peteish13_eval_final.csv"), (t13.Parameters, t13.FlopsPerToken, t13.File));
        Assert.Equal(["mmlu", "hellaswag", "arc_challenge", "arc_easy", "piqa", "csqa", "socialiqa", "openbookqa"], d.DefaultTasks);
        var chance = new Dictionary<string, double>
        {
            ["mmlu"] = 0.25, ["hellaswag"] = 0.25, ["arc_challenge"] = 0.25, ["arc_easy"] = 0.25, ["piqa"] = 0.5,
            ["csqa"] = 0.2, ["socialiqa"] = 1.0 / 3, ["openbookqa"] = 0.25,
        };
        foreach (var (task, c) in chance) Assert.Equal(c, d.Task(task).Chance, 12);
        var mmlu = d.Task("mmlu");
        Assert.Equal(
            [("eval/downstream_bpb/mmlu_stem_test_rc_5shot_bpb", 0.215), ("eval/downstream_bpb/mmlu_humanities_test_rc_5shot_bpb", 0.335),
             ("eval/downstream_bpb/mmlu_social_sciences_test_rc_5shot_bpb", 0.219), ("eval/downstream_bpb/mmlu_other_test_rc_5shot_bpb", 0.231)],
            mmlu.Loss.Select(c => (c.Column, c.Weight)));
        Assert.Equal([0.215, 0.335, 0.219, 0.231], mmlu.Accuracy.Select(c => c.Weight));
        Assert.All(mmlu.Accuracy, c => Assert.EndsWith("_test_rc_5shot_len_norm", c.Column));
        Assert.Equal("eval/downstream_bpb/hellaswag_val_rc_5shot_bpb", Assert.Single(d.Task("hellaswag").Loss).Column);
        Assert.Equal("eval/downstream/arc_challenge_test_rc_5shot_len_norm", Assert.Single(d.Task("arc_challenge").Accuracy).Column);
        Assert.Equal(Path.GetFullPath("/data/olmo-ladder/ladder-runs"), d.BaseDirectory);
    }

    [Fact]
    public void DescriptionRoundTripsThroughJson()
    {
        var dir = Directory.CreateTempSubdirectory("ladder-desc").FullName;
        try
        {
            var d = PaperLadder.Create("/data") with
            {
                Runs = PaperLadder.Create("/data").Runs.Select((r, i) => i == 0
                    ? r with { Tokens = new TokenSpec { Source = TokenSource.Fixed, Value = 3.8e9 } } : r).ToArray(),
            };
            var path = Path.Combine(dir, "ladder.json");
            LadderDescriptionFile.Write(d, path);
            var back = LadderDescriptionFile.Read(path);
            Assert.Equal(LadderDescriptionFile.ToJson(d), LadderDescriptionFile.ToJson(back));
            Assert.Equal(d.Runs.Count, back.Runs.Count);
            for (int i = 0; i < d.Runs.Count; i++) Assert.Equal(d.Runs[i], back.Runs[i]);
            for (int i = 0; i < d.Tasks.Count; i++)
            {
                Assert.Equal(d.Tasks[i].Loss, back.Tasks[i].Loss);
                Assert.Equal(d.Tasks[i].Accuracy, back.Tasks[i].Accuracy);
                Assert.Equal(d.Tasks[i].Chance, back.Tasks[i].Chance);
            }
            Assert.Equal(dir, back.BaseDirectory);
            Assert.Equal(Path.Combine(dir, "190M-1xC.csv"), back.ResolvePath(back.Runs[0].File));
            Assert.Equal(TokenSource.Fixed, back.Runs[0].Tokens.Source);
            Assert.Contains("\"tokens\"", File.ReadAllText(path));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Theory]
    [InlineData("{", "line")]
    [InlineData("{\"runs\": [], \"tasks\": []}", "no runs")]
    [InlineData("{\"tasks\": []}", "runs")]
    public void MalformedDescriptionIsOneLineError(string json, string expected)
    {
        var e = Assert.Throws<DataFormatException>(() => LadderDescriptionFile.Parse(json, "my-ladder.json", "/tmp"));
        Assert.Contains("my-ladder.json", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData(0.0, "N must be a positive")]
    [InlineData(-5.0, "N must be a positive")]
    public void NonPositiveParametersAreRejected(double n, string expected)
    {
        var d = PaperLadder.Create("/data");
        var json = LadderDescriptionFile.ToJson(d with { Runs = d.Runs.Select((r, i) => i == 3 ? r with { Parameters = n } : r).ToArray() });
        var e = Assert.Throws<DataFormatException>(() => LadderDescriptionFile.Parse(json, "my-ladder.json", "/tmp"));
        Assert.Contains(expected, e.Message);
        Assert.Contains("runs[3].parameters", e.Message);
        Assert.Contains("190M-10xC", e.Message);
    }
}
