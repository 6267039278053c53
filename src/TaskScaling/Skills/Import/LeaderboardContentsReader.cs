using System.Globalization;
using TaskScaling.Data;

namespace TaskScaling.Skills.Import;

/// <summary>
/// Reads the Open LLM Leaderboard (v2) "contents" CSV (<c>open-llm-leaderboard_new.csv</c>: emoji
/// headers such as "Average ⬆️", quoted cells with commas, each benchmark twice: the leaderboard's
/// normalised score ×100 "IFEval" and the raw score "IFEval Raw").
/// <para>
/// Mapping rule (checked against <c>data_v2.csv</c>: identical on every shared model with v2 scores):
/// the skills table's v2 column X is the contents column "X Raw" as it is — the raw accuracy on 0–1,
/// already rounded to two decimals by the leaderboard — for X in IFEval, BBH, MATH Lvl 5, GPQA, MUSR,
/// MMLU-PRO. The normalised columns (rescaled above chance, ×100) are not used.
/// </para>
/// <para>
/// A model submitted more than once (e.g. in float16 and bfloat16, or under two organisations with the
/// same name) appears on several rows; the file is sorted by "Average ⬆️" (descending) and the first
/// row of a key wins, as in the compilation (google/gemma-2-2b, meta-llama/Meta-Llama-3-8B-Instruct and
/// mistralai/Mixtral-8x7B-v0.1 all take their first row). Each such choice is noted.
/// </para>
/// </summary>
internal static class LeaderboardContentsReader
{
    public const string ModelColumn = "Model";
    public const string ParametersColumn = "#Params (B)";
    public const string RawSuffix = " Raw";

    public static LeaderboardContents Read(string path) => FromCsv(CsvTable.Load(path));

    public static LeaderboardContents FromCsv(CsvTable csv)
    {
        int cModel = csv.ColumnIndex(ModelColumn);
        int cParams = csv.HasColumn(ParametersColumn) ? csv.ColumnIndex(ParametersColumn) : -1;
        var cRaw = BenchmarkSets.V2.Select(b => csv.ColumnIndex(b + RawSuffix)).ToArray();
        var rows = new List<LeaderboardContentsRow>();
        var first = new Dictionary<string, LeaderboardContentsRow>(StringComparer.Ordinal);
        var notes = new List<string>();
        for (int i = 0; i < csv.RowCount; i++)
        {
            int line = csv.RowLines[i];
            var id = csv.Rows[i][cModel].Trim();
            if (id.Length == 0) throw new DataFormatException(csv.Source, line, ModelColumn, "empty model name");
            var scores = new double[cRaw.Length];
            for (int j = 0; j < cRaw.Length; j++)
            {
                double v = csv.Number(i, cRaw[j]);
                if (!double.IsNaN(v) && !(v >= 0 && v <= 1))
                    throw new DataFormatException(csv.Source, line, csv.Header[cRaw[j]],
                        $"raw score {v.ToString(CultureInfo.InvariantCulture)} outside [0, 1]");
                scores[j] = v;
            }
            double s = cParams >= 0 ? csv.Number(i, cParams) : double.NaN;
            if (!(s > 0 && double.IsFinite(s))) s = double.NaN;
            var key = ModelKey.Of(id);
            if (first.TryGetValue(key, out var kept))
            {
                notes.Add($"{csv.Source}, line {line}: '{id}' is a second row for '{key}'; kept line {kept.Line} ('{kept.ModelId}', the higher average) [{key}]");
                continue;
            }
            var row = new LeaderboardContentsRow(id, key, s, scores, line);
            first[key] = row;
            rows.Add(row);
        }
        return new LeaderboardContents(csv.Source, rows, notes);
    }
}
