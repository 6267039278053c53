using System.CommandLine;

namespace TaskScaling.Cli.Commands;

/// <summary>`taskscaling skills`: skill scaling laws (Sloth) — evaluate, fit, interpret, predict, backtest.</summary>
public static class SkillsCommand
{
    public static Command Create()
    {
        var cmd = new Command("skills", "Skill scaling laws (Sloth, Maia Polo et al. 2024): latent skills from leaderboard scores.");
        cmd.Subcommands.Add(SkillsEvaluateCommand.Create());
        cmd.Subcommands.Add(SkillsFitCommand.Create("fit", "Fit Sloth basic and Sloth on all complete-case models; training MAE, loadings, coefficients, family intercepts.", monotone: true));
        cmd.Subcommands.Add(SkillsFitCommand.Create("interpret", "Fit Sloth basic on all complete-case models and show the rotated skills (loadings, correlations, coefficients, family intercepts).", monotone: false));
        cmd.Subcommands.Add(SkillsPredictCommand.Create());
        cmd.Subcommands.Add(SkillsBacktestCommand.Create());
        cmd.Subcommands.Add(SkillsReportCommand.Create());
        cmd.Subcommands.Add(SkillsImportCommand.Create());
        cmd.Subcommands.Add(SkillsDownstreamCommand.Create());
        cmd.Subcommands.Add(SkillsTestTimeCommand.Create());
        return cmd;
    }
}
