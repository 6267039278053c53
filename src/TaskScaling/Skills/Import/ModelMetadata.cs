namespace TaskScaling.Skills.Import;

/// <summary>
/// A user's facts about one model (a row of a token-count or metadata CSV): its name as written, its
/// key (<see cref="ModelKey"/>), tokens T (trillions), size S (billions; NaN when the file has none),
/// lineage family and variant family (null when the file has none).
/// </summary>
internal sealed record ModelMetadata(string Model, string Key, double Tokens, double Parameters,
    string? Family, string? Family2, string Source, int Line);
