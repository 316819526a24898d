namespace AtlasGuard.Formats.Pickle.Internal;

/// <summary>Collects imports, calls, anomalies and persistent ids of one stream, within the recording caps.</summary>
internal sealed class EvidenceRecorder
{
    private const int MaxPersistentSamples = 16;

    private readonly PickleAnalysisOptions _options;
    private readonly List<PickleImport> _imports = [];
    private readonly Dictionary<(string?, string?, string?), PickleImport> _importIndex = [];
    private readonly List<PickleCall> _calls = [];
    private readonly Dictionary<(object, bool), int> _callsPerCallee = [];
    private readonly List<PickleAnomaly> _anomalies = [];
    private readonly HashSet<(PickleAnomalyKind, string)> _anomalyKeys = [];
    private readonly List<string> _persistentSamples = [];
    private static readonly object UnknownCallee = new();
    private static readonly object PersistentCallee = new();

    public EvidenceRecorder(PickleAnalysisOptions options) => _options = options;

    public bool AfterProblem { get; set; }

    public long ImportCount { get; private set; }

    public long CallCount { get; private set; }

    public long PersistentIdCount { get; private set; }

    public bool ImportsTruncated { get; private set; }

    public bool CallsTruncated { get; private set; }

    public IReadOnlyList<PickleImport> Imports => _imports;

    public IReadOnlyList<PickleCall> Calls => _calls;

    public IReadOnlyList<PickleAnomaly> Anomalies => _anomalies;

    public IReadOnlyList<string> PersistentSamples => _persistentSamples;

    public PickleImport RecordImport(string? module, string? name, long offset, PickleOpcode opcode, int protocol, string? reason)
    {
        ImportCount++;
        var key = (module, name, reason);
        if (_importIndex.TryGetValue(key, out var existing))
        {
            existing.Occurrences++;
            return existing;
        }

        var import = new PickleImport(module, name, offset, opcode, protocol, reason, AfterProblem);
        if (_imports.Count < _options.MaxRecordedImports)
        {
            _imports.Add(import);
            _importIndex[key] = import;
        }
        else
        {
            ImportsTruncated = true;
        }

        return import;
    }

    /// <summary>Counts a call and tells whether it should be recorded (so arguments are only formatted when kept).</summary>
    public bool BeginCall(PickleCalleeKind kind, PickleImport? callee, bool isCall)
    {
        CallCount++;
        if (kind == PickleCalleeKind.Import && isCall && callee is not null)
        {
            callee.CallCount++;
        }

        object key = callee ?? (kind == PickleCalleeKind.Persistent ? PersistentCallee : UnknownCallee);
        _callsPerCallee.TryGetValue((key, isCall), out var seen);
        if (seen >= _options.MaxCallsPerCallee)
        {
            return false;
        }

        if (_calls.Count >= _options.MaxRecordedCalls)
        {
            if (seen == 0)
            {
                CallsTruncated = true;
            }

            return false;
        }

        _callsPerCallee[(key, isCall)] = seen + 1;
        return true;
    }

    public void AddCall(PickleCall call) => _calls.Add(call);

    public void RecordAnomaly(PickleAnomalyKind kind, long offset, string detail, string? dedupeKey = null)
    {
        if (dedupeKey is not null && !_anomalyKeys.Add((kind, dedupeKey)))
        {
            return;
        }

        if (_anomalies.Count < _options.MaxRecordedAnomalies)
        {
            _anomalies.Add(new PickleAnomaly(kind, offset, detail));
        }
    }

    public void RecordPersistentId(string summary)
    {
        PersistentIdCount++;
        if (_persistentSamples.Count < MaxPersistentSamples)
        {
            _persistentSamples.Add(summary);
        }
    }
}
