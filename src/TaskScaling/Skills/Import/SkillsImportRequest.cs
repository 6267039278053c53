namespace TaskScaling.Skills.Import;

/// <summary>
/// What <see cref="SkillsImport.Run"/> imports: either <see cref="Leaderboard"/> + <see cref="Tokens"/>, or
/// <see cref="LmEvalFolder"/> or <see cref="ResultsCsv"/> + <see cref="Metadata"/> (+ optional <see cref="Map"/> overriding the
/// task-to-benchmark map), written to <see cref="Out"/>.
/// </summary>
public sealed record SkillsImportRequest
{
    public string? Leaderboard { get; init; }
    public string? Tokens { get; init; }
    public string? LmEvalFolder { get; init; }
    /// <summary>A CSV of flattened lm-eval results (one row per model, columns <c>&lt;task&gt;_&lt;metric&gt;_&lt;filter&gt;</c>), with <see cref="Metadata"/>.</summary>
    public string? ResultsCsv { get; init; }
    public string? Metadata { get; init; }
    public string? Map { get; init; }
    /// <summary>
    /// A reference table (data_v2 layout, e.g. <c>data_v2.csv</c>) to check the import against: every shared
    /// model is compared on the benchmarks the import filled (see <see cref="ImportComparison"/>).
    /// </summary>
    public string? Compare { get; init; }
    public required string Out { get; init; }
    /// <summary>Leaderboard route: a model of the token file without tokens, without a leaderboard row or without a
    /// size is an error (true), or skipped with one summarised note (false, the default).</summary>
    public bool Strict { get; init; }
}

/// <summary>The imported table, the full path of the file written, and the check against a reference when asked.</summary>
public sealed record SkillsImportResult(ImportedSkillsTable Table, string OutputPath, ImportComparison? Comparison = null,
    IReadOnlyList<string>? ComparedBenchmarks = null);
