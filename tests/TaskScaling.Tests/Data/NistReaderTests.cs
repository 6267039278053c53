using TaskScaling.Data.Nist;
using TaskScaling.Cli;

namespace TaskScaling.Tests.Data;

public class NistReaderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ts-nist-" + Guid.NewGuid().ToString("N"));
    private static string Source(string name) => Path.Combine(DataLocation.Resolve(), "nist-strd", name + ".dat");

    public NistReaderTests() => Directory.CreateDirectory(_dir);
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void ReadsMgh09AsCertified()
    {
        var ds = NistReader.Load(Source("MGH09"));
        Assert.Equal("MGH09", ds.Name);
        Assert.Equal(11, ds.Count);
        Assert.Equal(["b1", "b2", "b3", "b4"], ds.ParameterNames);
        Assert.Equal([25, 39, 41.5, 39], ds.Start1);
        Assert.Equal([0.25, 0.39, 0.415, 0.39], ds.Start2);
        Assert.Equal(1.9280693458E-01, ds.CertifiedValues[0]);
        Assert.Equal(9.0025542308E-02, ds.CertifiedStandardDeviations[3]);
        Assert.Equal(3.0750560385E-04, ds.ResidualSumOfSquares);
        Assert.Equal(6.6279236551E-03, ds.ResidualStandardDeviation);
        Assert.Equal(7, ds.DegreesOfFreedom);
        Assert.Equal(1.957000E-01, ds.Y[0]);
        Assert.Equal(4.0, ds.X[0][0]);
        Assert.Equal("Higher", ds.Difficulty);
    }

    [Fact]
    public void ReadsTwoPredictorsForNelson()
    {
        var ds = NistReader.Load(Source("Nelson"));
        Assert.Equal(128, ds.Count);
        Assert.All(ds.X, x => Assert.Equal(2, x.Length));
    }

    [Fact]
    public void ReadsAllTwentySevenFiles()
    {
        var all = NistReader.LoadFolder(Path.Combine(DataLocation.Resolve(), "nist-strd"));
        Assert.Equal(27, all.Count);
        // The certified residual SD is sqrt(RSS / (n − p)) in every file (Rat43's header states 9 degrees of
        // freedom where n − p = 11; its certified SD uses 11).
        Assert.All(all, d => Assert.Equal(Math.Sqrt(d.ResidualSumOfSquares / (d.Count - d.CertifiedValues.Length)), d.ResidualStandardDeviation, 1e-9 * d.ResidualStandardDeviation));
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        var path = Path.Combine(_dir, "Nope.dat");
        var e = Assert.Throws<DataFormatException>(() => NistReader.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void TruncatedFileNamesFileAndLine()
    {
        var lines = File.ReadAllLines(Source("MGH09"));
        var path = Path.Combine(_dir, "MGH09.dat");
        File.WriteAllLines(path, lines.Take(65));
        var e = Assert.Throws<DataFormatException>(() => NistReader.Load(path));
        Assert.Equal(path, e.File);
        Assert.Equal(65, e.Line);
        Assert.Contains("truncated", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void FileCutInsideTheHeaderIsReported()
    {
        var lines = File.ReadAllLines(Source("MGH09"));
        var path = Path.Combine(_dir, "MGH09.dat");
        File.WriteAllLines(path, lines.Take(43));
        var e = Assert.Throws<DataFormatException>(() => NistReader.Load(path));
        Assert.Equal(path, e.File);
        Assert.NotNull(e.Line);
    }

    [Fact]
    public void NonNumericCellNamesFileLineAndColumn()
    {
        var lines = File.ReadAllLines(Source("MGH09"));
        lines[62] = "       1.735000E-01    one";
        var path = Path.Combine(_dir, "MGH09.dat");
        File.WriteAllLines(path, lines);
        var e = Assert.Throws<DataFormatException>(() => NistReader.Load(path));
        Assert.Equal(63, e.Line);
        Assert.Equal("x", e.Column);
        Assert.Contains("'one'", e.Message);
    }

    [Fact]
    public void NonNumericCertifiedValueIsReported()
    {
        var lines = File.ReadAllLines(Source("MGH09"));
        lines[41] = lines[41].Replace("1.9128232873E-01", "1.91282X2873E-01");
        var path = Path.Combine(_dir, "MGH09.dat");
        File.WriteAllLines(path, lines);
        var e = Assert.Throws<DataFormatException>(() => NistReader.Load(path));
        Assert.Equal(42, e.Line);
    }

    [Fact]
    public void EmptyFolderIsReported()
    {
        var e = Assert.Throws<DataFormatException>(() => NistReader.LoadFolder(_dir));
        Assert.Contains(_dir, e.Message);
    }
}
