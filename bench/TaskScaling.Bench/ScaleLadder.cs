using TaskScaling.Ladder;

namespace TaskScaling.Bench;

/// <summary>
/// A ladder of any number of runs for scale measurements (<c>bench/scale.sh</c>): the paper's 16 ladder runs
/// repeated, run i a byte copy of ladder run i mod 16 (so every file has the W&amp;B export's full width), with the
/// paper's targets. Usage: <c>dotnet run -c Release --project bench/TaskScaling.Bench -- scale-ladder N DIR</c>;
/// writes DIR/ladder.json and DIR/runs/*.csv.
/// </summary>
internal static class ScaleLadder
{
    public static void Write(int runs, string dir)
    {
        var paper = PaperLadder.Create(BenchData.Root);
        var ladder = paper.LadderRuns.ToArray();
        Directory.CreateDirectory(Path.Combine(dir, "runs"));
        var made = new List<LadderRun>();
        for (int i = 0; i < runs; i++)
        {
            var source = ladder[i % ladder.Length];
            string name = $"{source.Name}-r{i / ladder.Length}";
            string file = Path.Combine("runs", name + ".csv");
            File.Copy(paper.ResolvePath(source.File), Path.Combine(dir, file), overwrite: true);
            made.Add(source with { Name = name, File = file });
        }
        var targets = paper.Targets.Select(t => t with
        {
            File = paper.ResolvePath(t.File),
            IntermediateFile = t.IntermediateFile is { } f ? paper.ResolvePath(f) : null,
        });
        var description = paper with { Name = $"scale ladder, {runs} runs", Runs = [.. made, .. targets], VarianceRun = paper.VarianceRun is { } v && runs > 0 ? v + "-r0" : null };
        LadderDescriptionFile.Write(description, Path.Combine(dir, "ladder.json"));
        Console.WriteLine($"wrote {Path.Combine(dir, "ladder.json")} ({runs} ladder runs)");
    }
}
