namespace AtlasGuard.Formats.Safetensors;

/// <summary>
/// Checks the layout the tensor entries declare: sorted by offset they must tile the byte buffer from 0 to
/// its end, with no gaps, no overlaps and nothing past the end.
/// </summary>
internal static class SafetensorsLayout
{
    /// <summary>Adds layout problems; returns the largest end offset.</summary>
    public static ulong Check(List<SafetensorsTensor> tensors, long dataStart, long? bufferLength, ProblemList problems)
    {
        var sorted = tensors.OrderBy(t => t.Begin).ThenBy(t => t.End).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        ulong covered = 0;
        SafetensorsTensor? furthest = null;
        foreach (var t in sorted)
        {
            if (bufferLength is { } buffer && t.End > (ulong)Math.Max(0, buffer))
            {
                problems.Add(SafetensorsProblemKind.OffsetOutOfRange,
                    $"Tensor '{t.Name}' ends at buffer offset {t.End}, past the end of the {buffer}-byte buffer.",
                    At(dataStart, t.Begin), t.Name);
            }

            if (t.Begin > covered)
            {
                problems.Add(SafetensorsProblemKind.GapBetweenTensors,
                    $"{t.Begin - covered} bytes of the buffer at offset {covered} belong to no tensor (before '{t.Name}').",
                    At(dataStart, covered), t.Name);
            }
            else if (t.Begin < covered && t.End > t.Begin && furthest is not null)
            {
                problems.Add(SafetensorsProblemKind.OverlappingTensors,
                    $"Tensor '{t.Name}' [{t.Begin}, {t.End}) overlaps '{furthest.Name}' [{furthest.Begin}, {furthest.End}).",
                    At(dataStart, t.Begin), t.Name);
            }

            if (t.End > covered)
            {
                covered = t.End;
                furthest = t;
            }
        }

        if (bufferLength is { } length && (ulong)Math.Max(0, length) > covered)
        {
            var trailing = (ulong)length - covered;
            problems.Add(SafetensorsProblemKind.TrailingData,
                $"{trailing} bytes follow the last tensor's data (buffer offset {covered}).", At(dataStart, covered));
        }

        return covered;
    }

    private static long At(long dataStart, ulong relative) =>
        relative > (ulong)(long.MaxValue - dataStart) ? long.MaxValue : dataStart + (long)relative;
}
