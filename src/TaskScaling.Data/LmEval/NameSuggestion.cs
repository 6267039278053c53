namespace TaskScaling.Data.LmEval;

/// <summary>
/// "Did you mean ...?" for a name that was not found: the candidate with the smallest Levenshtein
/// (edit) distance, compared case-insensitively; ties go to the alphabetically first candidate.
/// </summary>
internal static class NameSuggestion
{
    /// <summary>The nearest candidate, or null when there are none.</summary>
    public static string? Nearest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var c in candidates.OrderBy(c => c, StringComparer.Ordinal))
        {
            int d = Levenshtein(name.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance) { best = c; bestDistance = d; }
        }
        return best;
    }

    /// <summary>Edit distance: insertions, deletions and substitutions each cost 1.</summary>
    public static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    internal static string DidYouMean(string name, IEnumerable<string> candidates)
    {
        var nearest = Nearest(name, candidates);
        return nearest is null ? "" : $" (did you mean '{nearest}'?)";
    }

    /// <summary>A one-line list, cut after <paramref name="max"/> names.</summary>
    internal static string List(IEnumerable<string> names, int max = 40)
    {
        var all = names.ToList();
        if (all.Count == 0) return "(none)";
        var shown = string.Join(", ", all.Take(max));
        return all.Count > max ? $"{shown}, ... ({all.Count - max} more)" : shown;
    }
}
