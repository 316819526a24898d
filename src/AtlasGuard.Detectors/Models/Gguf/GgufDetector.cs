using System.Collections.Immutable;
using AtlasGuard.Core.Rules;
using AtlasGuard.Core.Scanning;
using AtlasGuard.Core.Sniffing;
using AtlasGuard.Formats.Gguf;

namespace AtlasGuard.Detectors.Models.Gguf;

/// <summary>
/// GGUF models (llama.cpp, Ollama, LM Studio): the header, metadata and tensor infos are parsed without reading
/// tensor data; chat templates in <c>tokenizer.chat_template</c> and <c>tokenizer.chat_template.*</c> are analysed
/// statically for Jinja sandbox escapes (CVE-2024-34359); a header that lies about its counts or lengths, and
/// abnormal metadata, are reported.
/// </summary>
internal sealed class GgufDetector(GgufParseOptions options) : IDetector
{
    /// <summary>A string longer than this in a key that is not a chat template is abnormal.</summary>
    public const int AbnormalStringLength = 1 << 20;

    private const int MaxProblemsReported = 8;

    public GgufDetector()
        : this(GgufParseOptions.Default)
    {
    }

    public string Id => "gguf";

    public ImmutableArray<RuleDescriptor> Rules { get; } = GgufRules.All;

    public bool AppliesToIgnoredFiles => true;

    public bool IsApplicable(ScanTarget target) => target.Kind == ArtifactKind.Gguf;

    public async ValueTask AnalyzeAsync(ScanTarget target, IFindingSink sink, CancellationToken cancellationToken = default)
    {
        GgufFile file;
        await using (var stream = target.OpenRead())
        {
            file = GgufParser.Parse(stream, target.Length, options, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        foreach (var entry in file.Metadata)
        {
            ReportEntry(entry, target, sink);
        }

        foreach (var problem in file.Problems.Take(MaxProblemsReported))
        {
            var what = problem.Key is null ? string.Empty : $" ({problem.Key})";
            sink.Report(GgufRules.GgufMalformed.CreateFinding(target.Location.AtOffset(problem.Offset),
                $"GGUF {Describe(problem.Kind)} at byte {problem.Offset}{what}: {problem.Message}"
                + (file.IsComplete ? string.Empty : " The rest of the header was not analysed."),
                key: $"{problem.Kind}:{problem.Key}:{problem.Offset}", evidence: $"{problem.Kind} at {problem.Offset}"));
        }
    }

    private static void ReportEntry(GgufMetadataEntry entry, ScanTarget target, IFindingSink sink)
    {
        var location = target.Location.AtOffset(entry.ValueOffset);
        var isTemplate = entry.Key == "tokenizer.chat_template" || entry.Key.StartsWith("tokenizer.chat_template.", StringComparison.Ordinal);
        var key = GgufParser.Printable(entry.Key);
        if (isTemplate)
        {
            if (entry.Type != GgufValueType.String || entry.StringValue is null)
            {
                sink.Report(GgufRules.GgufAbnormalMetadata.CreateFinding(location,
                    $"Metadata key {key} holds a value of type {entry.Type.ToString().ToUpperInvariant()} instead of a string; loaders disagree on what such a template means.",
                    key: "template-type:" + entry.Key, evidence: $"{key}: {entry.Type}", severity: Core.Findings.Severity.Medium));
                return;
            }

            if (entry.StringValue.Length > ChatTemplateReporter.AbnormalTemplateLength)
            {
                sink.Report(GgufRules.GgufAbnormalMetadata.CreateFinding(location,
                    $"The chat template in {key} is {entry.StringValue.Length} characters long; real templates are a few kilobytes.",
                    key: "template-size:" + entry.Key, evidence: $"{key}: {entry.ValueLength} bytes"));
            }

            ChatTemplateReporter.Report(entry.StringValue, key, location, sink);
            return;
        }

        // tokenizer.huggingface.json embeds a whole tokenizer.json and is legitimately megabytes long.
        if (entry.Type == GgufValueType.String && entry.LongestString > AbnormalStringLength && entry.Key != "tokenizer.huggingface.json")
        {
            sink.Report(GgufRules.GgufAbnormalMetadata.CreateFinding(location,
                $"Metadata key {key} holds a string of {entry.LongestString} bytes; this key normally holds a short value.",
                key: "long-string:" + entry.Key, evidence: $"{key}: {entry.LongestString} bytes"));
        }
    }

    private static string Describe(GgufProblemKind kind) => kind switch
    {
        GgufProblemKind.InvalidMagic => "magic missing",
        GgufProblemKind.UnsupportedVersion => "unsupported version",
        GgufProblemKind.Truncated => "truncated",
        GgufProblemKind.CountBeyondContent => "count beyond the file",
        GgufProblemKind.LimitExceeded => "limit exceeded",
        GgufProblemKind.InvalidType => "invalid type",
        GgufProblemKind.InvalidUtf8 => "invalid UTF-8",
        GgufProblemKind.DuplicateKey => "duplicate key",
        GgufProblemKind.TensorOutOfBounds => "tensor out of bounds",
        _ => "invalid value",
    };
}
