using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TaskScaling.Cli;
using TaskScaling.Data;
using TaskScaling.Tests.Docs;
using TaskScaling.Tests.Ladder;
using static TaskScaling.Tests.Cli.ProgramRunner;

namespace TaskScaling.Tests.Cli.Contract;

/// <summary>
/// The machine-output contract (docs/output.md): every command with --format has a schema in docs/schemas, named
/// after its command path (`ladder predict` → ladder-predict.schema.json); its `--format json` output, run
/// in-process with the schema's "x-example" arguments, validates; and wherever a record holds a prediction, an
/// actual and an absolute error, the error is |predicted − actual| (a fraction) in JSON and CSV. A new command
/// only needs its schema file.
/// </summary>
[Collection("Console")]
public sealed class MachineOutputContractTests : IDisposable
{
    private static readonly string SchemaFolder = Path.Combine(DocFiles.RepositoryRoot, "docs", "schemas");
    private readonly string _dir = Directory.CreateTempSubdirectory("contract").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>The commands with a --format option, by their path ("ladder predict").</summary>
    private static Dictionary<string, Command> FormattedCommands()
    {
        var found = new Dictionary<string, Command>(StringComparer.Ordinal);
        void Walk(Command c, string path)
        {
            if (c.Options.Any(o => o.Name == "--format")) found[path] = c;
            foreach (var sub in c.Subcommands) Walk(sub, path.Length == 0 ? sub.Name : $"{path} {sub.Name}");
        }
        Walk(Program.BuildRoot(), "");
        return found;
    }

    private static string SchemaFile(string commandPath) => Path.Combine(SchemaFolder, commandPath.Replace(' ', '-') + ".schema.json");

    public static TheoryData<string> Schemas() =>
        [.. Directory.EnumerateFiles(SchemaFolder, "*.schema.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Fact]
    public void EveryCommandWithFormatHasASchemaAndEverySchemaACommand()
    {
        var commands = FormattedCommands();
        Assert.True(commands.Count >= 10, string.Join(", ", commands.Keys));
        var missing = commands.Keys.Where(c => !File.Exists(SchemaFile(c))).Select(c => $"`{c}` has --format but no {Path.GetFileName(SchemaFile(c))}").ToList();
        Assert.True(missing.Count == 0, string.Join("\n", missing));
        var known = commands.Keys.Select(c => Path.GetFileName(SchemaFile(c))).ToHashSet();
        var orphans = Directory.EnumerateFiles(SchemaFolder, "*.schema.json").Select(f => Path.GetFileName(f)).Where(f => !known.Contains(f)).ToList();
        Assert.True(orphans.Count == 0, "schemas of no command: " + string.Join(", ", orphans));
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public void JsonOutputValidatesAndAbsoluteErrorsAreFractions(string schemaFile)
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(SchemaFolder, schemaFile)));
        var args = Example(schema.RootElement, schemaFile);
        // Standard output: `skills fit --out` saves a model, not the output.
        var (code, stdout, err) = RunCapturing([.. args, "--format", "json"]);
        Assert.True(code == 0, $"{string.Join(' ', args)}: {err}");
        using var output = JsonDocument.Parse(stdout);
        var errors = SchemaSubset.Validate(output.RootElement, schema.RootElement);
        Assert.True(errors.Count == 0, $"{schemaFile}:\n" + string.Join("\n", errors.Take(20)));
        AssertAbsoluteErrors(output.RootElement, schemaFile);

        // The CSV where the command has one: the same identity, row by row.
        var (csvCode, csv, csvErr) = RunCapturing([.. args, "--format", "csv"]);
        if (csvCode == CliRunner.UserError && csvErr.Contains("not available", StringComparison.Ordinal)) return;
        Assert.True(csvCode == 0, csvErr);
        var table = CsvTable.Parse(csv, schemaFile);
        foreach (var (predicted, error) in Pairs)
        {
            if (!table.Header.Contains(error)) continue;
            for (int r = 0; r < table.RowCount; r++)
                if (table.Cell(r, error).Length > 0)
                    Assert.Equal(Math.Abs(Number(table.Cell(r, predicted)) - Number(table.Cell(r, "actual"))), Number(table.Cell(r, error)), 1e-12);
        }
    }

    /// <summary>(prediction field, its absolute-error field); both against "actual".</summary>
    private static readonly (string Predicted, string Error)[] Pairs = [("predicted", "absoluteError"), ("step2Predicted", "step2AbsoluteError")];

    private static double Number(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static int AssertAbsoluteErrors(JsonElement e, string where)
    {
        int checkedHere = 0;
        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var (predicted, error) in Pairs)
                if (e.TryGetProperty(error, out var abs))
                {
                    var p = e.GetProperty(predicted);   // an error without its prediction and actual is itself a breach
                    var a = e.GetProperty("actual");
                    Assert.Equal(Math.Abs(p.GetDouble() - a.GetDouble()), abs.GetDouble(), 1e-12);
                    checkedHere++;
                }
            foreach (var p in e.EnumerateObject()) checkedHere += AssertAbsoluteErrors(p.Value, where);
        }
        else if (e.ValueKind == JsonValueKind.Array)
            foreach (var item in e.EnumerateArray()) checkedHere += AssertAbsoluteErrors(item, where);
        return checkedHere;
    }

    /// <summary>The schema's "x-example" arguments, with --data when the command takes it. A schema may also give
    /// "x-setup", a command run first that writes the example's input (e.g. a generated sample file); "{dir}" in
    /// either is the test's temporary folder.</summary>
    private string[] Example(JsonElement schema, string schemaFile)
    {
        Assert.True(schema.TryGetProperty("x-example", out var example), $"{schemaFile}: no \"x-example\" (the arguments the test runs)");
        var command = FormattedCommands().Single(c => Path.GetFileName(SchemaFile(c.Key)) == schemaFile).Value;
        string[] Args(JsonElement e)
        {
            var args = e.EnumerateArray().Select(a => a.GetString()!.Replace("{dir}", _dir, StringComparison.Ordinal)).ToArray();
            return command.Options.Any(o => o.Name == "--data") ? [.. args, "--data", ReferenceRun.DataRoot] : args;
        }
        if (schema.TryGetProperty("x-setup", out var setup))
        {
            var (code, err) = Run(Args(setup));
            Assert.True(code == 0, $"{schemaFile}: x-setup failed: {err}");
        }
        return Args(example);
    }

    [Fact]
    public void LadderPredictionsCarryAbsoluteErrors()
    {
        // The identity test above must have something to check: the paper targets have actuals.
        var json = Path.Combine(_dir, "p.json");
        Assert.Equal(0, Run("ladder", "predict", "--data", ReferenceRun.DataRoot, "--tasks", "mmlu", "--out", json).Code);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(2 * 2, AssertAbsoluteErrors(doc.RootElement, "p.json"));   // chained and step 2, two targets
    }

    [Fact]
    public void WithJsonOutputAnErrorIsOneJsonObjectOnStderr()
    {
        var missing = Path.Combine(_dir, "missing.json");
        var (code, err) = Run("ladder", "predict", "--ladder", missing, "--format", "json");
        Assert.Equal(CliRunner.UserError, code);
        var line = Assert.Single(err.TrimEnd().Split('\n'));
        var error = JsonDocument.Parse(line).RootElement.GetProperty("error");
        Assert.Equal(missing, error.GetProperty("file").GetString());
        Assert.Contains("missing.json", error.GetProperty("message").GetString());
        Assert.Equal(2, error.GetProperty("exitCode").GetInt32());

        // A command line that does not parse, JSON chosen by the --out extension.
        (code, err) = Run("ladder", "predict", "--params", "70", "--tokens", "15T", "--out", Path.Combine(_dir, "x.json"));
        Assert.Equal(CliRunner.UserError, code);
        Assert.Contains("70B", JsonDocument.Parse(Assert.Single(err.TrimEnd().Split('\n'))).RootElement.GetProperty("error").GetProperty("message").GetString());
        Assert.False(File.Exists(Path.Combine(_dir, "x.json")));

        // Table output keeps the error: line.
        (code, err) = Run("ladder", "predict", "--ladder", missing);
        Assert.StartsWith("error: ", err);
    }
}
