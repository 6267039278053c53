namespace TaskScaling.Skills;

/// <summary>
/// One train/test split of spec §6.3: each family of the test group keeps its n_train smallest models in
/// training and the rest are test rows; every other family is wholly in training.
/// </summary>
internal sealed record LeaveFamilyOutSplit(IReadOnlyList<string> Group, int[] TrainRows, int[] TestRows)
{
    /// <summary>
    /// Test rows: by group order, then S. Training rows: the kept rows of the test families in reverse group
    /// order, then the other families in data order (this only matters for bit-exact optimiser paths).
    /// </summary>
    public static LeaveFamilyOutSplit Create(SkillDataset data, IReadOnlyList<string> group, int nTrain)
    {
        if (nTrain < 1) throw new InvalidRequestException("n_train must be at least 1");
        var kept = new List<int[]>();
        var test = new List<int>();
        foreach (var fam in group)
        {
            var rows = data.RowsOf(fam);
            if (rows.Length == 0) throw new InvalidRequestException($"test family '{fam}' has no complete rows in the data");
            if (rows.Length <= nTrain) throw new InvalidRequestException($"test family '{fam}' has {rows.Length} model(s); at least {nTrain + 1} needed");
            kept.Add(rows[..nTrain]);
            test.AddRange(rows[nTrain..]);
        }
        var train = new List<int>();
        for (int g = kept.Count - 1; g >= 0; g--) train.AddRange(kept[g]);
        var inGroup = new HashSet<string>(group, StringComparer.Ordinal);
        for (int i = 0; i < data.Count; i++) if (!inGroup.Contains(data.Families[i])) train.Add(i);
        return new LeaveFamilyOutSplit(group.ToArray(), train.ToArray(), test.ToArray());
    }
}
