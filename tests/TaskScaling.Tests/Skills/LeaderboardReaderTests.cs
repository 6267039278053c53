using TaskScaling.Data;
using TaskScaling.Data.Leaderboard;
using TaskScaling.Skills;

namespace TaskScaling.Tests.Skills;

public sealed class LeaderboardReaderTests
{
    private const string Header = "Model,Family2,#Params (B),Pretraining Data Size (T),FLOPs (1E21),MMLU,ARC";

    private static LeaderboardTable Parse(string body, LeaderboardColumns? cols = null) =>
        LeaderboardReader.FromCsv(CsvTable.Parse(body, "t.csv"), cols ?? new LeaderboardColumns { Benchmarks = ["MMLU", "ARC"] });

    [Fact]
    public void ReadsTheSlothTableAsItIs()
    {
        var t = SkillsTestData.Table;
        Assert.Equal(188, t.RowCount);
        Assert.Equal(12, t.Benchmarks.Count);
        int withTokens = Enumerable.Range(0, t.RowCount).Count(i => !double.IsNaN(t.Tokens[i]));
        Assert.Equal(175, withTokens);
        int bloom = t.Models.ToList().IndexOf("bloom");
        Assert.Equal(176.0, t.Parameters[bloom]);
        Assert.Equal(0.366, t.Tokens[bloom]);
        Assert.Equal(68, t.Families.Distinct().Count());
    }

    [Fact]
    public void ComputesFlopsWhenNoFlopsColumnAndHonoursColumnNames()
    {
        var t = LeaderboardReader.FromCsv(CsvTable.Parse("name,fam,size,tok,score\na,f,2,3,0.5\n", "t.csv"),
            new LeaderboardColumns { Model = "name", Family = "fam", Parameters = "size", Tokens = "tok", Flops = null, Benchmarks = ["score"] });
        Assert.Equal(36.0, t.Flops[0]);
        Assert.Equal(0.5, t.Score(0, 0));
    }

    [Fact]
    public void MissingBenchmarkColumnIsAnError()
    {
        var e = Assert.Throws<DataFormatException>(() => Parse("Model,Family2,#Params (B),Pretraining Data Size (T),FLOPs (1E21),MMLU\na,f,1,1,6,0.3\n"));
        Assert.Contains("ARC", e.Message);
    }

    [Fact]
    public void NonNumericScoreNamesLineAndColumn()
    {
        var e = Assert.Throws<DataFormatException>(() => Parse(Header + "\na,f,1,1,6,0.3,0.4\nb,f,2,1,12,abc,0.4\n"));
        Assert.Equal(3, e.Line);
        Assert.Equal("MMLU", e.Column);
    }

    [Fact]
    public void ScoreOutsideUnitIntervalIsAnError()
    {
        var e = Assert.Throws<DataFormatException>(() => Parse(Header + "\na,f,1,1,6,45.2,0.4\n"));
        Assert.Contains("outside [0, 1]", e.Message);
    }

    [Fact]
    public void LowerBoundsFollowTheTableAndCanBeOverridden()
    {
        Assert.Equal(0.288504, LowerBounds.Default.For("BBH"));
        Assert.Equal(0.5, LowerBounds.Default.For("Winogrande"));
        Assert.Equal(0.0, LowerBounds.Default.For("GSM8K"));
        var lb = LowerBounds.Default.With(new Dictionary<string, double> { ["GSM8K"] = 0.05 });
        Assert.Equal(0.05, lb.For("GSM8K"));
        Assert.Equal(0.0, LowerBounds.Default.For("GSM8K"));
    }
}
