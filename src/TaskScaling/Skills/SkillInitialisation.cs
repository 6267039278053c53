namespace TaskScaling.Skills;

/// <summary>How the initial values of a skill-model fit are drawn (spec §3.2; the distributions are the same, the streams differ).</summary>
public enum SkillInitialisation
{
    /// <summary>
    /// <c>System.Random(seed)</c> with Box–Muller normals, every parameter drawn in layout order. The builds before
    /// <see cref="Torch"/> existed used it; it is the record's initialiser so that their fit files refit as they did.
    /// </summary>
    SystemRandom,
    /// <summary>
    /// PyTorch's CPU stream after <c>torch.manual_seed(seed)</c>, drawn as the reference code draws it: the slopes as a
    /// (p×d) tensor, the intercepts (q×d), b (1×J), the loadings (d×J), then one <c>nn.Linear</c> stack per benchmark;
    /// a warm-started stage 2 draws only the networks. Seed 42 then starts every fit where the reference's fits start
    /// (spec §10: stage 1 at lr 0.001 reaches the reference's training MAE 0.024543 in 8,812 epochs against 8,817).
    /// </summary>
    Torch,
}
