using TaskScaling.Skills;

namespace TaskScaling.Tests.Skills;

/// <summary>Reading a saved `skills evaluate --format json`.</summary>
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
}
