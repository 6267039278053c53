namespace TaskScaling.Data.Leaderboard.Import;

/// <summary>
/// What <see cref="SkillsImport.Run"/> imports: either <see cref="Leaderboard"/> + <see cref="Tokens"/>, or
/// <see cref="LmEvalFolder"/> + <see cref="Metadata"/> (+ optional <see cref="Map"/> overriding the
/// task-to-benchmark map), written to <see cref="Out"/>.
/// </summary>
public sealed record SkillsImportRequest
{
    public string? Leaderboard { get; init; }
    public string? Tokens { get; init; }
    public string? LmEvalFolder { get; init; }
    public string? Metadata { get; init; }
    public string? Map { get; init; }
    public required string Out { get; init; }
}

/// <summary>The imported table and the full path of the file written.</summary>
public sealed record SkillsImportResult(ImportedSkillsTable Table, string OutputPath);
