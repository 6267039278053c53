using System.CommandLine;
using TaskScaling.Skills.Import;

namespace TaskScaling.Cli.Commands;

/// <summary>
/// `taskscaling skills import`: build a skills table (data_v2.csv layout) from an Open LLM Leaderboard
/// contents CSV + token counts, or from a folder of lm-eval results + a metadata CSV.
/// </summary>
public static class SkillsImportCommand
{
    public static Command Create()
    {
        var cmd = new Command("import",
            "Build a skills table (the layout of data_v2.csv) from an Open LLM Leaderboard contents CSV joined with token counts, " +
            "or from lm-evaluation-harness results (a folder of results files, or a CSV of flattened results) joined with a metadata CSV.");
        var leaderboard = new Option<string?>("--leaderboard") { Description = "Open LLM Leaderboard (v2) contents CSV; its 'X Raw' columns give the v2 scores." };
        var tokens = new Option<string?>("--tokens") { Description = "CSV with Model and tokens in trillions (optional: #Params (B), Family, Family2); its models are imported." };
        var lmEval = new Option<string?>("--lm-eval") { Description = "Folder searched recursively for lm-eval results files (any *.json holding a top-level \"results\" object; the others are named in a note)." };
        var resultsCsv = new Option<string?>("--results-csv") { Description = "CSV of flattened lm-eval results: a model column and columns <task>_<metric>_<filter> such as leaderboard_bbh_acc_norm_none (also detected when given as --leaderboard)." };
        var metadata = new Option<string?>("--metadata") { Description = "CSV with Model, tokens in trillions, and optionally #Params (B), Family, Family2; its models are imported." };
        var map = new Option<string?>("--map") { Description = "JSON or CSV (benchmark, task, metric[, aggregate]) overriding the built-in task-to-benchmark map (lm-eval results: --lm-eval, --results-csv)." };
        var compare = new Option<string?>("--compare") { Description = "A reference table (data_v2 layout, e.g. data_v2.csv): list the shared models that agree and each that does not, with the reason." };
        var strict = new Option<bool>("--strict") { Description = "--leaderboard: a model of the tokens file without tokens, without a leaderboard row or without a size is an error (default: skipped, with one note per reason)." };
        var outp = new Option<string?>("--out") { Description = "The table to write (whole or not at all).", Required = true };
        foreach (var o in new Option[] { leaderboard, tokens, lmEval, resultsCsv, metadata, map, compare, strict, outp }) cmd.Options.Add(o);
        cmd.SetAction(parse => CliRunner.Execute(() =>
        {
            var result = SkillsImport.Run(new SkillsImportRequest
            {
                Leaderboard = parse.GetValue(leaderboard), Tokens = parse.GetValue(tokens),
                LmEvalFolder = parse.GetValue(lmEval), ResultsCsv = parse.GetValue(resultsCsv), Metadata = parse.GetValue(metadata),
                Map = parse.GetValue(map), Compare = parse.GetValue(compare), Out = parse.GetValue(outp)!, Strict = parse.GetValue(strict),
            });
            var t = result.Table;
            Console.Out.WriteLine($"wrote {t.Rows.Count} models ({t.Rows.Select(r => r.Family2).Distinct().Count()} families) to {result.OutputPath}");
            foreach (var note in t.Notes) Console.Out.WriteLine($"note: {note}");
            if (result.Comparison is { } c)
            {
                Console.Out.WriteLine($"compared on {string.Join(", ", result.ComparedBenchmarks!)}: {c.Agreeing.Count} shared models agree exactly, " +
                    $"{c.Mismatches.Count} differ, {c.ReferenceWithoutScores.Count} have no reference scores, {c.NotImported.Count} reference models with these scores were not imported");
                foreach (var m in c.Mismatches) Console.Out.WriteLine($"differs: {m.Model}: {m.Reason}");
                foreach (var m in c.ReferenceWithoutScores) Console.Out.WriteLine($"no reference scores: {m}");
                foreach (var m in c.NotImported) Console.Out.WriteLine($"not imported: {m}");
            }
            return 0;
        }));
        return cmd;
    }
}
