using System.CommandLine;

namespace TaskScaling.Cli.Commands;

/// <summary>`taskscaling nist`: the NIST StRD nonlinear-regression suite (placeholder until the engine lands).</summary>
public static class NistCommand
{
    public static Command Create()
    {
        var cmd = new Command("nist", "Fit the 27 NIST StRD nonlinear-regression problems from both starting values and report LREs.");
        var data = CommonOptions.Data();
        cmd.Options.Add(data);
        cmd.SetAction(parse => CliRunner.Execute(() => 0));
        return cmd;
    }
}
