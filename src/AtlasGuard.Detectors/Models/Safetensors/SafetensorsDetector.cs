using System.Collections.Immutable;
using AtlasGuard.Core.Findings;
using AtlasGuard.Core.Rules;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Sniffing;
using AtlasGuard.Formats.Safetensors;

namespace AtlasGuard.Detectors.Models.Safetensors;

/// <summary>
/// Safetensors files, recognised by content or by a <c>.safetensors</c> name (a damaged header can defeat
/// sniffing): a header that misdescribes the buffer, bytes hidden outside every tensor, repeated keys,
/// suspicious <c>__metadata__</c>, and headers that cannot be parsed. Reads only the header and, for hidden
/// regions, their first few KiB; never the tensor data.
/// </summary>
internal sealed class SafetensorsDetector : IDetector
{
    /// <summary>At most this many findings per rule and file; the last one says how many more there were.</summary>
    private const int MaxFindingsPerRule = 10;

    /// <summary>Metadata characters inspected per file; a 100 MB header cannot make the regexes run for minutes.</summary>
    private const int MetadataBudget = 8 << 20;

    public string Id => "safetensors";

    public ImmutableArray<RuleDescriptor> Rules { get; } = SafetensorsRules.All;

    public bool AppliesToIgnoredFiles => true;

    // A Git LFS pointer named .safetensors is what a clone without `git lfs pull` holds: not the model, not damaged.
    public bool IsApplicable(ScanTarget target) =>
        target.Kind == ArtifactKind.Safetensors
        || (target.Name.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase)
            && !target.Head.Span.StartsWith("version https://git-lfs.github.com/spec/"u8));

    public async ValueTask AnalyzeAsync(ScanTarget target, IFindingSink sink, CancellationToken cancellationToken = default)
    {
        var length = target.Length ?? await MeasureAsync(target, cancellationToken).ConfigureAwait(false);
        var stream = target.OpenRead();
        await using (stream.ConfigureAwait(false))
        {
            var file = SafetensorsReader.Read(stream, length);
            cancellationToken.ThrowIfCancellationRequested();
            if (!file.HeaderParsed && target.Kind is not (ArtifactKind.Safetensors or ArtifactKind.Unknown))
            {
                // A pickle or archive renamed to .safetensors is a known way to get past name-based policies; say so.
                file = file with
                {
                    Problems =
                    [
                        .. file.Problems.Select(p => p with { Message = $"{p.Message} The content is {target.Kind}, not safetensors." }),
                    ],
                };
            }

            var findings = new List<Finding>();
            var probes = 0;
            HiddenRegionProbe? prober = null;
            foreach (var problem in file.Problems)
            {
                var rule = RuleFor(problem.Kind);
                var evidence = $"offset {problem.Offset}"
                    + (problem.Key is null ? "" : $", key '{SafetensorsText.Printable(problem.Key, 80)}'");
                Severity? severity = null;
                var hidden = problem.Kind is SafetensorsProblemKind.TrailingData or SafetensorsProblemKind.GapBetweenTensors;
                if (hidden && probes++ < MaxFindingsPerRule)
                {
                    var probe = (prober ??= new HiddenRegionProbe(stream, file)).Describe(problem, cancellationToken);
                    evidence += "; " + probe.Description;
                    severity = probe.OnlyZeroPadding ? Severity.Medium : null;
                }

                findings.Add(rule.CreateFinding(target.Location, Describe(problem, file), key: $"{problem.Kind}:{problem.Key}",
                    evidence: evidence, severity: severity));
            }

            if (file.HeaderParsed)
            {
                var budget = MetadataBudget;
                foreach (var entry in file.Metadata)
                {
                    budget -= entry.Key.Length + Math.Min(entry.Value.Length, 1 << 20);
                    if (budget < 0)
                    {
                        break;
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    if (MetadataInspector.Inspect(entry.Key, entry.Value) is { } hit)
                    {
                        findings.Add(SafetensorsRules.SuspiciousMetadata.CreateFinding(target.Location,
                            $"__metadata__ entry '{SafetensorsText.Printable(entry.Key, 80)}' holds {hit.Reason}.",
                            key: "metadata:" + entry.Key, evidence: hit.Evidence, severity: hit.Severity));
                    }
                }
            }

            Report(findings, target.Location, sink);
        }
    }

    /// <summary>
    /// The length of content whose length was not given (some compressed members): without it, data missing
    /// or hidden at the end cannot be seen. Costs one extra pass over the content, which is read anyway.
    /// </summary>
    private static async ValueTask<long?> MeasureAsync(ScanTarget target, CancellationToken cancellationToken)
    {
        var stream = target.OpenRead();
        await using (stream.ConfigureAwait(false))
        {
            if (stream.CanSeek)
            {
                return stream.Length;
            }

            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return total;
        }
    }

    private static string Describe(SafetensorsProblem problem, SafetensorsFile file)
    {
        var message = SafetensorsText.Printable(problem.Message, 300);
        if (problem.Kind != SafetensorsProblemKind.OffsetOutOfRange || file.BufferLength is not { } buffer
            || (ulong)Math.Max(0, buffer) >= file.DataEnd)
        {
            return message;
        }

        var missing = file.DataEnd - (ulong)Math.Max(0, buffer);
        return $"{message} The data the header describes ends {missing} bytes after the end of the file: "
            + "a truncated file or a header that lies.";
    }

    private static void Report(List<Finding> findings, ArtifactLocation location, IFindingSink sink)
    {
        foreach (var group in findings.GroupBy(f => f.RuleId, StringComparer.Ordinal))
        {
            var list = group.ToList();
            foreach (var f in list.Take(MaxFindingsPerRule))
            {
                sink.Report(f);
            }

            if (list.Count > MaxFindingsPerRule)
            {
                var rule = SafetensorsRules.All.First(r => r.Id == group.Key);
                sink.Report(rule.CreateFinding(location, $"{list.Count - MaxFindingsPerRule} more problems of this kind were not listed.",
                    key: "more", severity: list.Max(f => f.Severity)));
            }
        }
    }

    private static RuleDescriptor RuleFor(SafetensorsProblemKind kind) => kind switch
    {
        SafetensorsProblemKind.HeaderBeyondFile or SafetensorsProblemKind.OffsetOutOfRange or SafetensorsProblemKind.OverlappingTensors
            or SafetensorsProblemKind.SizeMismatch or SafetensorsProblemKind.InvalidOffsets => SafetensorsRules.HeaderMisdescribesData,
        SafetensorsProblemKind.TrailingData or SafetensorsProblemKind.GapBetweenTensors => SafetensorsRules.HiddenData,
        SafetensorsProblemKind.DuplicateKey => SafetensorsRules.DuplicateKeys,
        _ => SafetensorsRules.HeaderUnreadable,
    };
}
