using TaskScaling.Data;
using TaskScaling.Skills;

namespace TaskScaling.Tests.Skills;

/// <summary>The files of `skills evaluate`: the JSON read back, the CSV quoted.</summary>
public class EvaluationFileTests
{
    [Fact]
    public void NumbersAndNaNStringsAreRead()
    {
        var e = SkillsEvaluationFile.Parse("""{"settings":[{"set":"v2","minModels":3,"methods":[{"name":"a","mae":1.5},{"name":"b","mae":"NaN"}]}]}""", "e.json");
        var s = Assert.Single(e.Settings);
        Assert.Equal(("v2", 3), (s.Set, s.MinModels));
        Assert.Equal(["a", "b"], s.Methods.Select(m => m.Name));
        Assert.Equal(1.5, s.Methods[0].Mae);
        Assert.True(double.IsNaN(s.Methods[1].Mae));
    }

    [Theory]
    [InlineData("{\"settings\":", "invalid JSON")]
    [InlineData("{\"other\":[]}", "no \"settings\" array")]
    [InlineData("[1]", "no \"settings\" array")]
    [InlineData("{\"settings\":[{\"set\":\"v1\",\"methods\":[]}]}", "minModels")]
    public void MalformedFilesAreDataFormatErrors(string text, string fragment)
    {
        var e = Assert.Throws<DataFormatException>(() => SkillsEvaluationFile.Parse(text, "bad.json"));
        Assert.Contains("bad.json", e.Message);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void MissingFileIsADataFormatError() =>
        Assert.Contains("file not found", Assert.Throws<DataFormatException>(() => SkillsEvaluationFile.Read("/nonexistent/eval.json")).Message);

    [Fact]
    public void EvaluateCsvQuotesANameWithACommaSoItParses()
    {
        static MethodEvaluation Method(string name, double mae) => new()
        {
            Name = name, Mae = mae, PerBenchmark = new Dictionary<string, double>(), PerGroup = new Dictionary<string, double>(),
        };
        var setting = new SettingEvaluation
        {
            Set = "v1", MinModels = 2, TrainingModelsPerTestFamily = 1, Models = 3, Families = 2, TestModels = 1, Groups = ["a"],
            Methods = [Method("odd, \"quoted\" name", 0.25), Method("pca_d=1", double.NaN)],
        };
        var csv = SkillsEvaluationFile.ToCsv(new EvaluationReport([setting], TimeSpan.Zero));
        var t = CsvTable.Parse(csv, "eval.csv");
        Assert.Equal(["set", "minModels", "method", "mae"], t.Header);
        Assert.Equal("odd, \"quoted\" name", t.Cell(0, "method"));
        Assert.Equal(0.0025, t.Number(0, "mae"));   // 0.25 points, as a fraction
        Assert.Equal("pca_d=1", t.Cell(1, "method"));
        Assert.True(double.IsNaN(t.Number(1, "mae")));
    }
}
