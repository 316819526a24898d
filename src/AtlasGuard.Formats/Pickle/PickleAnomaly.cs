namespace AtlasGuard.Formats.Pickle;

/// <summary>An irregularity in a stream: something CPython tolerates but legitimate picklers do not write, or a
/// place where different unpicklers read the bytes differently.</summary>
/// <param name="Kind">The kind of anomaly.</param>
/// <param name="Offset">Absolute offset of the opcode concerned.</param>
/// <param name="Detail">A short, printable explanation.</param>
public sealed record PickleAnomaly(PickleAnomalyKind Kind, long Offset, string Detail);
