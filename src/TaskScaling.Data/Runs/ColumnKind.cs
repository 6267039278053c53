namespace TaskScaling.Data.Runs;

/// <summary>
/// What a run's column holds, as the caller (who knows the method) declares it when asking for the column:
/// <see cref="RunHistory.Column(string, string, ColumnKind)"/> refuses a value outside the kind's range with an
/// error naming the file, line and column. Every kind refuses a non-finite number.
/// </summary>
public enum ColumnKind
{
    /// <summary>Any finite number.</summary>
    Any,
    /// <summary>At least 0: a loss, bits per byte, a perplexity.</summary>
    NonNegative,
    /// <summary>At most 0: a log-probability or log-likelihood.</summary>
    NonPositive,
    /// <summary>In [0, 1]: an accuracy.</summary>
    Fraction,
}
