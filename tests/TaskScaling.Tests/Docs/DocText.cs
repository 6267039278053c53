using System.Globalization;
using System.Text.RegularExpressions;

namespace TaskScaling.Tests.Docs;

/// <summary>Finds a claim in a doc page (whitespace, line breaks included, matches any whitespace) and checks a computed number against it as stated.</summary>
internal static class DocText
{
    /// <summary>The one match of <paramref name="pattern"/> in the page; the test fails when the claim is missing or ambiguous.</summary>
    public static Match Claim(string file, string pattern)
    {
        var text = Regex.Replace(DocFiles.Read(file), @"\s+", " ");
        var matches = Regex.Matches(text, pattern);
        Assert.True(matches.Count == 1, $"{file}: expected the claim /{pattern}/ once, found it {matches.Count} times");
        return matches[0];
    }

    /// <summary>A stated integer, thousands separators allowed ("8,812").</summary>
    public static int Int(Group g) => int.Parse(g.Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    /// <summary>The computed value, rounded to as many decimals as the doc states, equals the stated figure.</summary>
    public static void Stated(string file, Group stated, double computed, string what)
    {
        var decimals = stated.Value.Contains('.') ? stated.Value.Length - stated.Value.IndexOf('.') - 1 : 0;
        var shown = computed.ToString("F" + decimals, CultureInfo.InvariantCulture);
        Assert.True(shown == stated.Value, $"{file}: {what} is stated as {stated.Value}; the code gives {computed} ({shown})");
    }

    public static void Stated(string file, Group stated, int computed, string what) =>
        Assert.True(Int(stated) == computed, $"{file}: {what} is stated as {stated.Value}; the code gives {computed}");

    /// <summary>"eight" → 8, for the small counts the docs write in words.</summary>
    public static int Word(Group g) =>
        Array.IndexOf(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"], g.Value.ToLowerInvariant()) is var i and >= 0
            ? i : Int(g);
}
