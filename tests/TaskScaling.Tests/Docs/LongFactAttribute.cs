namespace TaskScaling.Tests.Docs;

/// <summary>
/// A test that takes minutes (the monotone-link fits of the whole evaluation): skipped, and reported as skipped,
/// unless TASKSCALING_LONG_TESTS=1.
/// </summary>
internal sealed class LongFactAttribute : FactAttribute
{
    public const string Variable = "TASKSCALING_LONG_TESTS";

    public LongFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1") Skip = $"takes minutes: set {Variable}=1 to run it";
    }
}
