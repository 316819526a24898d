using AtlasGuard.ThreatModel.Loading;
using AtlasGuard.ThreatModel.Profiles;

namespace AtlasGuard.ThreatModel.Discovery.Draft;

/// <summary>
/// Writes the draft as a pipeline-model document. What the files show is written as values with the reason
/// alongside; what they do not show is left out and named in a TODO comment; values the schema requires but
/// the files cannot tell are written as <c>unknown</c>, which rules read as missing (needs information), each with a TODO.
/// </summary>
internal sealed class DraftWriter
{
    private const string Unknown = "TODO: unknown until you decide; ";

    private readonly YamlText _y = new();
    private readonly List<DiscoveryEvidence> _evidence = [];
    private readonly List<DiscoveryQuestion> _questions = [];

    public static DiscoveryResult Write(DraftDocument draft, List<DraftFlow> flows, string name, string atlasVersion, int files)
    {
        var writer = new DraftWriter();
        writer.Document(draft, flows, name, atlasVersion);
        var notes = draft.Notes.OrderBy(n => n.Path, StringComparer.Ordinal).ThenBy(n => n.Line).ThenBy(n => n.Message, StringComparer.Ordinal);
        return new DiscoveryResult(
            writer._y.ToString(),
            [.. writer._evidence.Distinct().OrderBy(e => e.Element, StringComparer.Ordinal).ThenBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Line)
                .ThenBy(e => e.Fact, StringComparer.Ordinal)],
            [.. writer._questions.OrderBy(q => q.Element, StringComparer.Ordinal).ThenBy(q => q.Field, StringComparer.Ordinal)],
            [.. notes],
            files)
        { IsEmpty = draft.Components.Count == 0 };
    }

    private void Document(DraftDocument draft, List<DraftFlow> flows, string name, string atlasVersion)
    {
        _y.Comment(0, $"Draft pipeline model of '{name}', written by AtlasGuard discovery from the repository's files.");
        _y.Comment(0, "Only what the files show is filled in. Everything else is absent, so the rules report \"needs information\" for it;");
        _y.Comment(0, "each gap is a TODO comment next to its element. Answer them and replace each unknown; until then, rules that need it report needs information.");
        _y.Line(0, "apiVersion: " + ThreatModelSchema.ApiVersion);
        _y.Line(0, "kind: PipelineModel");
        _y.Line(0, "metadata:");
        _y.Line(2, "name: " + YamlText.Quote(name));
        _y.Line(2, "owner: TODO", "TODO: the team or person answerable for this pipeline");
        _y.Line(2, "business_criticality: unknown", Unknown + "archive, operational, important, critical or mission_critical?");
        _y.Line(2, "atlas_version: " + YamlText.Quote(atlasVersion));
        Ask("metadata", "owner", "Who owns this pipeline?");
        Ask("metadata", "business_criticality", "How much does the business depend on this pipeline?");
        _y.Blank();
        TrustZones(draft);
        if (draft.Models.Count > 0)
        {
            _y.Blank();
            _y.Line(0, "model_assets:");
            foreach (var model in draft.Models.OrderBy(m => m.Id, StringComparer.Ordinal))
            {
                Model(model);
            }
        }

        _y.Blank();
        _y.Line(0, "components:");
        foreach (var component in draft.Components.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            DraftComponentWriter.Write(_y, component, _evidence, _questions);
        }

        Flows(flows);
        _y.Blank();
        _y.Comment(0, "TODO: controls: list the controls in place (each naming the ATLAS mitigation ids it implements); discovery does not guess them.");
        AttackerProfiles(draft);
        Ask("controls", "controls", "Which controls are in place, and which ATLAS mitigations do they implement?");
        Ask("attacker_profiles", "attacker_profiles", "Which attacker profiles should the model be evaluated against?");
    }

    /// <summary>
    /// Suggests the built-in profiles the files make plainly relevant, each with its reason, so that the draft
    /// evaluates to something; the rest stay a TODO. Anything published to the internet meets the opportunistic
    /// scanner, and model files from elsewhere meet a compromised supplier.
    /// </summary>
    private void AttackerProfiles(DraftDocument draft)
    {
        var exposed = draft.Components.Where(c => c.Exposure == "internet").Select(c => c.Id).Order(StringComparer.Ordinal).ToList();
        var suggestions = new List<(string Id, string Why)>();
        if (exposed.Count > 0)
        {
            suggestions.Add(("internet-scanner", "suggested: reachable from the internet: " + string.Join(", ", exposed)));
        }

        if (draft.Models.Count > 0)
        {
            suggestions.Add(("compromised-supplier", "suggested: the repository holds model files, which may come from a third party"));
        }

        var others = BuiltInProfiles.All.Select(p => p.Id).Where(id => suggestions.All(s => s.Id != id)).Order(StringComparer.Ordinal);
        if (suggestions.Count > 0)
        {
            _y.Line(0, "attacker_profiles:");
            foreach (var (id, why) in suggestions)
            {
                _y.Line(2, "- use: " + id, why);
            }
        }

        _y.Comment(0, "TODO: attacker_profiles: pick who else to evaluate against, e.g. - use: " + string.Join(", - use: ", others));
    }

    private void TrustZones(DraftDocument draft)
    {
        _y.Line(0, "trust_zones:");
        _y.Line(2, "- id: internal");
        _y.Line(4, "trust: internal", "TODO: discovery puts every component here; split it into the zones your network really has");
        if (draft.Components.Any(c => c.Exposure == "internet"))
        {
            _y.Line(2, "- id: internet");
            _y.Line(4, "trust: untrusted", "where the callers of the components exposed to the internet come from");
        }

        Ask("trust_zones", "trust_zones", "Which network zones do the components run in?");
    }

    private void Model(DraftModelAsset model)
    {
        _y.Line(2, "- id: " + model.Id);
        if (model.Kind is not null)
        {
            _y.Line(4, "kind: " + model.Kind, "from the architecture in config.json");
        }
        else
        {
            _y.Line(4, "kind: unknown", Unknown + "predictive, generative, embedding or agentic?");
            Ask(model.Id, "kind", "What sort of model is it?");
        }

        _y.Line(4, "decision_use: unknown", Unknown + "security, safety, business, advisory or none?");
        _y.Line(4, "ip_value: unknown", Unknown + "none, low, medium or high?");
        _y.Line(4, "weights_exposure: unknown", Unknown + "private, partner or public (open weights)?");
        Ask(model.Id, "decision_use", "What does the model's output decide?");
        Ask(model.Id, "ip_value", "How much are the weights worth to a competitor?");
        Ask(model.Id, "weights_exposure", "Who holds the weights?");
        if (model.Serialization.Count > 0)
        {
            _y.Line(4, "serialization: " + YamlText.List(model.Serialization));
        }
        else
        {
            _y.Comment(4, "TODO: serialization: the files do not show the format");
            Ask(model.Id, "serialization", "Which formats is the model stored or shipped in?");
        }

        if (model.BaseModels.Count > 0)
        {
            _y.Line(4, "base_models: [" + string.Join(", ", model.BaseModels.Select(YamlText.Quote)) + "]");
        }

        _y.Comment(4, "TODO: trained_on, hosting and task are not in the files");
        Ask(model.Id, "trained_on", "Which data assets was it trained on?");
        foreach (var todo in model.Todos)
        {
            _y.Comment(4, "TODO: " + todo);
        }

        foreach (var (path, line, fact) in model.Evidence.OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Line))
        {
            _y.Comment(4, "seen: " + Where(path, line) + fact);
            _evidence.Add(new DiscoveryEvidence(model.Id, path, line, fact));
        }
    }

    private void Flows(List<DraftFlow> flows)
    {
        if (flows.Count == 0)
        {
            return;
        }

        _y.Blank();
        _y.Line(0, "flows:");
        foreach (var flow in flows)
        {
            var id = flow.From + "-to-" + flow.To;
            _y.Line(2, "- from: " + flow.From);
            _y.Line(4, "to: " + flow.To);
            if (flow.Encrypted is { } encrypted)
            {
                _y.Line(4, "encrypted: " + (encrypted ? "true" : "false"), encrypted ? "https address" : "plain http address");
            }

            _y.Comment(4, "TODO: auth, data and artifact of this flow are not in the files");
            _y.Comment(4, "seen: " + Where(flow.Path, flow.Line) + flow.Fact);
            _evidence.Add(new DiscoveryEvidence(id, flow.Path, flow.Line, flow.Fact));
            Ask(id, "auth", $"How does {flow.To} authenticate {flow.From}?");
        }
    }

    private void Ask(string element, string field, string question) => _questions.Add(new DiscoveryQuestion(element, field, question));

    internal static string Where(string path, int line) => line > 0 ? $"{path}:{line}: " : $"{path}: ";
}
