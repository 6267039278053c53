using System.Text;
using TaskScaling.Cli;
using TaskScaling.Data;
using TaskScaling.Data.Leaderboard;
using TaskScaling.Skills;

namespace TaskScaling.Tests.Skills;

/// <summary>A lab adds its own family through a second table (`--table public.csv --table mine.csv`).</summary>
[Collection("Console")]
public class TableConcatenationTests
{
    private const string Family = "meta-llama-3";

    /// <summary>Writes data_v2.csv split in two: every row of <see cref="Family"/> in the second file.</summary>
    private static (string Public, string Mine, string Dir) Split()
    {
        var csv = CsvTable.Load(Path.Combine(DataLocation.Resolve(), "sloth", "data_v2.csv"));
        int fam = csv.ColumnIndex("Family2");
        var dir = Path.Combine(Path.GetTempPath(), $"ts-tables-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        static string Line(IEnumerable<string> cells) => CsvWriter.Line(cells) + "\n";
        var pub = new StringBuilder(Line(csv.Header));
        var mine = new StringBuilder(Line(csv.Header));
        foreach (var row in csv.Rows) (row[fam] == Family ? mine : pub).Append(Line(row));
        string p = Path.Combine(dir, "public.csv"), m = Path.Combine(dir, "mine.csv");
        File.WriteAllText(p, pub.ToString());
        File.WriteAllText(m, mine.ToString());
        return (p, m, dir);
    }

    [Fact]
    public void AFamilyAddedThroughASecondTablePredictsAsInsideOneTable()
    {
        var (pub, mine, dir) = Split();
        try
        {
            var request = new TaskScaling.Skills.SkillsPredictionRequest
            {
                Family = Family, Parameters = 70, Tokens = 15, Skills = 2, Set = "v1", Method = SkillsMethod.SlothBasic, Members = 2,
            };
            var columns = LeaderboardColumns.Default with { Benchmarks = BenchmarkSets.ByName("v1") };
            var one = SkillsPrediction.Predict(LeaderboardReader.Read(Path.Combine(DataLocation.Resolve(), "sloth", "data_v2.csv"), columns), request);
            var two = SkillsPrediction.Predict(
                LeaderboardTable.Concat([LeaderboardReader.Read(pub, columns), LeaderboardReader.Read(mine, columns)]), request);
            Assert.Equal(one.TrainingModels, two.TrainingModels);
            Assert.Equal(one.Predictions.Select(p => p.Benchmark), two.Predictions.Select(p => p.Benchmark));
            Assert.Equal(one.Predictions.Select(p => p.Score), two.Predictions.Select(p => p.Score));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void AModelInTwoTablesIsAOneLineErrorWithExitCodeTwo()
    {
        var (pub, mine, dir) = Split();
        var err = new StringWriter();
        var oldErr = Console.Error;
        Console.SetError(err);
        try
        {
            int code = Program.Run(["skills", "predict", "--family", Family, "--params", "70B", "--tokens", "15T",
                "--set", "v1", "--link", "sigmoid", "--table", pub, "--table", mine, "--table", mine]);
            Assert.Equal(CliRunner.UserError, code);
            Assert.Contains("duplicate model", err.ToString());
            Assert.Contains("mine.csv", err.ToString());
            Assert.Single(err.ToString().Trim().Split('\n'));
        }
        finally
        {
            Console.SetError(oldErr);
            Directory.Delete(dir, recursive: true);
        }
    }
}
