using System.CommandLine;

namespace TaskScaling.Cli;

/// <summary>Options several commands share. Each call makes a fresh instance (an option belongs to one command).</summary>
public static class CommonOptions
{
    public static Option<string?> Data() => new("--data")
    {
        Description = "The data folder (default: $TASKSCALING_DATA, else ../shared/data relative to the repository root).",
    };

    public static Option<OutputFormat> Format() => new("--format")
    {
        Description = "Output format: table, json or csv (default: from the --out extension, .json or .csv; else table). "
            + "JSON and CSV follow the machine-output contract (docs/output.md): fractions, raw counts; with json, errors are a JSON object on stderr.",
        DefaultValueFactory = _ => OutputFormat.Table,
    };

    public static OutOption Out() => new("--out")
    {
        Description = "Write the output to this file (written whole or not at all) instead of standard output; .json or .csv chooses the format.",
    };
}

public enum OutputFormat { Table, Json, Csv }

/// <summary>`--out FILE`. When <see cref="InfersFormat"/> (the file is the command's output), a .json or .csv
/// extension chooses --format (<see cref="OutputFormats"/>); `skills fit --out` saves a model instead.</summary>
public sealed class OutOption(string name) : Option<string?>(name)
{
    public bool InfersFormat { get; set; } = true;
}
