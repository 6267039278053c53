using TaskScaling.Skills;

namespace TaskScaling.Tests.Skills;

/// <summary>Spec §6.2 counts and the §6.3 split rule.</summary>
public sealed class DataPreparationTests
{
    [Theory]
    [InlineData("v1", 2, 134, 41, 19, 60)]
    [InlineData("v1", 3, 96, 22, 15, 46)]
    [InlineData("v2", 2, 102, 37, 12, 37)]
    [InlineData("v2", 3, 62, 17, 9, 26)]
    [InlineData("all", 2, 74, 26, 11, 27)]
    [InlineData("all", 3, 46, 12, 7, 20)]
    public void PreparedDataAndTestGroupsMatchTheSpec(string set, int mm, int models, int families, int groups, int testModels)
    {
        var data = SkillDataset.Prepare(SkillsTestData.Table, BenchmarkSets.ByName(set), mm);
        Assert.Equal(models, data.Count);
        Assert.Equal(families, data.FamilyNames.Count);
        var g = TestGroups.For(set, mm);
        Assert.Equal(groups, g.Count);
        Assert.Equal(testModels, g.Sum(grp => LeaveFamilyOutSplit.Create(data, grp, mm - 1).TestRows.Length));
    }

    [Fact]
    public void CompleteCasesWithoutMinModels()
    {
        Assert.Equal(149, SkillDataset.Prepare(SkillsTestData.Table, BenchmarkSets.V1).Count);
        Assert.Equal(105, SkillDataset.Prepare(SkillsTestData.Table, BenchmarkSets.V2).Count);
        var all = SkillDataset.Prepare(SkillsTestData.Table, BenchmarkSets.All);
        Assert.Equal(79, all.Count);
        Assert.Equal(31, all.FamilyNames.Count);
    }

    [Fact]
    public void RowsAreSortedByFamilyThenSize()
    {
        var data = SkillDataset.Prepare(SkillsTestData.Table, BenchmarkSets.V1, 2);
        for (int i = 1; i < data.Count; i++)
        {
            int c = string.CompareOrdinal(data.Families[i - 1], data.Families[i]);
            Assert.True(c < 0 || (c == 0 && data.Parameters[i - 1] <= data.Parameters[i]));
        }
        Assert.Equal(data.FamilyNames.OrderBy(f => f, StringComparer.Ordinal), data.FamilyNames);
    }

    [Fact]
    public void SplitKeepsTheSmallestModelsOfEachTestFamily()
    {
        var data = SkillDataset.Prepare(SkillsTestData.Table, BenchmarkSets.V1, 3);
        var group = new[] { "llama-2", "llama-2-chat" };
        var split = LeaveFamilyOutSplit.Create(data, group, 2);
        Assert.Equal(data.Count, split.TrainRows.Length + split.TestRows.Length);
        Assert.Empty(split.TrainRows.Intersect(split.TestRows));
        foreach (var fam in group)
        {
            var rows = data.RowsOf(fam);
            var kept = split.TrainRows.Where(r => data.Families[r] == fam).ToArray();
            Assert.Equal(2, kept.Length);
            double largestKept = kept.Max(r => data.Parameters[r]);
            Assert.All(split.TestRows.Where(r => data.Families[r] == fam), r => Assert.True(data.Parameters[r] >= largestKept));
            Assert.Equal(rows.Length - 2, split.TestRows.Count(r => data.Families[r] == fam));
        }
        // Test rows: group order, then size.
        var famOrder = split.TestRows.Select(r => Array.IndexOf(group, data.Families[r])).ToArray();
        Assert.Equal(famOrder.OrderBy(x => x), famOrder);
        // Training rows begin with the kept rows of the test families in reverse group order.
        Assert.Equal("llama-2-chat", data.Families[split.TrainRows[0]]);
        Assert.Equal("llama-2", data.Families[split.TrainRows[2]]);
        Assert.All(split.TrainRows.Skip(4), r => Assert.DoesNotContain(data.Families[r], group));
    }
}
