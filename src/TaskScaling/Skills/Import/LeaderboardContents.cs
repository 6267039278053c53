namespace TaskScaling.Skills.Import;

/// <summary>
/// An Open LLM Leaderboard (v2) contents CSV as read: one row per model key (the first row of a key in
/// file order wins, see <see cref="LeaderboardContentsReader"/>) and notes on what was dropped.
/// </summary>
internal sealed record LeaderboardContents(string Source, IReadOnlyList<LeaderboardContentsRow> Rows, IReadOnlyList<string> Notes)
{
    /// <summary>The notes about one model key (its dropped duplicate rows).</summary>
    public IEnumerable<string> NotesFor(string key) => Notes.Where(n => n.EndsWith($" [{key}]", StringComparison.Ordinal));

    public bool TryGet(string model, out LeaderboardContentsRow row)
    {
        var key = ModelKey.Of(model);
        foreach (var r in Rows)
            if (r.Key == key) { row = r; return true; }
        row = null!;
        return false;
    }
}
