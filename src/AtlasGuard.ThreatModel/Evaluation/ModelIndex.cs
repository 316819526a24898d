using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using AtlasGuard.ThreatModel.Model;

namespace AtlasGuard.ThreatModel.Evaluation;

/// <summary>Lookups the host functions need, built once per pipeline model.</summary>
internal sealed class ModelIndex
{
    private readonly FrozenDictionary<string, ImmutableArray<Control>> _controls;
    private readonly FrozenDictionary<string, ImmutableArray<Flow>> _outgoing;
    private readonly ConcurrentDictionary<string, ImmutableArray<string>> _downstream = new(StringComparer.Ordinal);

    public ModelIndex(PipelineModel model)
    {
        Model = model;
        _controls = model.Controls
            .SelectMany(c => c.AppliesTo.Select(id => (id, c)))
            .GroupBy(p => p.id, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(p => p.c).ToImmutableArray(), StringComparer.Ordinal);
        _outgoing = model.Flows
            .GroupBy(f => f.From, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);
    }

    public PipelineModel Model { get; }

    public ImmutableArray<Control> ControlsOf(string componentId) => _controls.GetValueOrDefault(componentId, []);

    public ImmutableArray<Flow> OutgoingFlows(string componentId) => _outgoing.GetValueOrDefault(componentId, []);

    /// <summary>Whether a control on the component implements the mitigation with one of the statuses.</summary>
    public bool HasControl(string componentId, string mitigationId, bool countPlanned, bool onlyPlanned = false)
    {
        foreach (var control in ControlsOf(componentId))
        {
            var ok = onlyPlanned ? control.Status == ControlStatus.Planned
                : countPlanned || control.Status is ControlStatus.Implemented or ControlStatus.Verified;
            if (ok && control.Implements.Contains(mitigationId, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Model assets that the component serves or that flow from it, directly or through later components.</summary>
    public ImmutableArray<string> DownstreamModels(Component component) => _downstream.GetOrAdd(component.Id, _ =>
    {
        var models = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal) { component.Id };
        var queue = new Queue<string>([component.Id]);
        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            if (Model.FindComponent(id)?.Serves is { } served)
            {
                models.Add(served);
            }

            foreach (var flow in OutgoingFlows(id))
            {
                if (flow.Artifact is { } artifact)
                {
                    models.Add(artifact);
                }

                if (seen.Add(flow.To))
                {
                    queue.Enqueue(flow.To);
                }
            }
        }

        foreach (var asset in Model.ModelAssets)
        {
            // Data that reaches a model's training set reaches the model.
            if (asset.TrainedOn.Any(d => ComponentCarries(seen, d)))
            {
                models.Add(asset.Id);
            }
        }

        return [.. models];
    });

    private bool ComponentCarries(HashSet<string> components, string dataAssetId) =>
        Model.Flows.Any(f => components.Contains(f.From) && f.Data.Contains(dataAssetId, StringComparer.Ordinal));
}
