using System.Text;
using System.Text.RegularExpressions;

namespace TaskScaling.Tests.Robustness;

/// <summary>The kinds of damage a file meets on its way to us: a disk or a copy flips bytes, a download stops
/// early, an editor deletes or duplicates a line, a script swaps columns or rows, a tool writes Latin-1 into UTF-8,
/// a logger writes an overflowed or negative number.</summary>
internal enum Mutation { ByteFlip, Truncate, DeleteLine, DuplicateLine, SwapLines, SwapCells, InvalidUtf8, OddNumber }

/// <summary>Deterministic broken variants of a file: the same (bytes, seed) gives the same mutant.</summary>
internal static partial class Mutator
{
    public static readonly Mutation[] All = Enum.GetValues<Mutation>();

    /// <summary>Numbers a broken writer produces: overflow, negative, non-finite, empty, text, out of range.</summary>
    private static readonly string[] OddNumbers = ["1e400", "-1e400", "-1", "-0.5", "NaN", "Infinity", "inf", "", "abc", "2.5", "1e-400", "0", "99999999999999999999", "\"0.5\"", "null", "1,5"];

    /// <summary>Invalid UTF-8: a lone continuation byte, a truncated 3-byte sequence, an overlong encoding, bytes
    /// that never occur (0xFE, 0xFF), a UTF-16 surrogate encoded in UTF-8.</summary>
    private static readonly byte[][] BadUtf8 = [[0x80], [0xE2, 0x82], [0xC0, 0xAF], [0xFE], [0xFF, 0xFF], [0xED, 0xA0, 0x80]];

    [GeneratedRegex(@"-?\d+(\.\d+)?([eE][-+]?\d+)?")]
    private static partial Regex Number();

    public static (byte[] Bytes, Mutation Kind) Mutate(byte[] original, int seed)
    {
        var rng = new Random(seed);
        var kind = All[rng.Next(All.Length)];
        return (Apply(original, kind, rng), kind);
    }

    public static byte[] Apply(byte[] original, Mutation kind, Random rng)
    {
        switch (kind)
        {
            case Mutation.ByteFlip:
            {
                var b = (byte[])original.Clone();
                for (int k = 1 + rng.Next(3); k > 0 && b.Length > 0; k--) b[rng.Next(b.Length)] = (byte)rng.Next(256);
                return b;
            }
            case Mutation.Truncate:
                return original[..rng.Next(original.Length)];
            case Mutation.InvalidUtf8:
            {
                int at = rng.Next(original.Length + 1);
                return [.. original[..at], .. BadUtf8[rng.Next(BadUtf8.Length)], .. original[at..]];
            }
        }
        var lines = Encoding.UTF8.GetString(original).Split('\n').ToList();
        int i = rng.Next(lines.Count), j = rng.Next(lines.Count);
        switch (kind)
        {
            case Mutation.DeleteLine: lines.RemoveAt(i); break;
            case Mutation.DuplicateLine: lines.Insert(j, lines[i]); break;
            case Mutation.SwapLines: (lines[i], lines[j]) = (lines[j], lines[i]); break;
            case Mutation.SwapCells:
            {
                // A CSV row's cells; on a line with fewer than two (most JSON lines), two numbers of the file.
                var cells = lines[i].Split(',');
                if (cells.Length >= 2)
                {
                    int a = rng.Next(cells.Length), c = rng.Next(cells.Length);
                    (cells[a], cells[c]) = (cells[c], cells[a]);
                    lines[i] = string.Join(',', cells);
                    break;
                }
                var text = string.Join('\n', lines);
                var numbers = Number().Matches(text);
                if (numbers.Count < 2) return Encoding.UTF8.GetBytes(text);
                var (x, y) = (numbers[rng.Next(numbers.Count)], numbers[rng.Next(numbers.Count)]);
                if (x.Index > y.Index) (x, y) = (y, x);
                if (x.Index + x.Length > y.Index) return Encoding.UTF8.GetBytes(text);
                return Encoding.UTF8.GetBytes(text[..x.Index] + y.Value + text[(x.Index + x.Length)..y.Index] + x.Value + text[(y.Index + y.Length)..]);
            }
            case Mutation.OddNumber:
            {
                var text = string.Join('\n', lines);
                var numbers = Number().Matches(text);
                if (numbers.Count == 0) return Encoding.UTF8.GetBytes(text);
                var m = numbers[rng.Next(numbers.Count)];
                return Encoding.UTF8.GetBytes(text[..m.Index] + OddNumbers[rng.Next(OddNumbers.Length)] + text[(m.Index + m.Length)..]);
            }
        }
        return Encoding.UTF8.GetBytes(string.Join('\n', lines));
    }
}
