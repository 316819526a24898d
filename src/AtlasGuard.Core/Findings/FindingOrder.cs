namespace AtlasGuard.Core.Findings;

/// <summary>
/// The one order in which findings are reported: path, inner path, line, column, offset, rule, fingerprint,
/// message. Ordinal comparison throughout so output is byte-identical across runs and machines.
/// </summary>
public sealed class FindingOrder : IComparer<Finding>
{
    /// <summary>The shared instance.</summary>
    public static FindingOrder Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(Finding? x, Finding? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var c = string.CompareOrdinal(x.Location.Path, y.Location.Path);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(x.Location.InnerPath, y.Location.InnerPath);
        if (c != 0)
        {
            return c;
        }

        c = Nullable.Compare(x.Location.Line, y.Location.Line);
        if (c != 0)
        {
            return c;
        }

        c = Nullable.Compare(x.Location.Column, y.Location.Column);
        if (c != 0)
        {
            return c;
        }

        c = Nullable.Compare(x.Location.ByteOffset, y.Location.ByteOffset);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(x.RuleId, y.RuleId);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(x.Fingerprint, y.Fingerprint);
        return c != 0 ? c : string.CompareOrdinal(x.Message, y.Message);
    }
}
