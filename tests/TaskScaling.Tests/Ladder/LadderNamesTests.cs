using TaskScaling.Ladder;

namespace TaskScaling.Tests.Ladder;

/// <summary>The one table of the ladder's choice names: every value has one name that parses back, and an unknown name is refused.</summary>
public sealed class LadderNamesTests
{
    private static void RoundTrips<T>() where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        Assert.Equal(values.Length, LadderNames.Known<T>().Count);
        Assert.Equal(values.Length, LadderNames.Known<T>().Distinct().Count());
        foreach (var v in values)
        {
            Assert.Equal(v, LadderNames.Parse<T>(LadderNames.Of(v)));
            Assert.True(LadderNames.TryParse(LadderNames.Of(v), out T back));
            Assert.Equal(v, back);
        }
    }

    [Fact]
    public void EveryChoiceHasOneNameThatParsesBack()
    {
        RoundTrips<LadderVariant>();
        RoundTrips<LadderFeature>();
        RoundTrips<IntervalMethod>();
        RoundTrips<Step2Shape>();
        RoundTrips<TaskScaling.Numerics.LeastSquares.FitStatus>();
        RoundTrips<TaskScaling.Numerics.LeastSquares.LossKind>();
    }

    [Fact]
    public void SavedFitNamesAreTheKebabCaseOnes()
    {
        Assert.Equal("two-step", LadderNames.Of(LadderVariant.TwoStep));
        Assert.Equal("direct-accuracy", LadderNames.Of(LadderVariant.DirectAccuracy));
        Assert.Equal("log-sigmoid", LadderNames.Of(Step2Shape.LogSigmoid));
    }

    [Theory]
    [InlineData("TwoStep")]
    [InlineData("two_step")]
    [InlineData("")]
    [InlineData(null)]
    public void UnknownVariantIsRefusedListingTheKnownNames(string? name)
    {
        Assert.False(LadderNames.TryParse(name, out LadderVariant _));
        var e = Assert.Throws<InvalidRequestException>(() => LadderNames.Parse<LadderVariant>(name));
        Assert.StartsWith("unknown variant", e.Message);
        foreach (var known in LadderNames.Known<LadderVariant>()) Assert.Contains(known, e.Message);
    }
}
