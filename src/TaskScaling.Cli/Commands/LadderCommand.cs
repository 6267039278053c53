using System.CommandLine;

namespace TaskScaling.Cli.Commands;

/// <summary>`taskscaling ladder`: task scaling laws from a model ladder (Bhagia et al. 2024).</summary>
public static class LadderCommand
{
    public static Command Create()
    {
        var cmd = new Command("ladder", "Model-ladder task scaling laws: predict a large model's task accuracy from a ladder of small runs.");
        cmd.Subcommands.Add(LadderPredictCommand.Create(LadderView.Chained));
        cmd.Subcommands.Add(LadderPredictCommand.Create(LadderView.Step1));
        cmd.Subcommands.Add(LadderPredictCommand.Create(LadderView.Step2));
        cmd.Subcommands.Add(LadderBacktestCommand.Create());
        cmd.Subcommands.Add(LadderVarianceCommand.Create());
        cmd.Subcommands.Add(LadderComputeVsErrorCommand.Create());
        cmd.Subcommands.Add(LadderDescribeCommand.Create());
        cmd.Subcommands.Add(LadderInitCommand.Create());
        cmd.Subcommands.Add(LadderReportCommand.Create());
        return cmd;
    }
}
