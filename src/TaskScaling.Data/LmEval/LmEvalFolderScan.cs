namespace TaskScaling.Data.LmEval;

/// <summary>
/// What <see cref="LmEvalReader.ScanFolder"/> found: the runs read (merged per model and step) and the JSON files
/// that are not lm-eval results files, relative to the folder, in path order.
/// </summary>
public sealed record LmEvalFolderScan(IReadOnlyList<LmEvalResults> Models, IReadOnlyList<string> Ignored);
